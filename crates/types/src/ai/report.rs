//! The sales report: a period's figures against the one before, its best customers and
//! products, leads by source, and the narrative.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::recommendations::Recommendation;
use super::segments::SegmentSummary;
use super::trends::{Granularity, Metric, TrendDirection};
use crate::ids::ContactId;
use crate::money::Money;

/// Days `from ..= to` in the company's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A count against the previous period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountFigure {
    pub value: u64,
    pub previous: u64,
    /// `(value − previous) / previous`, e.g. `0.12` for +12 %; absent when `previous` is 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// An amount against the previous period (absent amounts: no orders in that period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoneyFigure {
    pub value: Option<Money>,
    pub previous: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// A share (0–1) against the previous period; `change` is in percentage points ÷ 100
/// (`0.05` = five points more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateFigure {
    pub value: Option<f64>,
    pub previous: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

/// The period's sales in the company's currency (see `docs/ai.md` for each definition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesFigures {
    pub revenue: MoneyFigure,
    pub orders: CountFigure,
    /// Distinct buyers.
    pub customers: CountFigure,
    /// Buyers whose first purchase falls in the period.
    pub new_customers: CountFigure,
    /// Buyers who had bought before the period.
    pub returning_customers: CountFigure,
    pub average_order_value: MoneyFigure,
    /// Share of the period's buyers with two or more purchases up to the period's end.
    pub repeat_purchase_rate: RateFigure,
}

/// One of the period's biggest buyers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopCustomer {
    pub contact_id: ContactId,
    pub name: String,
    pub revenue: Money,
    pub orders: u64,
}

/// One of the period's best-selling products (from purchase items; by SKU, else by name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopProduct {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    pub name: String,
    /// Units sold, a decimal string.
    pub quantity: String,
    /// Quantity × unit price over the period's purchases.
    pub revenue: Money,
    /// Purchases that contain it.
    pub orders: u64,
}

/// Leads that arrived in the period from one source and how many were won.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceConversion {
    pub source: String,
    pub leads: u64,
    /// Leads now in a won stage or converted to a deal.
    pub won: u64,
    /// `won / leads`.
    pub conversion: f64,
}

/// Purchases in a currency other than the company's: counted here, left out of the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrencyTotal {
    pub orders: u64,
    pub revenue: Money,
}

/// Who wrote the narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NarrativeSource {
    /// Composed from the figures by rules.
    Composed,
    /// Written by the configured LLM from the figures, every number checked.
    Llm,
}

/// The report told in words, in the company's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Narrative {
    pub text: String,
    pub source: NarrativeSource,
    /// Why the LLM was not used (not configured, over budget, failed, stated a number that is
    /// not a fact…); absent when it wrote the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_status: Option<String>,
}

/// `GET /api/v1/ai/report`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesReport {
    pub period: DateRange,
    /// The same number of days right before `period`.
    pub previous_period: DateRange,
    /// The company's currency: every amount of the figures is in it.
    pub currency: String,
    pub figures: SalesFigures,
    pub top_customers: Vec<TopCustomer>,
    pub top_products: Vec<TopProduct>,
    pub leads_by_source: Vec<SourceConversion>,
    /// Purchases of the period in other currencies.
    pub other_currencies: Vec<CurrencyTotal>,
    /// Customer segments as of the period's last day.
    pub segments: Vec<SegmentSummary>,
    /// Revenue, orders and new customers over the period, in short (the whole analysis:
    /// `GET /ai/trends` with the same metric, granularity and period).
    pub trends: Vec<TrendSummary>,
    /// Revenue of the buckets right after the period, in short (`GET /ai/forecast`).
    pub forecast: ForecastSummary,
    /// The first few recommendations as of the period's last day (all of them:
    /// `GET /ai/recommendations?as_of=`).
    pub recommendations: Vec<Recommendation>,
    pub narrative: Narrative,
}

/// A metric's trend over the report's period. The running bucket (today, this week or month)
/// is left out of the analysis, as in `GET /ai/trends`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrendSummary {
    pub metric: Metric,
    /// Days for periods up to 62 days, weeks up to 366, months beyond.
    pub granularity: Granularity,
    pub direction: TrendDirection,
    /// Change of the fitted line over the analysed buckets, relative to its start; absent when
    /// the start is zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_change: Option<f64>,
    /// Whether the Mann–Kendall test finds the direction significant (p < 0.05).
    pub significant: bool,
    /// Seasonal patterns found: `weekday`, `month_of_year`.
    pub seasonality: Vec<String>,
    /// Buckets far outside the expected band.
    pub anomalies: Vec<NaiveDate>,
}

/// The company-currency revenue forecast for as many buckets after the report's period as the
/// period holds (at most 366). `value` is the sum of the point forecasts; `low80`/`high80` are
/// the sums of the buckets' 80 % bounds, a deliberately wide band (the buckets' errors are not
/// independent). Short histories answer `not_enough_data` and no figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForecastSummary {
    pub metric: Metric,
    pub granularity: Granularity,
    /// The days the forecast buckets cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low80: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high80: Option<Money>,
    /// The model the backtest chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Its backtest error scaled by seasonal naive's (below 1: better than naive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mase: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_enough_data: Option<String>,
}
