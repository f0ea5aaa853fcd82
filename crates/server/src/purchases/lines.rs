//! The `purchase_lines` table: each purchase's items merged per product
//! ([`voronka_types::product_lines`]), with the purchase's company, currency and time copied
//! so product figures of a period are one `GROUP BY`. Written with the purchase, in its
//! transaction; rewritten when its items, currency or time change.

use sea_orm::entity::prelude::*;
use sea_orm::{ConnectionTrait, Set};
use voronka_types::product_lines::product_lines;
use voronka_types::purchases::PurchaseItem;

use super::entity as purchase;
use crate::error::ApiResult;
use crate::money;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub purchase_id: Uuid,
    /// The SKU, or `name:` and the lower-case name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_key: String,
    pub tenant_id: Uuid,
    pub currency: String,
    pub purchased_at: ChronoDateTimeUtc,
    pub sku: Option<String>,
    pub name: String,
    pub quantity_milli: i64,
    pub revenue_minor: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Lines per `INSERT` (9 parameters each).
const LINES_PER_INSERT: usize = 500;

/// The lines of purchases.
fn of(purchases: &[purchase::Model]) -> Vec<ActiveModel> {
    purchases
        .iter()
        .flat_map(|p| {
            let items = serde_json::from_str::<Vec<PurchaseItem>>(&p.items).unwrap_or_default();
            product_lines(&items, money::exponent_of(&p.currency))
                .into_iter()
                .map(move |line| ActiveModel {
                    purchase_id: Set(p.id),
                    product_key: Set(line.key),
                    tenant_id: Set(p.tenant_id),
                    currency: Set(p.currency.clone()),
                    purchased_at: Set(p.purchased_at),
                    sku: Set(line.sku),
                    name: Set(line.name),
                    quantity_milli: Set(line.quantity_milli),
                    revenue_minor: Set(line.revenue_minor),
                })
        })
        .collect()
}

/// Writes the lines of new purchases.
pub async fn insert(db: &impl ConnectionTrait, purchases: &[purchase::Model]) -> ApiResult<()> {
    let lines = of(purchases);
    for chunk in lines.chunks(LINES_PER_INSERT) {
        Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Replaces the lines of a changed purchase.
pub async fn replace(db: &impl ConnectionTrait, purchase: &purchase::Model) -> ApiResult<()> {
    Entity::delete_many()
        .filter(Column::PurchaseId.eq(purchase.id))
        .exec(db)
        .await?;
    insert(db, std::slice::from_ref(purchase)).await
}
