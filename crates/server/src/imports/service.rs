//! Starting an import (at once for a small file, in the background for a large one) and
//! reading background imports.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, TransactionTrait};
use serde_json::json;
use uuid::Uuid;
use voronka_types::imports::{Import, ImportKind, ImportReport, ImportStatus};
use voronka_types::{ImportId, Page, Permission};

use super::entity::{file as stored_file, import};
use super::file::{self, Sheet};
use super::job;
use super::mapping;
use super::rows::{self, Importer};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::{Actor, Principal};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::jobs;
use crate::pagination;
use crate::startup::AppState;

/// An uploaded file and what to do with it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: ImportKind,
    pub file_name: Option<String>,
    pub content: Vec<u8>,
    /// The `mapping` form field as sent (a JSON object of header → field).
    pub mapping: String,
    pub dry_run: bool,
}

/// How an import went: finished at once, or queued for the background worker.
#[derive(Debug, Clone)]
pub enum Started {
    Done(ImportReport),
    Queued(Import),
}

/// Reads the file off the async workers (a large workbook takes a while to unpack); answers
/// the sheet and gives the bytes back.
pub async fn read_file(name: Option<String>, content: Vec<u8>) -> ApiResult<(Sheet, Vec<u8>)> {
    tokio::task::spawn_blocking(move || file::read(name.as_deref(), &content).map(|sheet| (sheet, content)))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
}

/// Checks the file and mapping (422 before any row lands), then imports a file of at most
/// `import_sync_max_rows` rows at once, or stores a larger one for the background worker.
pub async fn start(state: &AppState, by: &Principal, upload: Upload) -> ApiResult<Started> {
    rows::require(by, upload.kind)?;
    let raw_mapping = mapping::parse(&upload.mapping)?;
    let (sheet, content) = read_file(upload.file_name.clone(), upload.content).await?;
    let importer = Importer::new(state, by, upload.kind, &raw_mapping, &sheet.headers).await?;
    let total = sheet.rows.len() as u64;
    if sheet.rows.len() <= state.config.import_sync_max_rows {
        let tally = rows::land_all(&importer, &sheet.rows, state.config.import_chunk_rows, upload.dry_run).await?;
        tracing::info!(
            kind = upload.kind.as_str(),
            rows = total,
            dry_run = upload.dry_run,
            "file imported"
        );
        return Ok(Started::Done(tally.report(upload.dry_run, total)));
    }
    let queued = queue(
        state,
        by,
        upload.kind,
        upload.file_name,
        content,
        upload.mapping,
        upload.dry_run,
        total,
    )
    .await?;
    Ok(Started::Queued(queued))
}

#[allow(clippy::too_many_arguments)]
async fn queue(
    state: &AppState,
    by: &Principal,
    kind: ImportKind,
    file_name: Option<String>,
    content: Vec<u8>,
    mapping: String,
    dry_run: bool,
    total_rows: u64,
) -> ApiResult<Import> {
    let tenant = by.tenant()?;
    let now = clock::now();
    let model = import::Model {
        id: ImportId::new().0,
        tenant_id: tenant.0,
        kind: kind.as_str().to_owned(),
        status: ImportStatus::Queued.as_str().to_owned(),
        dry_run,
        file_name: file_name.map(|n| n.chars().take(255).collect()),
        mapping,
        created_by: by.user_id().map(|u| u.0),
        api_key_id: match &by.actor {
            Actor::ApiKey { id, .. } => Some(id.0),
            Actor::User { .. } | Actor::Form { .. } => None,
        },
        total_rows: i64::try_from(total_rows).unwrap_or(i64::MAX),
        processed_rows: 0,
        created_rows: 0,
        updated_rows: 0,
        duplicate_rows: 0,
        failed_rows: 0,
        errors: "[]".into(),
        failure: None,
        created_at: now,
        updated_at: now,
        finished_at: None,
    };
    let txn = state.db.begin().await?;
    import::ActiveModel::from(model.clone()).insert(&txn).await?;
    stored_file::Entity::insert(stored_file::ActiveModel::from(stored_file::Model {
        import_id: model.id,
        content,
    }))
    .exec_without_returning(&txn)
    .await?;
    jobs::enqueue(&txn, job::new_job(ImportId(model.id), tenant, now)).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("import.queued", "import", Some(model.id.to_string())).after(json!({
            "kind": model.kind, "file_name": model.file_name, "total_rows": model.total_rows, "dry_run": dry_run,
        })),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(import_id = %model.id, rows = total_rows, "import queued");
    Ok(model.into())
}

/// A background import of the caller's company, or 404.
pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: ImportId) -> ApiResult<Import> {
    by.require(Permission::ImportExport)?;
    import::Entity::find_by_id(id.0)
        .filter(import::Column::TenantId.eq(by.tenant()?.0))
        .one(db)
        .await?
        .map(Into::into)
        .ok_or(ApiError::NotFound("import"))
}

/// The company's background imports, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    cursor: Option<Uuid>,
    limit: u64,
) -> ApiResult<Page<Import>> {
    by.require(Permission::ImportExport)?;
    let query = import::Entity::find().filter(import::Column::TenantId.eq(by.tenant()?.0));
    pagination::keyset_page(db, query, import::Column::Id, |row| row.id, Order::Desc, cursor, limit).await
}
