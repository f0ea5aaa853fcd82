//! The `purchases` table: amounts in integer minor units, items and attributes as JSON text.

use sea_orm::entity::prelude::*;
use voronka_types::purchases::{Purchase, PurchaseItem};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub contact_id: Uuid,
    /// The purchase's id in the company's own system, unique per company.
    pub external_id: String,
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    pub purchased_at: ChronoDateTimeUtc,
    /// JSON array of [`PurchaseItem`].
    pub items: String,
    /// JSON object.
    pub attributes: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for Purchase {
    fn from(m: Model) -> Self {
        Self {
            id: m.id.into(),
            external_id: m.external_id,
            contact_id: m.contact_id.into(),
            amount: crate::money::to_dto(m.amount_minor, &m.currency),
            purchased_at: m.purchased_at,
            items: serde_json::from_str::<Vec<PurchaseItem>>(&m.items).unwrap_or_default(),
            attributes: serde_json::from_str(&m.attributes).unwrap_or_default(),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
