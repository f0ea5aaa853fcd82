use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::sea_orm::prelude::{DateTimeUtc, Uuid};
use sea_orm_migration::{prelude::*, schema::*};
use voronka_types::product_lines::product_lines;
use voronka_types::purchases::PurchaseItem;

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// `purchase_lines`: each purchase's items merged per product with exact quantity and revenue
/// (`voronka_types::product_lines`), carrying the purchase's company, currency and time, so a
/// period's best-selling products are one `GROUP BY` instead of parsing every purchase's items.
/// Lines of purchases made before this migration are computed from their items here.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Purchases read per round of the backfill.
const PAGE: u64 = 1_000;

/// Lines per `INSERT` (9 parameters each: well under SQLite's and PostgreSQL's limits).
const LINES_PER_INSERT: usize = 500;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PurchaseLines::Table)
                    .col(uuid(PurchaseLines::PurchaseId))
                    .col(string_len(PurchaseLines::ProductKey, 210))
                    .col(uuid(PurchaseLines::TenantId))
                    .col(string_len(PurchaseLines::Currency, 3))
                    .col(timestamp_with_time_zone(PurchaseLines::PurchasedAt))
                    .col(string_len_null(PurchaseLines::Sku, 100))
                    .col(string_len(PurchaseLines::Name, 200))
                    .col(big_integer(PurchaseLines::QuantityMilli))
                    .col(big_integer(PurchaseLines::RevenueMinor))
                    .primary_key(
                        Index::create()
                            .col(PurchaseLines::PurchaseId)
                            .col(PurchaseLines::ProductKey),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PurchaseLines::Table, PurchaseLines::PurchaseId)
                            .to(Purchases::Table, Purchases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PurchaseLines::Table, PurchaseLines::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Product by product, so a period's figures are summed from the index alone without
        // sorting, and a product's latest name is one step away.
        let specs: Vec<IndexSpec> = vec![(
            "idx_purchase_lines_product",
            PurchaseLines::Table.into_iden(),
            vec![
                PurchaseLines::TenantId.into_iden(),
                PurchaseLines::Currency.into_iden(),
                PurchaseLines::ProductKey.into_iden(),
                PurchaseLines::PurchasedAt.into_iden(),
                PurchaseLines::QuantityMilli.into_iden(),
                PurchaseLines::RevenueMinor.into_iden(),
            ],
        )];
        indexes::create_all(manager, specs).await?;
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PurchaseLines::Table).to_owned())
            .await
    }
}

/// Writes the lines of every purchase that has items, a page at a time in id order.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let mut after: Option<Value> = None;
    loop {
        let mut select = Query::select();
        select
            .columns([
                Purchases::Id,
                Purchases::TenantId,
                Purchases::Currency,
                Purchases::PurchasedAt,
                Purchases::Items,
            ])
            .from(Purchases::Table)
            .and_where(Expr::col(Purchases::Items).ne("[]"))
            .order_by(Purchases::Id, Order::Asc)
            .limit(PAGE);
        if let Some(after) = after.clone() {
            select.and_where(Expr::col(Purchases::Id).gt(after));
        }
        let rows = db.query_all(&select).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = Some(Value::from(last.try_get::<Uuid>("", "id")?));
        let mut values: Vec<[SimpleExpr; 9]> = Vec::new();
        for row in &rows {
            let id: Uuid = row.try_get("", "id")?;
            let tenant: Uuid = row.try_get("", "tenant_id")?;
            let currency: String = row.try_get("", "currency")?;
            let at: DateTimeUtc = row.try_get("", "purchased_at")?;
            let items: String = row.try_get("", "items")?;
            let Ok(items) = serde_json::from_str::<Vec<PurchaseItem>>(&items) else {
                continue;
            };
            for line in product_lines(&items, exponent(&currency)) {
                values.push([
                    id.into(),
                    line.key.into(),
                    tenant.into(),
                    currency.clone().into(),
                    at.into(),
                    line.sku.into(),
                    line.name.into(),
                    line.quantity_milli.into(),
                    line.revenue_minor.into(),
                ]);
            }
        }
        for chunk in values.chunks(LINES_PER_INSERT) {
            let mut insert = Query::insert();
            insert.into_table(PurchaseLines::Table).columns([
                PurchaseLines::PurchaseId,
                PurchaseLines::ProductKey,
                PurchaseLines::TenantId,
                PurchaseLines::Currency,
                PurchaseLines::PurchasedAt,
                PurchaseLines::Sku,
                PurchaseLines::Name,
                PurchaseLines::QuantityMilli,
                PurchaseLines::RevenueMinor,
            ]);
            for line in chunk {
                insert.values_panic(line.clone());
            }
            db.execute(&insert).await?;
        }
    }
}

/// The decimals of an ISO 4217 code (2 when unknown, as the server reads stored amounts).
fn exponent(code: &str) -> u32 {
    iso_currency::Currency::from_code(code)
        .and_then(|c| c.exponent())
        .map_or(2, u32::from)
}

#[derive(DeriveIden)]
enum PurchaseLines {
    Table,
    PurchaseId,
    ProductKey,
    TenantId,
    Currency,
    PurchasedAt,
    Sku,
    Name,
    QuantityMilli,
    RevenueMinor,
}

#[derive(DeriveIden)]
enum Purchases {
    Table,
    Id,
    TenantId,
    Currency,
    PurchasedAt,
    Items,
}
