//! The `deals` table.

use sea_orm::entity::prelude::*;

use crate::pipelines::records::StagedRecord;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub title: String,
    /// `title` lower-cased (Unicode-aware) for sorting and search.
    pub sort_title: String,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub status: String,
    pub rank: i64,
    pub owner_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub expected_close_date: Option<Date>,
    pub probability: Option<i16>,
    pub close_reason: Option<String>,
    pub closed_at: Option<ChronoDateTimeUtc>,
    /// JSON array of tags as typed.
    pub tags: String,
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
    const ENTITY: &'static str = "deal";
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

impl From<Model> for voronka_types::deals::Deal {
    fn from(m: Model) -> Self {
        use voronka_types::pipelines::StageKind;
        Self {
            id: m.id.into(),
            amount: crate::money::to_dto(m.amount_minor, &m.currency),
            title: m.title,
            contact_id: m.contact_id.map(Into::into),
            company_id: m.company_id.map(Into::into),
            lead_id: m.lead_id.map(Into::into),
            pipeline_id: m.pipeline_id.into(),
            stage_id: m.stage_id.into(),
            status: StageKind::parse(&m.status).unwrap_or(StageKind::Open),
            owner_id: m.owner_id.map(Into::into),
            expected_close_date: m.expected_close_date,
            probability: m.probability.map(|p| p.clamp(0, 100) as u8),
            close_reason: m.close_reason,
            closed_at: m.closed_at,
            tags: serde_json::from_str(&m.tags).unwrap_or_default(),
            custom_fields: crate::custom_fields::values::from_column(&m.custom_fields),
            stage_changed_at: m.stage_changed_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
