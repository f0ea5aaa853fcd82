//! `task.overdue` webhook events: giving a task a due time (or reopening one already past it)
//! queues a `task.overdue` job for that time in the same transaction; when it runs, the event
//! goes out to the webhooks listening then, if the task is still open and its due time unmoved.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, TransactionTrait};
use serde::{Deserialize, Serialize};
use voronka_types::tasks::Task;
use voronka_types::{TaskId, TenantId};

use super::entity::{self, Entity as Tasks};
use crate::contacts::service::to_value;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job, JobError, NewJob};
use crate::startup::AppState;
use crate::webhooks::{self, WebhookEvent};

pub const JOB_KIND: &str = "task.overdue";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    task_id: TaskId,
    /// The due time the job was queued for.
    due_at: DateTime<Utc>,
}

/// Queues the overdue check of `task` at its due time, inside the caller's transaction
/// (whether anyone listens is asked when it runs, so webhooks added later hear of it too).
pub async fn schedule(db: &impl ConnectionTrait, task: &entity::Model) -> ApiResult<()> {
    let Some(due_at) = task.due_at.filter(|_| task.is_open()) else {
        return Ok(());
    };
    let tenant = TenantId(task.tenant_id);
    let payload = serde_json::to_value(Payload {
        task_id: TaskId(task.id),
        due_at,
    })
    .map_err(|e| ApiError::Internal(e.into()))?;
    jobs::enqueue(db, NewJob::new(JOB_KIND, Some(tenant), payload, due_at)).await?;
    Ok(())
}

/// The job handler: emit `task.overdue` if the task is still open and due at that time.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let txn = state.db.begin().await?;
    let Some(task) = Tasks::find_by_id(payload.task_id.0).one(&txn).await? else {
        return Ok(());
    };
    let still_due = task.is_open()
        && task.due_at == Some(payload.due_at)
        && job.tenant.is_none_or(|tenant| tenant.0 == task.tenant_id);
    if !still_due {
        return Ok(());
    }
    let tenant = TenantId(task.tenant_id);
    webhooks::emit(&txn, tenant, WebhookEvent::TaskOverdue, to_value(&Task::from(task))?).await?;
    txn.commit().await?;
    Ok(())
}
