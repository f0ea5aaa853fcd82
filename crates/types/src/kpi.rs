//! Sales KPI per manager and for the team, and funnel analytics. Definitions: `docs/kpi.md`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Money, PipelineId, StageId, UserId};

/// How a KPI period is cut into buckets (company time zone; weeks start on Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    #[default]
    Week,
    Month,
}

/// The figures of one manager (or the team) over one bucket or the whole period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiFigures {
    pub leads_received: u64,
    pub leads_taken: u64,
    pub first_response_median_minutes: Option<f64>,
    pub first_response_p90_minutes: Option<f64>,
    pub deals_created: u64,
    pub deals_won: u64,
    pub deals_lost: u64,
    /// Leads received that have a deal ÷ leads received.
    pub lead_to_deal: Option<f64>,
    /// Deals won ÷ (won + lost).
    pub deal_to_won: Option<f64>,
    /// Won deals in the company's currency.
    pub revenue_won: Money,
    /// Won deals in other currencies (not in `revenue_won`).
    pub deals_won_other_currencies: u64,
    pub average_deal_size: Option<Money>,
    pub tasks_completed: u64,
    pub tasks_overdue: u64,
    pub active_hours: f64,
    pub leads_taken_per_active_hour: Option<f64>,
    pub deals_won_per_active_hour: Option<f64>,
    pub revenue_per_active_hour: Option<Money>,
}

/// One bucket's figures; `start` is its first day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiBucket {
    pub start: NaiveDate,
    pub figures: KpiFigures,
}

/// One manager's row, or the team's (`user_id` null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiRow {
    pub user_id: Option<UserId>,
    pub name: String,
    pub total: KpiFigures,
    pub buckets: Vec<KpiBucket>,
}

/// `GET /kpi`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    pub time_zone: String,
    pub currency: String,
    /// One row per manager in view.
    pub managers: Vec<KpiRow>,
    /// The sum over `managers` (percentiles over all their leads).
    pub team: KpiRow,
}

/// Conversion from one stage to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelStage {
    pub stage_id: StageId,
    pub name: String,
    pub position: u32,
    /// Records that reached this stage (or a later one).
    pub reached: u64,
    /// Of those, the records that went on to a later stage: `reached` of the next stage.
    pub went_on: u64,
    /// `went_on ÷ reached`; none for the last stage.
    pub conversion: Option<f64>,
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
}

/// Lost records per close reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DropOffReason {
    /// `null` for lost records without a reason.
    pub reason: Option<String>,
    pub count: u64,
}

/// Leads of one source and how many were won.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceConversion {
    pub source: String,
    pub leads: u64,
    pub won: u64,
    pub conversion: Option<f64>,
}

/// `GET /kpi/funnel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelReport {
    pub pipeline_id: PipelineId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Records created in the period that entered the pipeline.
    pub records: u64,
    pub stages: Vec<FunnelStage>,
    pub drop_off_reasons: Vec<DropOffReason>,
    pub sources: Vec<SourceConversion>,
}
