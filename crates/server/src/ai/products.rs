//! The period's best-selling products, from the purchases' product lines
//! ([`crate::purchases::lines`]): revenue of a line is its quantity × unit price, exact in minor
//! units (rounded half up per item), summed in the database.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use voronka_insights::sales::Period;
use voronka_types::ai::TopProduct;
use voronka_types::money::format_minor;
use voronka_types::product_lines::QUANTITY_DECIMALS;

use super::window::Company;
use crate::error::ApiResult;
use crate::money;
use crate::purchases::lines::{Column, Entity as Lines};

/// The `n` products with the most revenue in `period` (purchases in the company's currency),
/// ties by key; each named as in its latest purchase.
pub async fn top(db: &impl ConnectionTrait, company: &Company, period: Period, n: usize) -> ApiResult<Vec<TopProduct>> {
    let sum = |column: Column| Expr::col(column).sum().cast_as("BIGINT");
    let totals: Vec<(String, i64, i64, i64)> = Lines::find()
        .select_only()
        .column(Column::ProductKey)
        .column_as(sum(Column::QuantityMilli), "quantity")
        .column_as(sum(Column::RevenueMinor), "revenue")
        .column_as(Expr::col(Column::ProductKey).count(), "orders")
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Currency.eq(company.currency.as_str()))
        .filter(Column::PurchasedAt.gte(company.start_of(period.from)))
        .filter(Column::PurchasedAt.lt(company.end_of(period.to)))
        .group_by(Column::ProductKey)
        .order_by(sum(Column::RevenueMinor), Order::Desc)
        .order_by(Column::ProductKey, Order::Asc)
        .limit(n as u64)
        .into_tuple()
        .all(db)
        .await?;
    let mut products = Vec::with_capacity(totals.len());
    for (key, quantity_milli, revenue_minor, orders) in totals {
        let (sku, name): (Option<String>, String) = Lines::find()
            .select_only()
            .column(Column::Sku)
            .column(Column::Name)
            .filter(Column::TenantId.eq(company.tenant.0))
            .filter(Column::Currency.eq(company.currency.as_str()))
            .filter(Column::ProductKey.eq(key.as_str()))
            .order_by(Column::PurchasedAt, Order::Desc)
            .into_tuple()
            .one(db)
            .await?
            .unwrap_or((None, key.clone()));
        products.push(TopProduct {
            sku,
            name,
            quantity: trim_decimal(format_minor(quantity_milli, QUANTITY_DECIMALS)),
            revenue: money::to_dto(revenue_minor, &company.currency),
            orders: u64::try_from(orders).unwrap_or_default(),
        });
    }
    Ok(products)
}

/// `"2.500"` → `"2.5"`, `"3.000"` → `"3"`.
fn trim_decimal(text: String) -> String {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_lose_only_trailing_zeros() {
        assert_eq!(trim_decimal("2.500".into()), "2.5");
        assert_eq!(trim_decimal("3.000".into()), "3");
        assert_eq!(trim_decimal("10".into()), "10");
    }
}
