//! Metric series, their trends and forecasts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::report::DateRange;

/// What a trend or forecast measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Sum of purchase amounts (company currency, in major units).
    Revenue,
    /// Number of purchases.
    Orders,
    /// Buyers whose first purchase falls in the bucket.
    NewCustomers,
    /// Revenue ÷ orders of the bucket (buckets without orders carry the previous value).
    Aov,
    /// Leads created.
    Leads,
    /// Share of the bucket's new leads that were won (buckets without leads carry the previous value).
    Conversion,
}

/// Buckets of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    /// Monday to Sunday.
    Week,
    Month,
}

/// One bucket of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesPoint {
    /// The bucket's first day.
    pub date: NaiveDate,
    pub value: f64,
}

/// Which way a series goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TrendDirection {
    Up,
    Down,
    /// No statistically significant trend.
    Flat,
}

/// A repeating pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonalPattern {
    /// `weekday` (profile Monday … Sunday) or `month_of_year` (January … December).
    pub kind: String,
    /// Share of the variation the pattern explains, 0–1.
    pub strength: f64,
    /// Relative level per weekday or month, averaging 1.
    pub profile: Vec<f64>,
    /// Index into `profile` of the highest and the lowest level.
    pub peak: usize,
    pub trough: usize,
    pub p_value: f64,
}

/// A bucket far outside the expected band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnomalyPoint {
    pub date: NaiveDate,
    pub value: f64,
    pub expected: f64,
    pub low: f64,
    pub high: f64,
}

/// `GET /api/v1/ai/trends`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trend {
    pub metric: Metric,
    pub granularity: Granularity,
    pub period: DateRange,
    /// The currency of money metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub series: Vec<SeriesPoint>,
    /// The first bucket that had not ended by `period.to` or by yesterday (a running week or
    /// month, or today): it is in `series` but left out of the direction, slope, seasonality
    /// and anomalies, which read only complete buckets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_from: Option<NaiveDate>,
    pub direction: TrendDirection,
    /// Theil–Sen slope: change per bucket.
    pub slope_per_period: f64,
    /// Change over the whole period relative to its mean level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_change: Option<f64>,
    /// Mann–Kendall test: two-sided p-value and whether it is below 0.05.
    pub p_value: f64,
    pub significant: bool,
    pub seasonality: Vec<SeasonalPattern>,
    pub anomalies: Vec<AnomalyPoint>,
}

/// One forecast bucket with its 80 % and 95 % intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForecastPoint {
    pub date: NaiveDate,
    pub value: f64,
    pub low80: f64,
    pub high80: f64,
    pub low95: f64,
    pub high95: f64,
}

/// A model tried in the backtest and its error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelScore {
    /// `seasonal_naive`, `naive`, `holt_winters`, `holt` or `theta`.
    pub model: String,
    /// Mean absolute scaled error in the backtest: below 1 beats the seasonal naive baseline.
    pub mase: f64,
}

/// `GET /api/v1/ai/forecast`. With too short a history `points` is empty and `not_enough_data`
/// says how many buckets there are and how many are needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesForecast {
    pub metric: Metric,
    pub granularity: Granularity,
    /// The last day of the history read; the forecast starts at the bucket after it.
    pub as_of: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The history the models were fitted on.
    pub history: Vec<SeriesPoint>,
    pub points: Vec<ForecastPoint>,
    /// The chosen model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The chosen model's backtest MASE against seasonal naive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mase: Option<f64>,
    /// Forecast origins and horizon of the backtest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest_origins: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest_horizon: Option<u64>,
    pub candidates: Vec<ModelScore>,
    /// "not enough data: N points, need M".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_enough_data: Option<String>,
}
