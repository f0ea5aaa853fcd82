//! The `webhook_subscriptions` and `webhook_deliveries` tables.

/// A tenant's subscription.
pub mod subscription {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_subscriptions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub url: String,
        /// JSON array of event names.
        pub events: String,
        pub active: bool,
        pub description: Option<String>,
        /// `whsec_` + base64 of the key bytes.
        pub secret: String,
        pub failing_since: Option<ChronoDateTimeUtc>,
        pub disabled_reason: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One event for one subscription, and how sending it went.
pub mod delivery {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub subscription_id: Uuid,
        pub event_type: String,
        /// The exact body sent on every attempt.
        pub payload: String,
        /// `pending`, `delivered` or `failed`.
        pub status: String,
        pub attempts: i32,
        /// The queue job allowed to make the next attempt.
        pub job_id: Option<Uuid>,
        pub last_response_code: Option<i32>,
        pub last_latency_ms: Option<i64>,
        pub last_error: Option<String>,
        pub last_attempt_at: Option<ChronoDateTimeUtc>,
        pub delivered_at: Option<ChronoDateTimeUtc>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
