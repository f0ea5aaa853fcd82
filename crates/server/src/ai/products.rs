//! The period's best-selling products, from the items of its purchases: revenue of a line is
//! its quantity × unit price, exact in minor units (rounded half up per line).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use voronka_insights::sales::Period;
use voronka_types::ai::TopProduct;
use voronka_types::money::{format_minor, parse_minor};
use voronka_types::purchases::PurchaseItem;

use super::window::Company;
use crate::error::ApiResult;
use crate::money;
use crate::purchases::entity::{Column, Entity as Purchases};

/// Quantities are kept with this many decimals.
const QUANTITY_DECIMALS: u32 = 3;

#[derive(Default)]
struct Sold {
    sku: Option<String>,
    name: String,
    quantity_milli: i128,
    revenue_minor: i128,
    orders: u64,
}

/// The `n` products with the most revenue in `period` (purchases in the company's currency).
pub async fn top(db: &impl ConnectionTrait, company: &Company, period: Period, n: usize) -> ApiResult<Vec<TopProduct>> {
    let rows: Vec<String> = Purchases::find()
        .select_only()
        .column(Column::Items)
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Currency.eq(company.currency.as_str()))
        .filter(Column::PurchasedAt.gte(company.start_of(period.from)))
        .filter(Column::PurchasedAt.lt(company.end_of(period.to)))
        .filter(Column::Items.ne("[]"))
        .into_tuple()
        .all(db)
        .await?;
    let exponent = money::exponent_of(&company.currency);
    let mut sold: HashMap<String, Sold> = HashMap::new();
    for items in rows {
        let Ok(items) = serde_json::from_str::<Vec<PurchaseItem>>(&items) else {
            continue;
        };
        let mut seen_in_order: Vec<String> = Vec::new();
        for item in items {
            let (Ok(quantity), Ok(price)) = (
                parse_minor(&item.quantity, QUANTITY_DECIMALS),
                parse_minor(&item.unit_price, exponent),
            ) else {
                continue;
            };
            let key = item
                .sku
                .clone()
                .unwrap_or_else(|| format!("name:{}", item.name.to_lowercase()));
            let entry = sold.entry(key.clone()).or_insert_with(|| Sold {
                sku: item.sku.clone(),
                name: item.name.clone(),
                ..Sold::default()
            });
            entry.quantity_milli += i128::from(quantity);
            let scale = 10i128.pow(QUANTITY_DECIMALS);
            entry.revenue_minor += (2 * i128::from(quantity) * i128::from(price) + scale) / (2 * scale);
            if !seen_in_order.contains(&key) {
                entry.orders += 1;
                seen_in_order.push(key);
            }
        }
    }
    let mut sold: Vec<Sold> = sold.into_values().collect();
    sold.sort_by(|a, b| b.revenue_minor.cmp(&a.revenue_minor).then_with(|| a.name.cmp(&b.name)));
    sold.truncate(n);
    Ok(sold
        .into_iter()
        .map(|s| TopProduct {
            sku: s.sku,
            name: s.name,
            quantity: trim_decimal(format_minor(clamp(s.quantity_milli), QUANTITY_DECIMALS)),
            revenue: money::to_dto(clamp(s.revenue_minor), &company.currency),
            orders: s.orders,
        })
        .collect())
}

fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
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
