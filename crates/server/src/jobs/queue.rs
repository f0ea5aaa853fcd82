//! The queue itself: enqueueing, claiming (safe across server processes), completing and
//! retrying. Claims are optimistic: an `UPDATE … WHERE id = ? AND <still claimable>` that
//! only one process can win, on SQLite and PostgreSQL alike.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;
use uuid::Uuid;
use voronka_types::{JobId, TenantId};

use super::entity::{self, Column, Entity as Jobs};
use crate::clock;
use crate::error::{ApiError, ApiResult};

/// How often a job is tried before it is marked failed, unless the caller says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// The first retry waits this long; each further one twice as long as the one before.
pub const RETRY_BASE: Duration = Duration::from_secs(30);
/// No retry waits longer than this.
pub const RETRY_MAX: Duration = Duration::from_secs(60 * 60);

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    /// Waiting for `run_at`.
    Pending,
    /// Claimed by a worker until `locked_until`.
    Running,
    Done,
    /// Out of attempts, or refused for good (unknown kind, unreadable payload).
    Failed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        [
            JobStatus::Pending,
            JobStatus::Running,
            JobStatus::Done,
            JobStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// Work to do at `run_at` (now or later) by the handler registered for `kind`.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    /// The company the work is for; absent for platform-wide work.
    pub tenant: Option<TenantId>,
    pub payload: Value,
    pub run_at: DateTime<Utc>,
    pub max_attempts: u32,
}

impl NewJob {
    /// A job with the default number of attempts.
    pub fn new(kind: &str, tenant: Option<TenantId>, payload: Value, run_at: DateTime<Utc>) -> Self {
        Self {
            kind: kind.to_owned(),
            tenant,
            payload,
            run_at,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }
}

/// Adds a job. Pass the caller's transaction so the job exists exactly when the change that
/// asked for it is committed.
pub async fn enqueue(db: &impl ConnectionTrait, job: NewJob) -> ApiResult<JobId> {
    let id = JobId::new();
    let now = clock::now();
    let payload = serde_json::to_string(&job.payload).map_err(|e| ApiError::Internal(e.into()))?;
    Jobs::insert(entity::ActiveModel::from(entity::Model {
        id: id.0,
        tenant_id: job.tenant.map(|t| t.0),
        kind: job.kind,
        payload,
        run_at: job.run_at,
        status: JobStatus::Pending.as_str().to_owned(),
        attempts: 0,
        max_attempts: i32::try_from(job.max_attempts).unwrap_or(i32::MAX),
        locked_by: None,
        locked_until: None,
        last_error: None,
        created_at: now,
        updated_at: now,
    }))
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Due and pending, or claimed by a worker whose lease ran out (it crashed or hung).
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(Column::Status.eq(JobStatus::Pending.as_str()))
                .add(Column::RunAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(Column::Status.eq(JobStatus::Running.as_str()))
                .add(Column::LockedUntil.lt(now)),
        )
}

/// Up to `limit` jobs that could be claimed at `now`, the longest-waiting first.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> ApiResult<Vec<JobId>> {
    let ids: Vec<Uuid> = Jobs::find()
        .select_only()
        .column(Column::Id)
        .filter(claimable(now))
        .order_by_asc(Column::RunAt)
        .order_by_asc(Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(JobId).collect())
}

fn lease_end(now: DateTime<Utc>, lease: Duration) -> DateTime<Utc> {
    now + TimeDelta::from_std(lease).unwrap_or(TimeDelta::minutes(5))
}

/// Claims a job for `worker` until `now + lease`. Answers the claimed job, or `None` when
/// another worker got it first (or it is not due): only one of several racing claims wins.
pub async fn claim(
    db: &impl ConnectionTrait,
    id: JobId,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> ApiResult<Option<entity::Model>> {
    use sea_orm::ExprTrait;
    let claimed = Jobs::update_many()
        .col_expr(Column::Status, Expr::value(JobStatus::Running.as_str()))
        .col_expr(Column::LockedBy, Expr::value(worker))
        .col_expr(Column::LockedUntil, Expr::value(lease_end(now, lease)))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id.0))
        .filter(claimable(now))
        .exec(db)
        .await?
        .rows_affected;
    if claimed != 1 {
        return Ok(None);
    }
    Ok(Jobs::find_by_id(id.0).one(db).await?)
}

