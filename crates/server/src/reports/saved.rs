//! Saved reports: a user's own, and those shared with the team (read by everyone, changed only
//! by the author and the owner). Another company's saved report is not found.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;
use voronka_types::reports::{NewSavedReport, ReportQuery, SavedReport, SavedReportChanges};
use voronka_types::{Role, SavedReportId};

use super::entity::{ActiveModel, Column, Entity as SavedReports, Model};
use super::fields::{Catalog, custom_entity};
use super::{plan, service};
use crate::ai::window::Company;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::custom_fields::values;
use crate::error::{ApiError, ApiResult};
use crate::validation::{self, Checks};

const NAME_MAX: usize = 200;

/// Checks a query as `POST /reports/query` would (scope, fields), without running it.
pub async fn check_query(db: &impl ConnectionTrait, principal: &Principal, query: &ReportQuery) -> ApiResult<()> {
    let tenant = principal.tenant()?;
    service::scope(principal, query.entity)?;
    let company = Company::load(db, tenant).await?;
    let custom = match custom_entity(query.entity) {
        Some(entity) => values::columns(db, tenant, entity).await?,
        None => Vec::new(),
    };
    plan::check(query, &Catalog::new(query.entity, custom), &company)
        .map(|_| ())
        .map_err(|error| match error {
            ApiError::Validation(errors) => ApiError::Validation(
                errors
                    .into_iter()
                    .map(|mut e| {
                        e.field = format!("query.{}", e.field);
                        e
                    })
                    .collect(),
            ),
            other => other,
        })
}

fn query_json(query: &ReportQuery) -> ApiResult<String> {
    serde_json::to_string(query).map_err(|e| ApiError::Internal(e.into()))
}

/// The caller's own saved reports and the team's shared ones, newest first.
pub async fn list(db: &impl ConnectionTrait, principal: &Principal) -> ApiResult<Vec<SavedReport>> {
    let (me, _) = principal.require_user()?;
    let rows = SavedReports::find()
        .filter(Column::TenantId.eq(principal.tenant()?.0))
        .filter(
            Condition::any()
                .add(Column::AuthorId.eq(me.0))
                .add(Column::Shared.eq(true)),
        )
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Model::view).collect())
}

async fn visible(db: &impl ConnectionTrait, principal: &Principal, id: SavedReportId) -> ApiResult<Model> {
    let (me, _) = principal.require_user()?;
    SavedReports::find_by_id(id.0)
        .filter(Column::TenantId.eq(principal.tenant()?.0))
        .one(db)
        .await?
        .filter(|row| row.shared || row.author_id == Some(me.0))
        .ok_or(ApiError::NotFound("saved report"))
}

async fn editable(db: &impl ConnectionTrait, principal: &Principal, id: SavedReportId) -> ApiResult<Model> {
    let row = visible(db, principal, id).await?;
    let (me, role) = principal.require_user()?;
    if row.author_id == Some(me.0) || role == Role::Owner {
        Ok(row)
    } else {
        Err(ApiError::forbidden(
            "not_author",
            "only the author and the owner change a shared report",
        ))
    }
}

/// One saved report the caller may see.
pub async fn get(db: &impl ConnectionTrait, principal: &Principal, id: SavedReportId) -> ApiResult<SavedReport> {
    Ok(visible(db, principal, id).await?.view())
}

/// Saves a query under a name (audited).
pub async fn create(db: &DatabaseConnection, principal: &Principal, req: NewSavedReport) -> ApiResult<SavedReport> {
    let (me, _) = principal.require_user()?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, NAME_MAX));
    checks.finish()?;
    check_query(db, principal, &req.query).await?;
    let now = clock::now();
    let txn = db.begin().await?;
    let model = ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(principal.tenant()?.0),
        author_id: Set(Some(me.0)),
        name: Set(name.unwrap_or_default()),
        query: Set(query_json(&req.query)?),
        shared: Set(req.shared),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let view = model.view();
    audit::record(
        &txn,
        principal,
        AuditEvent::new("saved_report.created", "saved_report", Some(view.id.0.to_string()))
            .after(json!({"name": view.name, "shared": view.shared})),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Renames, re-queries or (un)shares a saved report: the author or the owner only.
pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    id: SavedReportId,
    changes: SavedReportChanges,
) -> ApiResult<SavedReport> {
    let current = editable(db, principal, id).await?;
    let mut checks = Checks::new();
    let name = changes
        .name
        .as_deref()
        .and_then(|raw| checks.take(validation::text("name", raw, NAME_MAX)));
    checks.finish()?;
    if let Some(query) = &changes.query {
        check_query(db, principal, query).await?;
    }
    let before = json!({"name": current.name, "shared": current.shared});
    let txn = db.begin().await?;
    let mut active = current.into_active_model();
    if let Some(name) = name {
        active.name = Set(name);
    }
    if let Some(query) = &changes.query {
        active.query = Set(query_json(query)?);
    }
    if let Some(shared) = changes.shared {
        active.shared = Set(shared);
    }
    active.updated_at = Set(clock::now());
    let view = active.update(&txn).await?.view();
    audit::record(
        &txn,
        principal,
        AuditEvent::new("saved_report.updated", "saved_report", Some(view.id.0.to_string()))
            .before(before)
            .after(json!({"name": view.name, "shared": view.shared})),
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Deletes a saved report: the author or the owner only.
pub async fn delete(db: &DatabaseConnection, principal: &Principal, id: SavedReportId) -> ApiResult<()> {
    let current = editable(db, principal, id).await?;
    let txn = db.begin().await?;
    SavedReports::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        principal,
        AuditEvent::new("saved_report.deleted", "saved_report", Some(current.id.to_string()))
            .before(json!({"name": current.name, "shared": current.shared})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
