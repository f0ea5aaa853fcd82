//! Time series of a metric, bucketed by day, week or month in the company's time zone: what the
//! trend and forecast analyses read.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Sale;
use voronka_insights::series::{Granularity as Buckets, Series};
use voronka_types::ai::{Granularity, Metric, SeriesPoint};

use super::history::History;
use super::window::Company;
use crate::error::ApiResult;
use crate::leads::entity::{Column, Entity as Leads};
use crate::money;

pub fn buckets(granularity: Granularity) -> Buckets {
    match granularity {
        Granularity::Day => Buckets::Day,
        Granularity::Week => Buckets::Week,
        Granularity::Month => Buckets::Month,
    }
}

/// Whether the metric is an amount of money.
pub fn is_money(metric: Metric) -> bool {
    matches!(metric, Metric::Revenue | Metric::Aov)
}

/// The metric from its first data (a sale or a lead; at most `max_buckets` buckets back) to the
/// end of `to`, or `None` when there is no data by then. Leading empty buckets before the first
/// data would read as real zeros, so the series starts at the first data's bucket.
pub async fn since_first(
    db: &impl ConnectionTrait,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    to: NaiveDate,
    max_buckets: usize,
) -> ApiResult<Option<Series>> {
    let g = buckets(granularity);
    Ok(match metric {
        Metric::Leads | Metric::Conversion => match first_lead_day(db, company, to).await? {
            Some(first) => Some(
                load(
                    db,
                    company,
                    metric,
                    granularity,
                    earliest(g, first, to, max_buckets),
                    to,
                )
                .await?,
            ),
            None => None,
        },
        _ => sales_since_first(
            &History::load(db, company, to).await?,
            company,
            metric,
            granularity,
            to,
            max_buckets,
        ),
    })
}

/// [`since_first`] of a sales metric from loaded history.
pub fn sales_since_first(
    history: &History,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    to: NaiveDate,
    max_buckets: usize,
) -> Option<Series> {
    let g = buckets(granularity);
    let first = history.sales.iter().map(|s| s.day).filter(|day| *day <= to).min()?;
    let from = earliest(g, first, to, max_buckets);
    Some(sales_series(history, company, metric, g, from, to))
}

/// [`load`] of a sales metric from loaded history.
pub fn sales_between(
    history: &History,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    from: NaiveDate,
    to: NaiveDate,
) -> Series {
    let g = buckets(granularity);
    sales_series(history, company, metric, g, g.bucket_start(from), to)
}

/// The later of the first data's bucket and the bucket `max_buckets` − 1 buckets before `to`'s.
fn earliest(g: Buckets, first: NaiveDate, to: NaiveDate, max_buckets: usize) -> NaiveDate {
    let first = g.bucket_start(first);
    let mut start = g.bucket_start(to);
    for _ in 1..max_buckets {
        if start <= first {
            break;
        }
        start = g.bucket_start(start - chrono::Duration::days(1));
    }
    start.max(first)
}

/// The day of the company's first lead created by the end of `until`.
async fn first_lead_day(
    db: &impl ConnectionTrait,
    company: &Company,
    until: NaiveDate,
) -> ApiResult<Option<NaiveDate>> {
    let first: Option<DateTime<Utc>> = Leads::find()
        .select_only()
        .column_as(Column::CreatedAt.min(), "first")
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::CreatedAt.lt(company.end_of(until)))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    Ok(first.map(|at| company.day_of(at)))
}

