//! The purchase history as the analyses read it: every purchase in the company's currency up
//! to a day, as [`Sale`]s of buyers numbered in order of appearance.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::{Period, Sale};
use voronka_types::ai::CurrencyTotal;

use super::window::Company;
use crate::contacts::entity::contact::{Column as ContactColumn, Entity as Contacts};
use crate::error::ApiResult;
use crate::money;
use crate::purchases::entity::{Column, Entity as Purchases};

/// Sales and who their buyers are.
#[derive(Debug, Default)]
pub struct History {
    pub sales: Vec<Sale>,
    /// `buyers[sale.customer]` is the buyer's contact id.
    pub buyers: Vec<Uuid>,
}

/// One buyer's purchases: `(unix seconds, amount minor)`.
type BuyerSales = Vec<(i64, i64)>;

impl History {
    /// Every purchase in the company's currency made before the end of `until` (company days),
    /// in time order; buyers numbered in the order of their first purchase.
    pub async fn load(db: &impl ConnectionTrait, company: &Company, until: NaiveDate) -> ApiResult<History> {
        let by_buyer = match db.get_database_backend() {
            DbBackend::Postgres => rows_by_buyer(db, company, until).await?,
            _ => grouped_by_buyer(db, company, until).await?,
        };
        let mut buyers: Vec<(i64, Uuid, BuyerSales)> = Vec::with_capacity(by_buyer.len());
        for (contact, mut sales) in by_buyer {
            sales.sort_unstable();
            if let Some(&(first, _)) = sales.first() {
                buyers.push((first, contact, sales));
            }
        }
        buyers.sort_unstable_by_key(|b| (b.0, b.1));
        let mut timed: Vec<(i64, Sale)> = Vec::with_capacity(buyers.iter().map(|b| b.2.len()).sum());
        let mut history = History {
            sales: Vec::new(),
            buyers: Vec::with_capacity(buyers.len()),
        };
        for (customer, (_, contact, sales)) in buyers.into_iter().enumerate() {
            history.buyers.push(contact);
            for (at, amount_minor) in sales {
                let day = DateTime::<Utc>::from_timestamp(at, 0).map_or(company.today, |at| company.day_of(at));
                timed.push((
                    at,
                    Sale {
                        customer,
                        day,
                        amount_minor,
                    },
                ));
            }
        }
        timed.sort_by_key(|(at, sale)| (*at, sale.customer));
        history.sales = timed.into_iter().map(|(_, sale)| sale).collect();
        Ok(history)
    }
}

/// The company's purchases in its currency up to the end of `until`, filtered the same way for
/// both ways of reading them. Both read only the index `idx_purchases_by_buyer` (migration
/// `m20261128_000002_purchases_by_buyer`).
fn purchases_until(company: &Company, until: NaiveDate) -> sea_orm::Select<Purchases> {
    Purchases::find()
        .select_only()
        .column(Column::ContactId)
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Currency.eq(company.currency.as_str()))
        .filter(Column::PurchasedAt.lt(company.end_of(until)))
}

/// PostgreSQL: one row per purchase (its binary rows are cheap to fetch), grouped here.
async fn rows_by_buyer(
    db: &impl ConnectionTrait,
    company: &Company,
    until: NaiveDate,
) -> ApiResult<HashMap<Uuid, BuyerSales>> {
    let rows: Vec<(Uuid, DateTime<Utc>, i64)> = purchases_until(company, until)
        .column(Column::PurchasedAt)
        .column(Column::AmountMinor)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_buyer: HashMap<Uuid, BuyerSales> = HashMap::new();
    for (contact, at, amount_minor) in rows {
        by_buyer
            .entry(contact)
            .or_default()
            .push((at.timestamp(), amount_minor));
    }
    Ok(by_buyer)
}

/// SQLite: one row per buyer with the buyer's purchases as a JSON array, since there fetching
/// a row costs far more than parsing its bytes (100,000 purchases: ~250 ms as rows, ~110 ms as
/// 18,000 buyers' arrays).
async fn grouped_by_buyer(
    db: &impl ConnectionTrait,
    company: &Company,
    until: NaiveDate,
) -> ApiResult<HashMap<Uuid, BuyerSales>> {
    let rows: Vec<(Uuid, String)> = purchases_until(company, until)
        .column_as(
            Expr::cust("json_group_array(json_array(unixepoch(purchased_at), amount_minor))"),
            "sales",
        )
        .group_by(Column::ContactId)
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(contact, sales)| {
            let sales: BuyerSales = serde_json::from_str(&sales)
                .map_err(|e| anyhow::anyhow!("purchases of contact {contact} are unreadable: {e}"))?;
            Ok((contact, sales))
        })
        .collect()
}

/// Display names of contacts (absent ones are left out).
pub async fn names(db: &impl ConnectionTrait, company: &Company, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = Contacts::find()
        .select_only()
        .column(ContactColumn::Id)
        .column(ContactColumn::Name)
        .filter(ContactColumn::TenantId.eq(company.tenant.0))
        .filter(ContactColumn::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The period's purchases in other currencies than the company's, busiest first.
pub async fn other_currencies(
    db: &impl ConnectionTrait,
    company: &Company,
    period: Period,
) -> ApiResult<Vec<CurrencyTotal>> {
    let rows: Vec<(String, i64, Option<i64>)> = Purchases::find()
        .select_only()
        .column(Column::Currency)
        .column_as(Expr::cust("COUNT(*)"), "orders")
        .column_as(Expr::col(Column::AmountMinor).sum().cast_as("BIGINT"), "revenue")
        .filter(Column::TenantId.eq(company.tenant.0))
        // Two ranges rather than `<>`, so an index on (company, currency, …) serves it.
        .filter(
            Condition::any()
                .add(Column::Currency.lt(company.currency.as_str()))
                .add(Column::Currency.gt(company.currency.as_str())),
        )
        .filter(Column::PurchasedAt.gte(company.start_of(period.from)))
        .filter(Column::PurchasedAt.lt(company.end_of(period.to)))
        .group_by(Column::Currency)
        .into_tuple()
        .all(db)
        .await?;
    let mut totals: Vec<CurrencyTotal> = rows
        .into_iter()
        .map(|(currency, orders, revenue)| CurrencyTotal {
            orders: u64::try_from(orders).unwrap_or_default(),
            revenue: money::to_dto(revenue.unwrap_or_default(), &currency),
        })
        .collect();
    totals.sort_by(|a, b| {
        b.orders
            .cmp(&a.orders)
            .then_with(|| a.revenue.currency.cmp(&b.revenue.currency))
    });
    Ok(totals)
}
