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
            created_at: m.created_at,
        }
    }
}
