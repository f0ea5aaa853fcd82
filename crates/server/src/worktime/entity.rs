//! The `work_schedules` and `work_sessions` tables.

pub mod work_schedule {
    use sea_orm::entity::prelude::*;

    /// A user's week of scheduled hours; `days` is a JSON [`voronka_types::worktime::WeekSchedule`].
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_schedules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub tenant_id: Uuid,
        pub days: String,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod work_session {
    use sea_orm::entity::prelude::*;

    /// A stretch of continuous activity within one local day.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "work_sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub user_id: Uuid,
        /// The company-time-zone day the session belongs to.
        pub day: Date,
        pub started_at: ChronoDateTimeUtc,
        pub last_seen_at: ChronoDateTimeUtc,
        /// Set by a check-out: the session is never extended again.
        pub closed_at: Option<ChronoDateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