/// The claim this worker holds on `job`: its lease may have run out and another worker may
/// have claimed the job since, in which case nothing this worker says about it counts.
fn held_by(job: &entity::Model, worker: &str) -> Condition {
    Condition::all()
        .add(Column::Id.eq(job.id))
        .add(Column::Status.eq(JobStatus::Running.as_str()))
        .add(Column::LockedBy.eq(worker))
        .add(Column::Attempts.eq(job.attempts))
}

/// Marks a claimed job done. False when the claim was lost meanwhile.
pub async fn complete(
    db: &impl ConnectionTrait,
    job: &entity::Model,
    worker: &str,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let updated = Jobs::update_many()
        .col_expr(Column::Status, Expr::value(JobStatus::Done.as_str()))
        .col_expr(Column::LockedBy, Expr::value(None::<String>))
        .col_expr(Column::LockedUntil, Expr::value(None::<DateTime<Utc>>))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(held_by(job, worker))
        .exec(db)
        .await?
        .rows_affected;
    Ok(updated == 1)
}

/// How long to wait before the retry that follows attempt number `attempts` (1-based).
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
    RETRY_BASE.saturating_mul(2u32.saturating_pow(doublings)).min(RETRY_MAX)
}

/// Records a failed attempt: the job waits for a retry with exponential backoff, or is
/// marked failed when it is out of attempts or `permanent`. Answers the new status, or
/// `None` when the claim was lost meanwhile.
pub async fn fail(
    db: &impl ConnectionTrait,
    job: &entity::Model,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    permanent: bool,
) -> ApiResult<Option<JobStatus>> {
    let retry = (!permanent).then(|| backoff(job.attempts));
    record_failure(db, job, worker, now, error, retry).await
}

/// Like [`fail`], but the retry (if attempts are left) waits `delay` instead of the queue's
/// backoff: for handlers that keep their own schedule (webhook deliveries).
pub async fn fail_in(
    db: &impl ConnectionTrait,
    job: &entity::Model,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    delay: Duration,
) -> ApiResult<Option<JobStatus>> {
    record_failure(db, job, worker, now, error, Some(delay)).await
}

/// A failed attempt: retried after `retry` when given and attempts are left, else failed.
async fn record_failure(
    db: &impl ConnectionTrait,
    job: &entity::Model,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    retry: Option<Duration>,
) -> ApiResult<Option<JobStatus>> {
    let permanent = retry.is_none();
    let error: String = error.chars().take(2000).collect();
    let status = if permanent || job.attempts >= job.max_attempts {
        JobStatus::Failed
    } else {
        JobStatus::Pending
    };
    let mut update = Jobs::update_many()
        .col_expr(Column::Status, Expr::value(status.as_str()))
        .col_expr(Column::LockedBy, Expr::value(None::<String>))
        .col_expr(Column::LockedUntil, Expr::value(None::<DateTime<Utc>>))
        .col_expr(Column::LastError, Expr::value(error))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    if status == JobStatus::Pending {
        let delay = retry.unwrap_or_else(|| backoff(job.attempts));
        update = update.col_expr(Column::RunAt, Expr::value(lease_end(now, delay)));
    }
    let updated = update.filter(held_by(job, worker)).exec(db).await?.rows_affected;
    Ok((updated == 1).then_some(status))
}

/// Deletes jobs done before `before`; failed ones stay for an operator to look at.
pub async fn prune_done(db: &impl ConnectionTrait, before: DateTime<Utc>) -> ApiResult<u64> {
    Ok(Jobs::delete_many()
        .filter(Column::Status.eq(JobStatus::Done.as_str()))
        .filter(Column::UpdatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}

/// One job, as stored.
pub async fn find(db: &impl ConnectionTrait, id: JobId) -> ApiResult<Option<entity::Model>> {
    Ok(Jobs::find_by_id(id.0).one(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(120));
        assert_eq!(backoff(5), Duration::from_secs(480));
        assert_eq!(backoff(100), RETRY_MAX);
        assert_eq!(backoff(0), RETRY_BASE, "a job never claimed waits the base delay");
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in [
            JobStatus::Pending,
            JobStatus::Running,
            JobStatus::Done,
            JobStatus::Failed,
        ] {
            assert_eq!(JobStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn a_job_asks_for_at_least_one_attempt() {
        let job = NewJob::new("x", None, Value::Null, clock::now()).max_attempts(0);
        assert_eq!(job.max_attempts, 1);
    }
}
