//! Lead scores computed by Voronka: every lead gets a 0–100 score, its temperature and the
//! reasons, from the rules of `voronka_insights::score` — blended with a model fitted on the
//! company's own closed leads once it has enough of them ([`model`]).
//!
//! A lead is rescored in the transaction that changes it (created, updated, a message or a
//! note), and an hourly sweep per company ([`sweep`]) rescores the open leads whose score moves
//! with time alone (waiting for a reply, growing old) and refits the company's model daily.
//! A score or temperature set by hand is kept (basis `manual`) until `score: null` hands the lead
//! back.

pub mod facts;
pub mod model;
pub mod sweep;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use voronka_insights::score::{self, ScoreModelKind, Temperature};
use voronka_types::leads::{LeadScore, ScoreBasis, ScoreReason};

use super::entity::{self, Column, Entity as Leads};
use crate::error::{ApiError, ApiResult};

/// How a stored lead's score was reached, if it was recorded.
pub fn explained(row: &entity::Model) -> Option<LeadScore> {
    row.score_explained
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
}

/// Whether a person or an integration set the lead's score by hand.
pub fn is_manual(row: &entity::Model) -> bool {
    explained(row).is_some_and(|s| s.basis == ScoreBasis::Manual)
}

/// The `score_explained` column for a score set by hand at `at`.
pub fn manual(at: DateTime<Utc>) -> ApiResult<String> {
    to_column(&LeadScore {
        basis: ScoreBasis::Manual,
        closed_leads: None,
        reasons: Vec::new(),
        scored_at: at,
    })
}

fn to_column(score: &LeadScore) -> ApiResult<String> {
    serde_json::to_string(score).map_err(|e| ApiError::Internal(e.into()))
}

fn temperature(t: Temperature) -> &'static str {
    match t {
        Temperature::Hot => "hot",
        Temperature::Warm => "warm",
        Temperature::Cold => "cold",
    }
}

/// Recomputes the scores of the given leads of `tenant` as of `now` (leads scored by hand are
/// left alone), inside the caller's transaction. Answers how many were rescored.
pub async fn rescore(db: &impl ConnectionTrait, tenant: Uuid, ids: &[Uuid], now: DateTime<Utc>) -> ApiResult<usize> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        rows.extend(
            Leads::find()
                .filter(Column::TenantId.eq(tenant))
                .filter(Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter(|row| !is_manual(row)),
        );
    }
    if rows.is_empty() {
        return Ok(0);
    }
    let fitted = model::current(db, tenant).await?;
    let facts = facts::load(db, tenant, &rows, |_| now).await?;
    for (row, facts) in rows.iter().zip(&facts) {
        let found = score::score(facts, fitted.as_ref());
        let (basis, closed_leads) = match found.model {
            ScoreModelKind::Rules => (ScoreBasis::Rules, None),
            ScoreModelKind::Fitted { closed_leads } => (ScoreBasis::Fitted, u32::try_from(closed_leads).ok()),
        };
        let details = LeadScore {
            basis,
            closed_leads,
            reasons: found
                .reasons
                .into_iter()
                .map(|r| ScoreReason {
                    code: r.code.to_owned(),
                    points: r.points,
                    text_ru: r.text_ru,
                    text_en: r.text_en,
                })
                .collect(),
            scored_at: now,
        };
        // A score is not an edit: `updated_at` stays, so "recently updated" lists do not churn.
        Leads::update_many()
            .col_expr(Column::Score, Expr::value(i16::from(found.value)))
            .col_expr(Column::Temperature, Expr::value(temperature(found.temperature)))
            .col_expr(Column::ScoreExplained, Expr::value(to_column(&details)?))
            .filter(Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(rows.len())
}

/// [`rescore`] for one lead, answering its row as stored after.
pub async fn rescore_one(
    db: &impl ConnectionTrait,
    row: entity::Model,
    now: DateTime<Utc>,
) -> ApiResult<entity::Model> {
    if is_manual(&row) {
        return Ok(row);
    }
    rescore(db, row.tenant_id, &[row.id], now).await?;
    sweep::ensure_scheduled(db, row.tenant_id, now).await?;
    Ok(Leads::find_by_id(row.id).one(db).await?.unwrap_or(row))
}
