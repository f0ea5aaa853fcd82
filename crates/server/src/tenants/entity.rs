//! The `tenants` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub locale: String,
    pub time_zone: String,
    /// ISO 4217 code of amounts entered without a currency.
    pub currency: String,
    /// ISO 3166 country of phone numbers written without a country code; `None`: by locale.
    pub phone_region: Option<String>,
    /// The company lets the AI assistant use the server's LLM.
    pub ai_llm_enabled: bool,
    /// The company's own monthly LLM token budget; `None`: the server's default.
    pub ai_llm_monthly_tokens: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for voronka_types::users::Tenant {
    fn from(m: Model) -> Self {
        Self {
            id: m.id.into(),
            name: m.name,
            locale: m.locale,
            time_zone: m.time_zone,
            currency: m.currency,
            phone_region: m.phone_region,
            ai_llm_enabled: m.ai_llm_enabled,
            ai_llm_monthly_tokens: m.ai_llm_monthly_tokens.map(|t| t.max(0) as u64),
            created_at: m.created_at,
        }
    }
}
