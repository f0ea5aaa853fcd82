//! What the sales report adds to its figures: the trends of its period, the revenue forecast for
//! the buckets after it and the first recommendations — all from the purchase history the report
//! has already loaded, through the same analyses as `/ai/trends`, `/ai/forecast` and
//! `/ai/recommendations`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use voronka_insights::forecast::{MAX_HISTORY, MAX_HORIZON};
use voronka_insights::sales::Period;
use voronka_insights::segments::CustomerRfm;
use voronka_types::ai::{DateRange, ForecastSummary, Granularity, Metric, Recommendation, SalesForecast, TrendSummary};

use super::history::History;
use super::recommendations;
use super::series::{self, buckets};
use super::trends;
use super::window::Company;
use crate::error::ApiResult;
use crate::money;

/// How many recommendations the report carries.
pub const RECOMMENDATIONS: usize = 3;

/// The metrics whose trends the report states.
const TREND_METRICS: [Metric; 3] = [Metric::Revenue, Metric::Orders, Metric::NewCustomers];

/// Days for periods up to 62 days, weeks up to 366, months beyond: enough buckets to find a
/// trend, few enough to read.
pub fn granularity_for(period: Period) -> Granularity {
    let days = (period.to - period.from).num_days() + 1;
    if days <= 62 {
        Granularity::Day
    } else if days <= 366 {
        Granularity::Week
    } else {
        Granularity::Month
    }
}

/// The trends of revenue, orders and new customers over `period`.
pub fn trends(history: &History, company: &Company, period: Period) -> Vec<TrendSummary> {
    let granularity = granularity_for(period);
    TREND_METRICS
        .iter()
        .map(|&metric| {
            let series = series::sales_between(history, company, metric, granularity, period.from, period.to);
            let trend = trends::describe(series, company, metric, granularity, period);
            TrendSummary {
                metric,
                granularity,
                direction: trend.direction,
                relative_change: trend.relative_change,
                significant: trend.significant,
                seasonality: trend.seasonality.into_iter().map(|s| s.kind).collect(),
                anomalies: trend.anomalies.into_iter().map(|a| a.date).collect(),
            }
        })
        .collect()
}

/// Revenue forecast for as many buckets after `period` as it holds.
pub fn forecast(history: &History, company: &Company, period: Period) -> ForecastSummary {
    let granularity = granularity_for(period);
    let g = buckets(granularity);
    let mut horizon = 0;
    let mut bucket = g.bucket_start(period.from);
    while bucket <= period.to && horizon < MAX_HORIZON {
        horizon += 1;
        bucket = g.step(bucket, 1);
    }
    let end = trends::history_end(granularity, period.to);
    let past = series::sales_since_first(history, company, Metric::Revenue, granularity, end, MAX_HISTORY);
    summarise(
        trends::project(past, company, Metric::Revenue, granularity, horizon, period.to),
        company,
    )
}

fn summarise(found: SalesForecast, company: &Company) -> ForecastSummary {
    let scale = 10f64.powi(money::exponent_of(&company.currency) as i32);
    let total = |pick: fn(&voronka_types::ai::ForecastPoint) -> f64| {
        (!found.points.is_empty()).then(|| {
            let sum: f64 = found.points.iter().map(pick).sum();
            money::to_dto((sum.round() * scale) as i64, &company.currency)
        })
    };
    let g = buckets(found.granularity);
    let period = found
        .points
        .first()
        .zip(found.points.last())
        .map(|(first, last)| DateRange {
            from: first.date,
            to: g.step(last.date, 1) - Duration::days(1),
        });
    ForecastSummary {
        metric: found.metric,
        granularity: found.granularity,
        period,
        value: total(|p| p.value),
        low80: total(|p| p.low80),
        high80: total(|p| p.high80),
        model: found.model.clone(),
        mase: found.mase,
        not_enough_data: found.not_enough_data.clone(),
    }
}

/// The first [`RECOMMENDATIONS`] recommendations as of the period's last day.
pub async fn recommendations(
    db: &impl ConnectionTrait,
    company: &Company,
    period: Period,
    now: DateTime<Utc>,
    history: &History,
    scored: &[CustomerRfm],
) -> ApiResult<Vec<Recommendation>> {
    let mut drafts = recommendations::compute_from(db, company, period.to, now, history, scored).await?;
    drafts.truncate(RECOMMENDATIONS);
    Ok(drafts.into_iter().map(|d| d.recommendation).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn period(from: &str, to: &str) -> Period {
        Period {
            from: from.parse::<NaiveDate>().unwrap(),
            to: to.parse::<NaiveDate>().unwrap(),
        }
    }

    #[test]
    fn the_buckets_follow_the_length_of_the_period() {
        assert_eq!(granularity_for(period("2026-11-01", "2026-11-30")), Granularity::Day);
        assert_eq!(granularity_for(period("2026-09-01", "2026-11-01")), Granularity::Day);
        assert_eq!(granularity_for(period("2026-09-01", "2026-11-02")), Granularity::Week);
        assert_eq!(granularity_for(period("2025-11-22", "2026-11-21")), Granularity::Week);
        assert_eq!(granularity_for(period("2024-01-01", "2026-11-21")), Granularity::Month);
    }
}
