//! A customer's purchase figures: first and last purchase, count, totals and average order
//! value per currency.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_types::money::format_minor;
use voronka_types::purchases::{CurrencyTotals, PurchaseStats};

use super::entity::{Column, Entity as Purchases};
use crate::error::ApiResult;
use crate::money::exponent_of;

/// `total / count` rounded half away from zero (totals are never negative).
pub fn average_minor(total: i64, count: u64) -> i64 {
    if count == 0 {
        return 0;
    }
    let (total, count) = (i128::from(total), i128::from(count));
    ((2 * total + count) / (2 * count)) as i64
}

type Row = (String, i64, Option<i64>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The figures of one contact's purchases.
pub async fn of_contact(db: &impl ConnectionTrait, tenant: Uuid, contact: Uuid) -> ApiResult<PurchaseStats> {
    let rows: Vec<Row> = Purchases::find()
        .select_only()
        .column(Column::Currency)
        .column_as(Expr::col(Column::Id).count(), "count")
        .column_as(Expr::col(Column::AmountMinor).sum().cast_as("BIGINT"), "total")
        .column_as(Expr::col(Column::PurchasedAt).min(), "first")
        .column_as(Expr::col(Column::PurchasedAt).max(), "last")
        .filter(Column::TenantId.eq(tenant))
        .filter(Column::ContactId.eq(contact))
        .group_by(Column::Currency)
        .into_tuple()
        .all(db)
        .await?;
    Ok(summarise(rows))
}

fn summarise(rows: Vec<Row>) -> PurchaseStats {
    let mut by_currency: Vec<CurrencyTotals> = rows
        .iter()
        .map(|(currency, count, total, _, _)| {
            let count = u64::try_from(*count).unwrap_or_default();
            let total = total.unwrap_or_default();
            let exponent = exponent_of(currency);
            CurrencyTotals {
                currency: currency.clone(),
                count,
                total: format_minor(total, exponent),
                average: format_minor(average_minor(total, count), exponent),
            }
        })
        .collect();
    by_currency.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.currency.cmp(&b.currency)));
    PurchaseStats {
        count: by_currency.iter().map(|c| c.count).sum(),
        first_purchase_at: rows.iter().filter_map(|r| r.3).min(),
        last_purchase_at: rows.iter().filter_map(|r| r.4).max(),
        by_currency,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_average_rounds_half_away_from_zero() {
        assert_eq!(average_minor(1000, 3), 333);
        assert_eq!(average_minor(1001, 2), 501);
        assert_eq!(average_minor(5, 2), 3);
        assert_eq!(average_minor(0, 0), 0);
    }

    #[test]
    fn figures_add_up_over_currencies_with_the_busiest_first() {
        let at = |d: u32| Some(format!("2026-03-{d:02}T10:00:00Z").parse().unwrap());
        let stats = summarise(vec![
            ("USD".into(), 1, Some(999), at(5), at(5)),
            ("RUB".into(), 3, Some(100_050), at(2), at(9)),
        ]);
        assert_eq!(stats.count, 4);
        assert_eq!(stats.first_purchase_at, at(2));
        assert_eq!(stats.last_purchase_at, at(9));
        assert_eq!(stats.by_currency[0].currency, "RUB");
        assert_eq!(stats.by_currency[0].total, "1000.50");
        assert_eq!(stats.by_currency[0].average, "333.50");
        assert_eq!(stats.by_currency[1].average, "9.99");
    }
}
