//! The `leads` table.

use sea_orm::entity::prelude::*;

use crate::pipelines::records::StagedRecord;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "leads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub contact_id: Uuid,
    pub name: String,
    /// `name` lower-cased (Unicode-aware) for sorting and search.
    pub sort_name: String,
    pub source: String,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    /// The kind of the stage: open, won or lost.
    pub status: String,
    /// Board order within the stage, ascending.
    pub rank: i64,
    pub owner_id: Option<Uuid>,
    pub score: i16,
    pub temperature: Option<String>,
    /// How the score was reached (`LeadScore` as JSON); absent before the first scoring.
    pub score_explained: Option<String>,
    pub handled_by: String,
    pub last_inbound_message: Option<String>,
    /// What the latest inbound message wants (`wants_call`, `price_question`, … `spam`, `other`).
    pub intent: Option<String>,
    pub last_inbound_at: Option<ChronoDateTimeUtc>,
    pub last_outbound_at: Option<ChronoDateTimeUtc>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub city: Option<String>,
    /// JSON array of tags as typed.
    pub tags: String,
    pub repeat: bool,
    pub close_reason: Option<String>,
    pub deal_id: Option<Uuid>,
    /// JSON object of custom field values by key.
    pub custom_fields: String,
    pub stage_changed_at: ChronoDateTimeUtc,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl StagedRecord for Entity {
    const ENTITY: &'static str = "lead";
    fn id() -> Column {
        Column::Id
    }
    fn tenant() -> Column {
        Column::TenantId
    }
    fn pipeline() -> Column {
        Column::PipelineId
    }
    fn stage() -> Column {
        Column::StageId
    }
    fn status() -> Column {
        Column::Status
    }
    fn rank() -> Column {
        Column::Rank
    }
    fn amount() -> Column {
        Column::AmountMinor
    }
    fn currency() -> Column {
        Column::Currency
    }
    fn stage_changed_at() -> Column {
        Column::StageChangedAt
    }
    fn updated_at() -> Column {
        Column::UpdatedAt
    }
    fn rank_of(model: &Model) -> (i64, Uuid) {
        (model.rank, model.id)
    }
}
