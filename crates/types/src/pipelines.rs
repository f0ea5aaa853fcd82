//! Pipelines (sales funnels) and their stages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{PipelineId, StageId};

/// Whether a pipeline holds leads or deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PipelineKind {
    Lead,
    Deal,
}

impl PipelineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PipelineKind::Lead => "lead",
            PipelineKind::Deal => "deal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [PipelineKind::Lead, PipelineKind::Deal]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A stage is still open, or final: won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [StageKind::Open, StageKind::Won, StageKind::Lost]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: StageId,
    pub pipeline_id: PipelineId,
    pub name: String,
    pub kind: StageKind,
    /// 0-based place in the pipeline.
    pub position: u32,
    /// A stable name for the stages a new company starts with (`new`, `ai_dialogue`,
    /// `incomplete_data`, `wants_call`, `complete_data`, `in_progress`, `proposal`, `won`,
    /// `lost`), so integrations and the AI find them after a rename. Absent on added stages.
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pipeline {
    pub id: PipelineId,
    pub name: String,
    pub kind: PipelineKind,
    /// New leads (or deals) without a pipeline go to the default one of their kind.
    pub is_default: bool,
    pub position: u32,
    /// In order.
    pub stages: Vec<Stage>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A stage of a new pipeline, or one added later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStage {
    pub name: String,
    #[serde(default = "open")]
    pub kind: StageKind,
}

fn open() -> StageKind {
    StageKind::Open
}

/// `POST /api/v1/pipelines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatePipeline {
    pub name: String,
    pub kind: PipelineKind,
    /// In order; at least one. Without any, the pipeline gets the default stages of its kind.
    #[serde(default)]
    pub stages: Vec<NewStage>,
    #[serde(default)]
    pub is_default: bool,
}

/// `PATCH /api/v1/pipelines/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdatePipeline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `true` makes this the default of its kind (the previous default stops being one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

/// `POST /api/v1/pipelines/{id}/stages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateStage {
    pub name: String,
    #[serde(default = "open")]
    pub kind: StageKind,
    /// Where to insert it (0 = first); at the end when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
}

/// `PATCH /api/v1/pipelines/{id}/stages/{stage_id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateStage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StageKind>,
}

/// `PUT /api/v1/pipelines/{id}/stages/order`: every stage of the pipeline, in the new order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReorderStages {
    pub stage_ids: Vec<StageId>,
}

/// One move of a lead or deal between stages: kept for history and funnel analytics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChange {
    /// Absent for the first stage a record got.
    pub from_stage_id: Option<StageId>,
    pub to_stage_id: StageId,
    /// Who moved it; absent when an integration or the system did.
    pub actor_id: Option<crate::UserId>,
    pub changed_at: DateTime<Utc>,
}

/// One column of a kanban board: its stage, how many records it holds, their amounts summed
/// per currency, and the first cards in board order. `next_cursor` loads more of this column
/// through the list endpoint (`?stage_id=…&sort=position&cursor=…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardColumn<T> {
    pub stage: Stage,
    pub count: u64,
    pub sums: Vec<crate::Money>,
    pub cards: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// A pipeline as a kanban board, one column per stage in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Board<T> {
    pub pipeline_id: PipelineId,
    pub columns: Vec<BoardColumn<T>>,
}
