//! The purchase history as the analyses read it: every purchase in the company's currency up
//! to a day, as [`Sale`]s of buyers numbered in order of appearance.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect};
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

impl History {
    /// Every purchase in the company's currency made before the end of `until` (company days).
    pub async fn load(db: &impl ConnectionTrait, company: &Company, until: NaiveDate) -> ApiResult<History> {
        let rows: Vec<(Uuid, i64, DateTime<Utc>)> = Purchases::find()
            .select_only()
            .column(Column::ContactId)
            .column(Column::AmountMinor)
            .column(Column::PurchasedAt)
            .filter(Column::TenantId.eq(company.tenant.0))
            .filter(Column::Currency.eq(company.currency.as_str()))
            .filter(Column::PurchasedAt.lt(company.end_of(until)))
            .order_by_asc(Column::PurchasedAt)
            .into_tuple()
            .all(db)
            .await?;
        let mut index: HashMap<Uuid, usize> = HashMap::new();
        let mut history = History {
            sales: Vec::with_capacity(rows.len()),
            buyers: Vec::new(),
        };
        for (contact, amount_minor, at) in rows {
            let customer = *index.entry(contact).or_insert_with(|| {
                history.buyers.push(contact);
                history.buyers.len() - 1
            });
            history.sales.push(Sale {
                customer,
                day: company.day_of(at),
                amount_minor,
            });
        }
        Ok(history)
    }
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
        .column_as(Expr::col(Column::Id).count(), "orders")
        .column_as(Expr::col(Column::AmountMinor).sum().cast_as("BIGINT"), "revenue")
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Currency.ne(company.currency.as_str()))
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
