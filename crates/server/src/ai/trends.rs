//! `GET /api/v1/ai/trends` and `GET /api/v1/ai/forecast`: a metric's series with its trend,
//! seasonality and anomalies; the periods after a day forecast by the model that did best in a
//! backtest.

use chrono::{Duration, NaiveDate};
use sea_orm::ConnectionTrait;
use voronka_insights::forecast::{self, MAX_HISTORY};
use voronka_insights::series::Series;
use voronka_insights::trend::{self, Direction, SeasonKind};
use voronka_types::ai::{
    AnomalyPoint, ForecastPoint, Granularity, Metric, ModelScore, SalesForecast, SeasonalPattern, Trend, TrendDirection,
};

use super::series::{self, buckets, is_money, points, round};
use super::window::Company;
use crate::error::{ApiError, ApiResult};
use voronka_insights::sales::Period;

/// The default number of buckets forecast.
pub fn default_horizon(granularity: Granularity) -> usize {
    match granularity {
        Granularity::Day => 30,
        Granularity::Week => 12,
        Granularity::Month => 6,
    }
}

/// The metric over the period with what the trend analysis found.
pub async fn trend(
    db: &impl ConnectionTrait,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    period: Period,
) -> ApiResult<Trend> {
    let series = series::load(db, company, metric, granularity, period.from, period.to).await?;
    Ok(describe(series, company, metric, granularity, period))
}

/// What the trend analysis finds in the metric's series over `period`.
pub fn describe(series: Series, company: &Company, metric: Metric, granularity: Granularity, period: Period) -> Trend {
    let complete = complete_buckets(&series, period.to.min(company.today - Duration::days(1)));
    let found = trend::analyse(&Series {
        values: series.values[..complete].to_vec(),
        ..series.clone()
    });
    Trend {
        partial_from: (complete < series.len()).then(|| series.date(complete)),
        metric,
        granularity,
        period: super::report::range(period),
        currency: is_money(metric).then(|| company.currency.clone()),
        series: points(&series),
        direction: match found.direction {
            Direction::Up => TrendDirection::Up,
            Direction::Down => TrendDirection::Down,
            Direction::Flat => TrendDirection::Flat,
        },
        slope_per_period: round(found.slope_per_period),
        relative_change: found.relative_change.map(round),
        p_value: round(found.p_value),
        significant: found.significant,
        seasonality: found
            .seasonality
            .iter()
            .map(|s| SeasonalPattern {
                kind: match s.kind {
                    SeasonKind::Weekday => "weekday",
                    SeasonKind::MonthOfYear => "month_of_year",
                }
                .to_owned(),
                strength: round(s.strength),
                profile: s.profile.iter().copied().map(round).collect(),
                peak: s.peak,
                trough: s.trough,
                p_value: round(s.p_value),
            })
            .collect(),
        anomalies: found
            .anomalies
            .iter()
            .map(|a| AnomalyPoint {
                date: a.date,
                value: round(a.value),
                expected: round(a.expected),
                low: round(a.low),
                high: round(a.high),
            })
            .collect(),
    }
}

/// How many leading buckets of the series ended by `last_day` (a running week or month, or
/// today, would read as a fall if it were analysed as a whole bucket).
fn complete_buckets(series: &Series, last_day: NaiveDate) -> usize {
    (0..series.len())
        .take_while(|&i| series.date(i + 1) - Duration::days(1) <= last_day)
        .count()
}

/// Forecasts `horizon` buckets after the last bucket that ended by `as_of`, from the history
/// since the metric's first data (at most [`MAX_HISTORY`] buckets).
pub async fn forecast(
    db: &impl ConnectionTrait,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    horizon: usize,
    as_of: NaiveDate,
) -> ApiResult<SalesForecast> {
    if horizon == 0 || horizon > forecast::MAX_HORIZON {
        return Err(ApiError::field(
            "horizon",
            "out_of_range",
            format!("forecast 1 to {} periods", forecast::MAX_HORIZON),
        ));
    }
    let history = series::since_first(
        db,
        company,
        metric,
        granularity,
        history_end(granularity, as_of),
        MAX_HISTORY,
    )
    .await?;
    Ok(project(history, company, metric, granularity, horizon, as_of))
}

/// The last day of the last bucket a forecast as of `as_of` reads: the bucket `as_of` falls in
/// counts only when `as_of` is its last day.
pub fn history_end(granularity: Granularity, as_of: NaiveDate) -> NaiveDate {
    buckets(granularity).bucket_start(as_of + Duration::days(1)) - Duration::days(1)
}

/// The forecast of `horizon` buckets after `history` (`None`: no data at all).
pub fn project(
    history: Option<Series>,
    company: &Company,
    metric: Metric,
    granularity: Granularity,
    horizon: usize,
    as_of: NaiveDate,
) -> SalesForecast {
    let mut answer = SalesForecast {
        metric,
        granularity,
        as_of,
        currency: is_money(metric).then(|| company.currency.clone()),
        history: Vec::new(),
        points: Vec::new(),
        model: None,
        mase: None,
        backtest_origins: None,
        backtest_horizon: None,
        candidates: Vec::new(),
        not_enough_data: None,
    };
    let needed = forecast::MIN_HISTORY;
    let Some(history) = history else {
        answer.not_enough_data = Some(format!("not enough data: 0 points, need {needed}"));
        return answer;
    };
    answer.history = points(&history);
    match forecast::forecast(&history, horizon) {
        Ok(found) => {
            answer.model = Some(found.model.name().to_owned());
            answer.mase = Some(round(found.backtest.mase));
            answer.backtest_origins = Some(found.backtest.origins as u64);
            answer.backtest_horizon = Some(found.backtest.horizon as u64);
            answer.candidates = found
                .backtest
                .candidates
                .iter()
                .map(|(model, mase)| ModelScore {
                    model: model.name().to_owned(),
                    mase: round(*mase),
                })
                .collect();
            answer.points = found
                .points
                .iter()
                .map(|p| ForecastPoint {
                    date: p.date,
                    value: round(p.value),
                    low80: round(p.low80),
                    high80: round(p.high80),
                    low95: round(p.low95),
                    high95: round(p.high95),
                })
                .collect();
        }
        Err(short) => answer.not_enough_data = Some(short.to_string()),
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use voronka_insights::series::Granularity as Buckets;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_running_month_is_not_a_complete_bucket() {
        let months = Series {
            granularity: Buckets::Month,
            start: day("2026-09-01"),
            values: vec![10.0, 10.0, 3.0],
        };
        assert_eq!(complete_buckets(&months, day("2026-11-21")), 2);
        assert_eq!(complete_buckets(&months, day("2026-11-30")), 3);
        assert_eq!(complete_buckets(&months, day("2026-08-31")), 0);
    }
}
