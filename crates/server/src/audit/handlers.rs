//! `GET /api/v1/audit-log`.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;
use voronka_types::audit::AuditEntry;
use voronka_types::{Page, Permission};

use super::service::{self, AuditFilter};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// e.g. `user.created`.
    action: Option<String>,
    /// e.g. `user`, `api_key`, `role`.
    entity_type: Option<String>,
    entity_id: Option<String>,
    /// The user or API key that made the change.
    actor_id: Option<Uuid>,
    /// Inclusive lower bound (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Exclusive upper bound (RFC 3339).
    to: Option<DateTime<Utc>>,
}

/// Changes made in the tenant, newest first.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = Page<AuditEntry>),
        (status = 403, body = voronka_types::Problem, content_type = "application/problem+json"),
        (status = 422, body = voronka_types::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit-log")]
#[tracing::instrument(skip_all)]
pub async fn list_audit_log(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<AuditQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::AuditRead)?;
    let query = query.0;
    let limit = pagination::limit(query.limit)?;
    let cursor = query.cursor.as_deref().map(pagination::decode_cursor).transpose()?;
    let filter = AuditFilter {
        action: query.action,
        entity_type: query.entity_type,
        entity_id: query.entity_id,
        actor_id: query.actor_id,
        from: query.from,
        to: query.to,
    };
    let page = service::list(&state.db, principal.tenant()?, filter, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page))
}
