//! `/api/v1/notifications`: the signed-in user's own notifications.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::notifications::{MarkedRead, Notification, UnreadCount};
use voronka_types::{NotificationId, Page, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// Only the unread ones.
    unread: Option<bool>,
}

/// The caller's notifications, newest first. API keys have none (403).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(NotificationQuery),
    responses(
        (status = 200, body = Page<Notification>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
#[tracing::instrument(skip_all)]
pub async fn list_notifications(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<NotificationQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let limit = pagination::limit(query.limit)?;
    let cursor = query.cursor.as_deref().map(pagination::decode_cursor).transpose()?;
    let unread = query.unread.unwrap_or(false);
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, unread, cursor, limit).await?))
}

/// How many of the caller's notifications are unread (for the badge).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UnreadCount),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications/unread-count")]
#[tracing::instrument(skip_all)]
pub async fn unread_count(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    let unread = service::unread_count(&state.db, &principal).await?;
    Ok(HttpResponse::Ok().json(UnreadCount { unread }))
}

/// Marks one notification read; marking it again keeps the first time.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = NotificationId, Path)),
    responses(
        (status = 200, body = Notification),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/{id}/read")]
#[tracing::instrument(skip_all, fields(notification_id = %path))]
pub async fn mark_read(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<NotificationId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::mark_read(&state.db, &principal, path.into_inner()).await?))
}

/// Marks every notification of the caller read.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = MarkedRead),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/read-all")]
#[tracing::instrument(skip_all)]
pub async fn mark_all_read(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    let marked = service::mark_all_read(&state.db, &principal).await?;
    Ok(HttpResponse::Ok().json(MarkedRead { marked }))
}
