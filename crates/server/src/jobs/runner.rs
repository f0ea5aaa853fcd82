//! One pass over the due jobs: claim each, run its handler by kind, record the outcome.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use voronka_types::{JobId, TenantId};

use super::entity;
use super::queue::{self, JobStatus};
use crate::clock;
use crate::startup::AppState;
use crate::{imports, leads, notifications, reports, tasks, webhooks};

/// A claimed job as its handler sees it.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub tenant: Option<TenantId>,
    pub payload: Value,
    /// 1 on the first try.
    pub attempt: i32,
    pub run_at: DateTime<Utc>,
    /// The clock of the pass that runs it: now in production, the time a test skips to.
    pub now: DateTime<Utc>,
}

impl Job {
    /// The payload as the handler's type; an unreadable payload will never succeed, so it
    /// fails the job for good.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, JobError> {
        serde_json::from_value(self.payload.clone())
            .map_err(|e| JobError::Permanent(anyhow::anyhow!("unreadable payload for `{}`: {e}", self.kind)))
    }
}

/// Why a handler did not finish its job.
#[derive(Debug)]
pub enum JobError {
    /// Worth trying again later (a database or SMTP hiccup), after the queue's backoff.
    Retry(anyhow::Error),
    /// Worth trying again after this delay (the handler keeps its own schedule).
    RetryIn(Duration, anyhow::Error),
    /// Will never succeed: the job is marked failed at once.
    Permanent(anyhow::Error),
}

impl From<anyhow::Error> for JobError {
    fn from(err: anyhow::Error) -> Self {
        JobError::Retry(err)
    }
}

impl From<crate::error::ApiError> for JobError {
    fn from(err: crate::error::ApiError) -> Self {
        JobError::Retry(err.into())
    }
}

impl From<sea_orm::DbErr> for JobError {
    fn from(err: sea_orm::DbErr) -> Self {
        JobError::Retry(err.into())
    }
}

/// Runs the handler registered for the job's kind. Unknown kinds fail for good.
async fn dispatch(state: &AppState, job: &Job) -> Result<(), JobError> {
    match job.kind.as_str() {
        tasks::reminders::JOB_KIND => tasks::reminders::run(state, job).await,
        tasks::overdue::JOB_KIND => tasks::overdue::run(state, job).await,
        notifications::email::JOB_KIND => notifications::email::run(state, job).await,
        imports::job::JOB_KIND => imports::job::run(state, job).await,
        webhooks::delivery::JOB_KIND => webhooks::delivery::run(state, job).await,
        leads::scoring::sweep::JOB_KIND => leads::scoring::sweep::run(state, job).await,
        leads::reread::JOB_KIND => leads::reread::run(state, job).await,
        reports::periodic::JOB_KIND => reports::periodic::job::run(state, job).await,
        other => Err(JobError::Permanent(anyhow::anyhow!("unknown job kind `{other}`"))),
    }
}

/// This process's name in `jobs.locked_by`: host, process id and a random part.
pub fn worker_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "voronka".into());
        let random = uuid::Uuid::new_v4().simple().to_string();
        format!("{host}:{}:{}", std::process::id(), &random[..8])
    })
}

fn lease(state: &AppState) -> Duration {
    Duration::from_secs(state.config.jobs_lease_secs.max(1))
}

/// Runs one pass now: see [`run_due_at`].
pub async fn run_due(state: &AppState) -> usize {
    run_due_at(state, clock::now()).await
}

/// Claims the jobs due at `now` (at most `jobs_batch_size`) and runs each. Answers how many
/// this process claimed and ran; jobs claimed by another process are skipped. Failures are
/// recorded on the job and logged, never returned. Tests pass a `now` in the future to skip
/// ahead to retries and expired leases.
pub async fn run_due_at(state: &AppState, now: DateTime<Utc>) -> usize {
    let candidates = match queue::due(&state.db, now, state.config.jobs_batch_size.max(1)).await {
        Ok(ids) => ids,
        Err(error) => {
            tracing::error!(?error, "cannot look for due jobs");
            return 0;
        }
    };
    let mut ran = 0;
    for id in candidates {
        match queue::claim(&state.db, id, worker_id(), now, lease(state)).await {
            Ok(Some(job)) => {
                ran += 1;
                run_claimed(state, job, now).await;
            }
            Ok(None) => {}
            Err(error) => tracing::error!(?error, job_id = %id, "cannot claim a job"),
        }
    }
    ran
}

#[tracing::instrument(skip_all, fields(job_id = %model.id, kind = %model.kind, attempt = model.attempts))]
async fn run_claimed(state: &AppState, model: entity::Model, now: DateTime<Utc>) {
    let worker = worker_id();
    let outcome = if model.attempts > model.max_attempts {
        // The worker running the last attempt stopped before it could say how it went.
        Err(JobError::Permanent(anyhow::anyhow!(
            "gave up after {} attempts; the last one never finished",
            model.max_attempts
        )))
    } else {
        match serde_json::from_str(&model.payload) {
            Ok(payload) => {
                let job = Job {
                    id: JobId(model.id),
                    kind: model.kind.clone(),
                    tenant: model.tenant_id.map(TenantId),
                    payload,
                    attempt: model.attempts,
                    run_at: model.run_at,
                    now,
                };
                // Stop before the lease ends, so no other worker runs the job at the same time.
                let limit = lease(state).mul_f64(0.9);
                tokio::time::timeout(limit, dispatch(state, &job))
                    .await
                    .unwrap_or_else(|_| Err(JobError::Retry(anyhow::anyhow!("timed out after {limit:?}"))))
            }
            Err(e) => Err(JobError::Permanent(anyhow::anyhow!("payload is not JSON: {e}"))),
        }
    };
    let recorded = match &outcome {
        Ok(()) => queue::complete(&state.db, &model, worker, now)
            .await
            .map(|held| held.then_some(JobStatus::Done)),
        Err(JobError::Retry(error)) => queue::fail(&state.db, &model, worker, now, &format!("{error:#}"), false).await,
        Err(JobError::RetryIn(delay, error)) => {
            queue::fail_in(&state.db, &model, worker, now, &format!("{error:#}"), *delay).await
        }
        Err(JobError::Permanent(error)) => {
            queue::fail(&state.db, &model, worker, now, &format!("{error:#}"), true).await
        }
    };
    match (recorded, outcome) {
        (Ok(Some(JobStatus::Done)), _) => tracing::debug!("job done"),
        (
            Ok(Some(JobStatus::Failed)),
            Err(JobError::Retry(error) | JobError::RetryIn(_, error) | JobError::Permanent(error)),
        ) => {
            tracing::error!(error = format!("{error:#}"), "job failed for good")
        }
        (Ok(Some(status)), Err(JobError::Retry(error) | JobError::RetryIn(_, error) | JobError::Permanent(error))) => {
            tracing::warn!(
                error = format!("{error:#}"),
                status = status.as_str(),
                "job attempt failed; will retry"
            )
        }
        (Ok(_), _) => tracing::warn!("the job's lease ran out before it finished; another worker owns it now"),
        (Err(error), _) => tracing::error!(?error, "cannot record a job's outcome; it runs again after its lease"),
    }
}
