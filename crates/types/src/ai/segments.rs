//! RFM customer segments and each buyer's churn risk.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::ContactId;
use crate::money::Money;
use crate::page::Page;

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
