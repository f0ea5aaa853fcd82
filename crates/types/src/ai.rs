//! The AI assistant's answers: the sales report, customer segments and their figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::ContactId;
use crate::money::Money;
use crate::page::Page;

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
    pub narrative: Narrative,
}

/// An RFM segment: recency, frequency and money spent decide it (see `docs/ai.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalists,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

/// How likely a buyer has stopped buying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// A segment's size and weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentSummary {
    pub segment: Segment,
    pub customers: u64,
    pub revenue: Money,
    /// Share (0–1) of all buyers' revenue.
    pub revenue_share: f64,
}

/// One buyer's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SegmentCustomer {
    pub contact_id: ContactId,
    pub name: String,
    pub segment: Segment,
    /// Recency, frequency and monetary scores, 1 (worst) – 5 (best), by rank among all buyers.
    pub recency_score: u8,
    pub frequency_score: u8,
    pub monetary_score: u8,
    pub last_purchase: NaiveDate,
    pub days_since_last_purchase: i64,
    pub orders: u64,
    pub total: Money,
    /// The median number of days between this buyer's purchases (or all repeat buyers' median
    /// when they bought once: `own_rhythm` is false).
    pub typical_gap_days: f64,
    pub own_rhythm: bool,
    /// 0–1: 0 within the rhythm, ≈ 0.63 twice overdue, ≈ 0.86 three times.
    pub churn_risk: f64,
    pub risk_level: RiskLevel,
}

/// `GET /api/v1/ai/segments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segments {
    pub as_of: NaiveDate,
    pub currency: String,
    /// Every segment, empty ones included.
    pub segments: Vec<SegmentSummary>,
    /// The buyers (of `segment` when asked), biggest spenders first.
    pub customers: Page<SegmentCustomer>,
}

/// What a recommendation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecommendationKind {
    /// Buyers in `at_risk` / `cant_lose` who used to buy often: call them.
    WinBackCustomers,
    /// Hot leads of a manager wait long for a reply.
    ReplyFaster,
    /// Leads from one source convert far worse than from the best one.
    ImproveSource,
}

/// What `POST …/{id}/apply` does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendedAction {
    /// `create_call_tasks` or `create_reply_tasks`.
    pub kind: String,
    /// A button label in the company's language.
    pub label: String,
    /// How many tasks applying creates.
    pub tasks: u64,
}

/// A concrete, ranked suggestion with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// Stable while the situation lasts, e.g. `win_back_customers`, `reply_faster:<user id>`,
    /// `improve_source:instagram`.
    pub id: String,
    pub kind: RecommendationKind,
    /// 1 = do this first.
    pub rank: u32,
    /// 0–100, how much it matters (see `docs/ai.md`).
    pub priority: u8,
    /// What to do, in the company's language.
    pub title: String,
    /// Why: the figures behind it, in the company's language.
    pub evidence: String,
    /// The contacts, leads, manager or source it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact_ids: Vec<ContactId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead_ids: Vec<crate::ids::LeadId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<crate::ids::UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Absent when it is advice only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<RecommendedAction>,
}

/// `GET /api/v1/ai/recommendations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendations {
    pub as_of: NaiveDate,
    pub items: Vec<Recommendation>,
}

/// `POST /api/v1/ai/recommendations/{id}/apply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedRecommendation {
    pub id: String,
    pub task_ids: Vec<crate::ids::TaskId>,
}

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

/// `POST /api/v1/ai/classify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassifyRequest {
    /// A lead's message, 1–10,000 characters, Russian, English or both.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Здравствуйте, сколько стоит дом 8 на 10? Перезвоните после 18:00, +7 916 123-45-67")
    )]
    pub text: String,
}

/// What a lead wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    WantsCall,
    PriceQuestion,
    ProductInfo,
    ReadyToBuy,
    Complaint,
    Spam,
    Other,
}

impl Intent {
    pub const ALL: [Intent; 7] = [
        Intent::WantsCall,
        Intent::PriceQuestion,
        Intent::ProductInfo,
        Intent::ReadyToBuy,
        Intent::Complaint,
        Intent::Spam,
        Intent::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::WantsCall => "wants_call",
            Intent::PriceQuestion => "price_question",
            Intent::ProductInfo => "product_info",
            Intent::ReadyToBuy => "ready_to_buy",
            Intent::Complaint => "complaint",
            Intent::Spam => "spam",
            Intent::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == text)
    }
}

/// A phone found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FoundPhone {
    /// As written.
    pub raw: String,
    /// E.164 when it is a valid number (the company's phone region applies without a country code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e164: Option<String>,
}

/// Details found in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtractedDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub phones: Vec<FoundPhone>,
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// A time to talk, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_time: Option<String>,
    /// The company's lead custom fields found, by key (select fields: the option as defined;
    /// bool fields: `true`/`false`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: std::collections::BTreeMap<String, String>,
}

/// The answer of the classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadClassification {
    pub intent: Intent,
    /// 0–1.
    pub confidence: f64,
    /// Why, in the message's language.
    pub reasons: Vec<String>,
    /// `ru`, `en` or `mixed`.
    pub language: String,
    pub extracted: ExtractedDetails,
    /// `rules` (dictionaries and patterns) or `llm`.
    pub method: String,
    /// Why the LLM was not used; absent when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_status: Option<String>,
}
