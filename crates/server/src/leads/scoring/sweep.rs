//! The hourly scoring sweep of a company (job `leads.scores`): refits its outcome model when
//! the stored one is a day old (or missing), then rescores the open leads whose score moves with
//! time alone — those with a conversation (the reply timer) and those younger than a month (the
//! age penalty) — and those never scored (made before scoring existed, demo data), or every open
//! lead after a refit. It schedules itself again while the company
//! has open leads; any scored lead schedules it when none is pending.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;
use voronka_types::TenantId;

use super::{model, rescore};
use crate::error::ApiResult;
use crate::jobs::{self, Job, JobError, JobStatus, NewJob, entity as job};
use crate::leads::entity::{Column, Entity as Leads};
use crate::startup::AppState;

pub const JOB_KIND: &str = "leads.scores";

/// How often a company's open leads are rescored.
pub fn every() -> Duration {
    Duration::hours(1)
}

/// Schedules the company's sweep an hour from `now` unless one is pending.
pub async fn ensure_scheduled(db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> ApiResult<()> {
    if crate::memo::SCORING_SWEEPS.get(&tenant).is_some() {
        return Ok(());
    }
    let pending = job::Entity::find()
        .filter(job::Column::Kind.eq(JOB_KIND))
        .filter(job::Column::TenantId.eq(tenant))
        .filter(job::Column::Status.is_in([JobStatus::Pending.as_str(), JobStatus::Running.as_str()]))
        .count(db)
        .await?;
    if pending == 0 {
        jobs::enqueue(
            db,
            NewJob::new(JOB_KIND, Some(TenantId(tenant)), json!({}), now + every()),
        )
        .await?;
    }
    crate::memo::SCORING_SWEEPS.put(tenant, ());
    Ok(())
}

/// Runs a company's sweep (see the module docs).
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let Some(TenantId(tenant)) = job.tenant else {
        return Err(JobError::Permanent(anyhow::anyhow!("a scoring sweep needs a company")));
    };
    let now = crate::clock::now();
    sweep(&state.db, tenant, now).await?;
    let open = Leads::find()
        .filter(Column::TenantId.eq(tenant))
        .filter(Column::Status.eq("open"))
        .count(&state.db)
        .await?;
    if open > 0 {
        jobs::enqueue(
            &state.db,
            NewJob::new(JOB_KIND, Some(TenantId(tenant)), json!({}), now + every()),
        )
        .await?;
    }
    Ok(())
}

/// Refits the model when due and rescores the open leads that need it; answers how many were
/// rescored.
pub async fn sweep(db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> ApiResult<usize> {
    let stored = model::stored(db, tenant).await?;
    let refitted = if stored.as_ref().is_none_or(|m| now - m.fitted_at >= Duration::days(1)) {
        let had = stored.is_some();
        let has = model::refit(db, tenant, now).await?;
        had || has
    } else {
        false
    };
    let mut moving = Condition::all()
        .add(Column::TenantId.eq(tenant))
        .add(Column::Status.eq("open"));
    if !refitted {
        moving = moving.add(
            Condition::any()
                .add(Column::ScoreExplained.is_null())
                .add(Column::LastInboundAt.is_not_null())
                .add(Column::CreatedAt.gte(now - Duration::days(31))),
        );
    }
    let mut after: Option<Uuid> = None;
    let mut rescored = 0;
    loop {
        let mut page = Leads::find().select_only().column(Column::Id).filter(moving.clone());
        if let Some(after) = after {
            page = page.filter(Column::Id.gt(after));
        }
        let ids: Vec<Uuid> = page.order_by_asc(Column::Id).limit(500).into_tuple().all(db).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        rescored += rescore(db, tenant, &ids, now).await?;
        after = Some(last);
    }
    Ok(rescored)
}