/// The metric over `from ..= to` in buckets: the first bucket is the one containing `from`,
/// counted whole.
pub async fn load(
    db: &impl ConnectionTrait,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Series> {
    let g = buckets(granularity);
    let from = g.bucket_start(from);
    Ok(match metric {
        Metric::Leads | Metric::Conversion => {
            let leads = leads(db, company, from, to).await?;
            let created = Series::from_observations(g, from, to, leads.iter().map(|(day, _)| (*day, 1.0)));
            if metric == Metric::Leads {
                created
            } else {
                let won =
                    Series::from_observations(g, from, to, leads.iter().filter(|l| l.1).map(|(day, _)| (*day, 1.0)));
                ratio(&won, &created)
            }
        }
        _ => sales_between(
            &History::load(db, company, to).await?,
            company,
            metric,
            granularity,
            from,
            to,
        ),
    })
}

/// A sales metric (revenue, orders, AOV, new customers) over `from ..= to` from loaded history.
fn sales_series(
    history: &History,
    company: &Company,
    metric: Metric,
    g: Buckets,
    from: NaiveDate,
    to: NaiveDate,
) -> Series {
    let scale = 10f64.powi(money::exponent_of(&company.currency) as i32);
    let in_range = |s: &&Sale| s.day >= from && s.day <= to;
    let revenue = || {
        Series::from_observations(
            g,
            from,
            to,
            history
                .sales
                .iter()
                .filter(in_range)
                .map(|s| (s.day, s.amount_minor as f64 / scale)),
        )
    };
    let orders = || Series::from_observations(g, from, to, history.sales.iter().filter(in_range).map(|s| (s.day, 1.0)));
    match metric {
        Metric::Revenue => revenue(),
        Metric::Orders => orders(),
        Metric::Aov => ratio(&revenue(), &orders()),
        _ => Series::from_observations(
            g,
            from,
            to,
            first_purchases(&history.sales).into_iter().map(|day| (day, 1.0)),
        ),
    }
}

/// Each buyer's first purchase day.
fn first_purchases(sales: &[Sale]) -> Vec<NaiveDate> {
    let mut first: std::collections::HashMap<usize, NaiveDate> = std::collections::HashMap::new();
    for sale in sales {
        first
            .entry(sale.customer)
            .and_modify(|d| *d = (*d).min(sale.day))
            .or_insert(sale.day);
    }
    first.into_values().collect()
}

/// Leads created from `from` to the end of `to`: their day and whether they were won.
async fn leads(
    db: &impl ConnectionTrait,
    company: &Company,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Vec<(NaiveDate, bool)>> {
    let rows: Vec<(DateTime<Utc>, String, Option<Uuid>)> = Leads::find()
        .select_only()
        .column(Column::CreatedAt)
        .column(Column::Status)
        .column(Column::DealId)
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::CreatedAt.gte(company.start_of(from)))
        .filter(Column::CreatedAt.lt(company.end_of(to)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(at, status, deal)| (company.day_of(at), status == "won" || deal.is_some()))
        .collect())
}

/// `top / bottom` per bucket; buckets with a zero `bottom` carry the previous ratio (the first
/// ones the first known ratio; all zero when none is known).
pub fn ratio(top: &Series, bottom: &Series) -> Series {
    let raw: Vec<Option<f64>> = top
        .values
        .iter()
        .zip(&bottom.values)
        .map(|(t, b)| (*b != 0.0).then(|| t / b))
        .collect();
    let first = raw.iter().flatten().next().copied().unwrap_or(0.0);
    let mut last = first;
    let values = raw
        .into_iter()
        .map(|r| {
            if let Some(r) = r {
                last = r;
            }
            last
        })
        .collect();
    Series {
        granularity: top.granularity,
        start: top.start,
        values,
    }
}

/// The series as API points.
pub fn points(series: &Series) -> Vec<SeriesPoint> {
    series
        .values
        .iter()
        .enumerate()
        .map(|(i, value)| SeriesPoint {
            date: series.date(i),
            value: round(*value),
        })
        .collect()
}

/// Six significant decimals are plenty for charts and keep answers small.
pub fn round(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_carry_the_last_known_value_over_empty_buckets() {
        let start: NaiveDate = "2026-01-05".parse().unwrap();
        let series = |values: Vec<f64>| Series {
            granularity: Buckets::Week,
            start,
            values,
        };
        let r = ratio(&series(vec![0.0, 10.0, 0.0, 9.0]), &series(vec![0.0, 2.0, 0.0, 3.0]));
        assert_eq!(r.values, vec![5.0, 5.0, 5.0, 3.0]);
        assert_eq!(ratio(&series(vec![0.0]), &series(vec![0.0])).values, vec![0.0]);
    }
}
