//! Recommendations a company applied or dismissed, hidden for a while (`recommendation_states`).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, QueryFilter, QuerySelect, Set};

use crate::error::ApiResult;

/// How long an applied or dismissed recommendation stays away.
pub const HIDDEN_FOR_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendation_states")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub recommendation_id: String,
    /// `applied` or `dismissed`.
    pub status: String,
    pub decided_by: Option<Uuid>,
    pub decided_at: ChronoDateTimeUtc,
    pub hidden_until: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The ids hidden at `now`.
pub async fn hidden(db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> ApiResult<HashSet<String>> {
    let ids: Vec<String> = Entity::find()
        .select_only()
        .column(Column::RecommendationId)
        .filter(Column::TenantId.eq(tenant))
        .filter(Column::HiddenUntil.gt(now))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Records a decision (replacing an older one) and hides the recommendation.
pub async fn decide(
    db: &impl ConnectionTrait,
    tenant: Uuid,
    id: &str,
    status: &str,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let row = ActiveModel {
        tenant_id: Set(tenant),
        recommendation_id: Set(id.to_owned()),
        status: Set(status.to_owned()),
        decided_by: Set(by),
        decided_at: Set(now),
        hidden_until: Set(now + Duration::days(HIDDEN_FOR_DAYS)),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::TenantId, Column::RecommendationId])
                .update_columns([
                    Column::Status,
                    Column::DecidedBy,
                    Column::DecidedAt,
                    Column::HiddenUntil,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
