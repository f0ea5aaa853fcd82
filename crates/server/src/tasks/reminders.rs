//! Task reminders: setting `remind_at` queues a `task.reminder` job for that time (in the same
//! transaction); when it runs it notifies the assignee, unless the task was completed or the
//! reminder moved meanwhile (the moved reminder has its own job).

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, TransactionTrait};
use serde::{Deserialize, Serialize};
use voronka_types::{TaskId, TenantId};

use super::dates;
use super::entity::{self, Entity as Tasks};
use crate::error::ApiResult;
use crate::jobs::{self, Job, JobError, NewJob};
use crate::notifications::{self, NewNotification};
use crate::startup::AppState;

pub const JOB_KIND: &str = "task.reminder";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    task_id: TaskId,
    /// The reminder time the job was queued for.
    remind_at: DateTime<Utc>,
}

/// Queues the reminder of `task` (which must have `remind_at`) inside the caller's transaction.
pub async fn schedule(db: &impl ConnectionTrait, task: &entity::Model) -> ApiResult<()> {
    let Some(remind_at) = task.remind_at else {
        return Ok(());
    };
    let payload = serde_json::to_value(Payload {
        task_id: TaskId(task.id),
        remind_at,
    })
    .map_err(|e| crate::error::ApiError::Internal(e.into()))?;
    jobs::enqueue(
        db,
        NewJob::new(JOB_KIND, Some(TenantId(task.tenant_id)), payload, remind_at),
    )
    .await?;
    Ok(())
}

/// The job handler: notify the assignee if the reminder still stands.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let txn = state.db.begin().await?;
    let Some(task) = Tasks::find_by_id(payload.task_id.0).one(&txn).await? else {
        return Ok(());
    };
    let still_due = task.is_open()
        && task.remind_at == Some(payload.remind_at)
        && job.tenant.is_none_or(|tenant| tenant.0 == task.tenant_id);
    if !still_due {
        return Ok(());
    }
    let tenant = TenantId(task.tenant_id);
    let zone = dates::tenant_zone(&txn, tenant).await?;
    let body = match task.due_at {
        Some(due) => format!("Due {}.", dates::local_time(zone, due)),
        None => String::new(),
    };
    notifications::notify(
        &txn,
        Some(&state.mailer),
        NewNotification {
            tenant,
            user: task.assignee_id.into(),
            kind: "task.reminder",
            title: format!("Reminder: {}", task.title),
            body,
            entity_type: "task",
            entity_id: Some(task.id),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
