//! The background side of an import: the durable job `import.rows` lands the stored file's
//! rows in chunks. Each chunk's rows and the import's progress (processed rows, counters,
//! errors) commit in one transaction, guarded by the progress it started from, so a job that
//! dies mid-chunk leaves nothing of that chunk and its retry resumes exactly where the last
//! commit stopped: every row lands once. After `import_chunks_per_job` chunks (or a third of
//! the job lease) a run hands over to a fresh job, queued in the same transaction as its last
//! chunk. A dry run rolls each chunk back and records only the progress.

use std::time::Instant;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use serde::{Deserialize, Serialize};
use voronka_types::imports::ImportStatus;
use voronka_types::{ImportId, TenantId, UserId};

use super::entity::{file as stored_file, import};
use super::rows::{self, Importer, Tally};
use super::{mapping, service};
use crate::api_keys;
use crate::auth::principal::{Actor, Principal};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job, JobError, NewJob};
use crate::rbac;
use crate::startup::AppState;
use crate::users::entity::Entity as Users;

pub const JOB_KIND: &str = "import.rows";
/// A run that keeps failing on database errors gives up after this many tries and fails the
/// import (the rows landed so far stay).
const ATTEMPTS: u32 = 3;

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    import_id: ImportId,
}

/// The job that processes (or goes on processing) import `id`.
pub fn new_job(id: ImportId, tenant: TenantId, run_at: chrono::DateTime<chrono::Utc>) -> NewJob {
    let payload = serde_json::json!(Payload { import_id: id });
    NewJob::new(JOB_KIND, Some(tenant), payload, run_at).max_attempts(ATTEMPTS)
}

/// Why a run stopped early.
enum Stop {
    /// The import cannot go on (its starter lost access, the mapping no longer fits).
    Fail(String),
    /// Worth another try.
    Error(ApiError),
}

impl From<ApiError> for Stop {
    fn from(err: ApiError) -> Self {
        Stop::Error(err)
    }
}

impl From<sea_orm::DbErr> for Stop {
    fn from(err: sea_orm::DbErr) -> Self {
        Stop::Error(err.into())
    }
}

/// A 4xx as a sentence for `failure`; anything else stays an error to retry.
fn refusal(err: ApiError) -> Stop {
    match err {
        ApiError::Validation(errors) => Stop::Fail(
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ApiError::Forbidden { detail, .. } => Stop::Fail(detail),
        other => Stop::Error(other),
    }
}

fn as_i64(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// The job handler.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let id = payload.import_id;
    match process(state, id).await {
        Ok(()) => Ok(()),
        Err(Stop::Fail(reason)) => {
            fail(&state.db, id, &reason).await?;
            Ok(())
        }
        Err(Stop::Error(error)) if job.attempt >= ATTEMPTS as i32 => {
            tracing::error!(import_id = %id, error = format!("{error:#}"), "import gave up");
            fail(
                &state.db,
                id,
                "stopped after repeated errors; the rows processed so far stay",
            )
            .await?;
            Ok(())
        }
        Err(Stop::Error(error)) => Err(JobError::Retry(error.into())),
    }
}

async fn process(state: &AppState, id: ImportId) -> Result<(), Stop> {
    let db = &state.db;
    let Some(current) = import::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(());
    };
    if matches!(current.status(), ImportStatus::Done | ImportStatus::Failed) {
        return Ok(());
    }
    let Some(by) = principal_of(db, &current).await? else {
        return Err(Stop::Fail(
            "the account that started the import is no longer active".into(),
        ));
    };
    let kind = current.kind();
    rows::require(&by, kind).map_err(refusal)?;
    let Some(stored) = stored_file::Entity::find_by_id(id.0).one(db).await? else {
        return Err(Stop::Fail("the uploaded file is gone".into()));
    };
    let (sheet, _) = service::read_file(current.file_name.clone(), stored.content)
        .await
        .map_err(refusal)?;
    let raw = mapping::parse(&current.mapping).map_err(refusal)?;
    let importer = Importer::new(state, &by, kind, &raw, &sheet.headers)
        .await
        .map_err(refusal)?;
    let budget = std::time::Duration::from_secs(state.config.jobs_lease_secs.max(3) / 3);
    let (chunk, max_chunks) = (
        state.config.import_chunk_rows.max(1),
        state.config.import_chunks_per_job.max(1),
    );
    let started = Instant::now();
    let total = sheet.rows.len();
    let mut done = usize::try_from(current.processed_rows).unwrap_or(0).min(total);
    let mut tally = Tally::from_report(&current.report());
    let mut chunks = 0;
    loop {
        let end = (done + chunk).min(total);
        chunks += 1;
        let finished = end == total;
        let hand_over = !finished && (chunks >= max_chunks || started.elapsed() >= budget);
        let mut next = tally.clone();
        let txn = db.begin().await?;
        importer.land(&txn, &sheet.rows[done..end], &mut next).await?;
        let txn = if current.dry_run {
            txn.rollback().await?;
            db.begin().await?
        } else {
            txn
        };
        if !record(&txn, &current, done, end, &next, finished).await? {
            // Another run moved on meanwhile (this one's lease ran out): leave it to that one.
            txn.rollback().await?;
            return Ok(());
        }
        if finished {
            stored_file::Entity::delete_by_id(id.0).exec(&txn).await?;
        }
        if hand_over {
            jobs::enqueue(&txn, new_job(id, TenantId(current.tenant_id), clock::now())).await?;
        }
        txn.commit().await?;
        tally = next;
        done = end;
        if finished || hand_over {
            tracing::info!(import_id = %id, processed = done, total, "import progress");
            return Ok(());
        }
    }
}

