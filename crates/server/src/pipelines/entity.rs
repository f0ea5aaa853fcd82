//! The `pipelines`, `stages`, `stage_changes` and `record_tags` tables.

pub mod pipeline {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "pipelines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub name: String,
        pub kind: String,
        pub position: i32,
        pub is_default: bool,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod stage {
    use sea_orm::entity::prelude::*;
    use voronka_types::pipelines::{Stage, StageKind};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub pipeline_id: Uuid,
        pub name: String,
        pub kind: String,
        pub position: i32,
        pub key: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        pub fn kind(&self) -> StageKind {
            StageKind::parse(&self.kind).unwrap_or(StageKind::Open)
        }
    }

    impl From<Model> for Stage {
        fn from(m: Model) -> Self {
            Stage {
                id: m.id.into(),
                pipeline_id: m.pipeline_id.into(),
                kind: m.kind(),
                name: m.name,
                position: m.position.max(0) as u32,
                key: m.key,
            }
        }
    }
}

pub mod stage_change {
    use sea_orm::entity::prelude::*;
    use voronka_types::pipelines::StageChange;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stage_changes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub tenant_id: Uuid,
        /// `lead` or `deal`.
        pub entity: String,
        pub record_id: Uuid,
        pub pipeline_id: Uuid,
        pub from_stage_id: Option<Uuid>,
        pub to_stage_id: Uuid,
        pub actor_id: Option<Uuid>,
        pub changed_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl From<Model> for StageChange {
        fn from(m: Model) -> Self {
            StageChange {
                from_stage_id: m.from_stage_id.map(Into::into),
                to_stage_id: m.to_stage_id.into(),
                actor_id: m.actor_id.map(Into::into),
                changed_at: m.changed_at,
            }
        }
    }
}

pub mod record_tag {
    use sea_orm::entity::prelude::*;

    /// One lower-cased tag of a lead or deal.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "record_tags")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub record_id: Uuid,
        pub tenant_id: Uuid,
        pub entity: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub tag: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
