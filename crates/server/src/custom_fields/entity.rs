//! The `custom_fields` definitions and their typed `custom_field_values`.

pub mod definition {
    use sea_orm::entity::prelude::*;
    use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldKind};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "custom_fields")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub entity: String,
        pub key: String,
        pub label: String,
        pub kind: String,
        /// JSON array of option strings.
        pub options: String,
        pub required: bool,
        pub position: i32,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl From<Model> for CustomField {
        fn from(m: Model) -> Self {
            Self {
                id: m.id.into(),
                entity: CustomFieldEntity::parse(&m.entity).unwrap_or(CustomFieldEntity::Contact),
                key: m.key,
                label: m.label,
                kind: CustomFieldKind::parse(&m.kind).unwrap_or(CustomFieldKind::Text),
                options: serde_json::from_str(&m.options).unwrap_or_default(),
                required: m.required,
                position: m.position,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        }
    }
}

pub mod value {
    use sea_orm::entity::prelude::*;

    /// One stored value of one record: `seq` numbers the options of a multi-select value.
    /// Text-like values are lower-cased in `value_text`; numbers (and bools as 1/0) sit in
    /// `value_number`; dates in `value_date`.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "custom_field_values")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub entity: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub record_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub field_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i32,
        pub tenant_id: Uuid,
        pub value_text: Option<String>,
        pub value_number: Option<f64>,
        pub value_date: Option<Date>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
