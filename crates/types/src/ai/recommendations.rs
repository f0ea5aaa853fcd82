//! Ranked recommendations and what applying one did.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::ContactId;

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
