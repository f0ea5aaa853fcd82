//! `GET /api/v1/ai/trends` and `GET /api/v1/ai/forecast`: a metric's series with its trend,
//! seasonality and anomalies; the periods after a day forecast by the model that did best in a
//! backtest.

use chrono::{Duration, NaiveDate};
use sea_orm::ConnectionTrait;
use voronka_insights::forecast::{self, MAX_HISTORY};
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
    let found = trend::analyse(&series);
    Ok(Trend {
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
    })
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
    let g = buckets(granularity);
    // The bucket `as_of` falls in counts only when `as_of` is its last day.
    let end = g.bucket_start(as_of + Duration::days(1)) - Duration::days(1);
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
    let Some(first) = series::first_day(db, company, metric, end).await? else {
        answer.not_enough_data = Some(format!("not enough data: 0 points, need {needed}"));
        return Ok(answer);
    };
    let start = history_start(g, first, end);
    let history = series::load(db, company, metric, granularity, start, end).await?;
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
    Ok(answer)
}

/// The later of the first data's bucket and the bucket [`MAX_HISTORY`] − 1 buckets before
/// `end`'s: leading empty buckets before the first sale would read as real zeros.
fn history_start(g: voronka_insights::series::Granularity, first: NaiveDate, end: NaiveDate) -> NaiveDate {
    let first = g.bucket_start(first);
    let mut start = g.bucket_start(end);
    for _ in 1..MAX_HISTORY {
        if start <= first {
            break;
        }
        start = g.bucket_start(start - Duration::days(1));
    }
    start.max(first)
}