/// Records the progress from row `from` to `to` (indexes into the file's rows), unless the
/// stored progress is no longer `from`. Answers whether it did.
async fn record(
    db: &impl ConnectionTrait,
    current: &import::Model,
    from: usize,
    to: usize,
    tally: &Tally,
    finished: bool,
) -> ApiResult<bool> {
    use import::Column;
    let now = clock::now();
    let errors = serde_json::to_string(&tally.errors).map_err(|e| ApiError::Internal(e.into()))?;
    let status = if finished {
        ImportStatus::Done
    } else {
        ImportStatus::Running
    };
    let mut update = import::Entity::update_many()
        .col_expr(Column::ProcessedRows, Expr::value(as_i64(to)))
        .col_expr(Column::CreatedRows, Expr::value(as_i64(tally.created)))
        .col_expr(Column::UpdatedRows, Expr::value(as_i64(tally.updated)))
        .col_expr(Column::DuplicateRows, Expr::value(as_i64(tally.duplicate)))
        .col_expr(Column::FailedRows, Expr::value(as_i64(tally.failed)))
        .col_expr(Column::Errors, Expr::value(errors))
        .col_expr(Column::Status, Expr::value(status.as_str()))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    if finished {
        update = update.col_expr(Column::FinishedAt, Expr::value(Some(now)));
    }
    let updated = update
        .filter(Column::Id.eq(current.id))
        .filter(Column::ProcessedRows.eq(as_i64(from)))
        .filter(Column::Status.is_in([ImportStatus::Queued.as_str(), ImportStatus::Running.as_str()]))
        .exec(db)
        .await?
        .rows_affected;
    Ok(updated == 1)
}

/// Marks an unfinished import failed and drops its file.
async fn fail(db: &DatabaseConnection, id: ImportId, reason: &str) -> ApiResult<()> {
    use import::Column;
    let now = clock::now();
    let txn = db.begin().await?;
    import::Entity::update_many()
        .col_expr(Column::Status, Expr::value(ImportStatus::Failed.as_str()))
        .col_expr(
            Column::Failure,
            Expr::value(reason.chars().take(2000).collect::<String>()),
        )
        .col_expr(Column::FinishedAt, Expr::value(Some(now)))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id.0))
        .filter(Column::Status.is_in([ImportStatus::Queued.as_str(), ImportStatus::Running.as_str()]))
        .exec(&txn)
        .await?;
    stored_file::Entity::delete_by_id(id.0).exec(&txn).await?;
    txn.commit().await?;
    tracing::warn!(import_id = %id, reason, "import failed");
    Ok(())
}

/// The one who started the import, with the permissions they hold now; `None` when the user is
/// gone or inactive, or the API key revoked.
async fn principal_of(db: &DatabaseConnection, m: &import::Model) -> ApiResult<Option<Principal>> {
    let tenant = TenantId(m.tenant_id);
    if let Some(user_id) = m.created_by {
        let Some(user) = Users::find_by_id(user_id).one(db).await? else {
            return Ok(None);
        };
        if !user.is_active() || user.tenant_id != Some(tenant.0) {
            return Ok(None);
        }
        let role = user.role();
        let permissions = rbac::service::permissions_for(db, tenant, role).await?;
        return Ok(Some(Principal {
            tenant_id: Some(tenant),
            actor: Actor::User {
                id: UserId(user.id),
                name: user.name,
                role,
            },
            permissions,
            request_id: None,
            ip: None,
        }));
    }
    let Some(key_id) = m.api_key_id else {
        return Ok(None);
    };
    let key = api_keys::entity::Entity::find_by_id(key_id)
        .filter(api_keys::entity::Column::TenantId.eq(tenant.0))
        .filter(api_keys::entity::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    Ok(key.map(|key| Principal {
        tenant_id: Some(tenant),
        permissions: key.scopes().into_iter().collect(),
        actor: Actor::ApiKey {
            id: key.id.into(),
            name: key.name,
        },
        request_id: None,
        ip: None,
    }))
}
