//! Each company's outcome model: a logistic regression fitted on its own closed leads (won
//! against lost) by `voronka_insights::score::fit`, kept in `lead_score_models`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, QueryOrder, QuerySelect};
use voronka_insights::score::{self, OutcomeModel};

use super::facts;
use crate::error::{ApiError, ApiResult};
use crate::leads::entity::{Column as LeadColumn, Entity as Leads};

/// The most recent closed leads a model learns from (older outcomes say less about today).
pub const MAX_TRAINING: u64 = 20_000;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "lead_score_models")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// `OutcomeModel` as JSON.
    pub model: String,
    pub closed_leads: i32,
    pub won: i32,
    pub holdout_auc: Option<f64>,
    pub fitted_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The company's stored row, if it has a model.
pub async fn stored(db: &impl ConnectionTrait, tenant: Uuid) -> ApiResult<Option<Model>> {
    Ok(Entity::find_by_id(tenant).one(db).await?)
}

/// The company's fitted model, if it has one.
pub async fn current(db: &impl ConnectionTrait, tenant: Uuid) -> ApiResult<Option<OutcomeModel>> {
    Ok(stored(db, tenant)
        .await?
        .and_then(|row| serde_json::from_str(&row.model).ok()))
}

/// Fits the company's model on its latest closed leads (each seen as it was when it closed)
/// and stores it — or removes the stored one when there are too few outcomes of either kind
/// (`voronka_insights::score::MIN_CLOSED`). Answers whether a model is in place after.
pub async fn refit(db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let closed = Leads::find()
        .filter(LeadColumn::TenantId.eq(tenant))
        .filter(LeadColumn::Status.is_in(["won", "lost"]))
        .order_by_desc(LeadColumn::StageChangedAt)
        .limit(MAX_TRAINING)
        .all(db)
        .await?;
    let fitted = if closed.len() < score::MIN_CLOSED {
        None
    } else {
        let seen = facts::load(db, tenant, &closed, |row| row.stage_changed_at).await?;
        let outcomes: Vec<_> = seen
            .into_iter()
            .zip(&closed)
            .map(|(facts, row)| (facts, row.status == "won" || row.deal_id.is_some()))
            .collect();
        score::fit(&outcomes)
    };
    Entity::delete_by_id(tenant).exec(db).await?;
    let Some(fitted) = fitted else {
        return Ok(false);
    };
    let json = serde_json::to_string(&fitted).map_err(|e| ApiError::Internal(e.into()))?;
    ActiveModel {
        tenant_id: Set(tenant),
        model: Set(json),
        closed_leads: Set(i32::try_from(fitted.training_size).unwrap_or(i32::MAX)),
        won: Set(i32::try_from(fitted.won).unwrap_or(i32::MAX)),
        holdout_auc: Set(fitted.holdout_auc),
        fitted_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(true)
}
