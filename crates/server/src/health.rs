//! `GET /health` (the process answers) and `GET /ready` (and its database does).

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` or `ready`.
    pub status: &'static str,
    pub version: &'static str,
}

/// Liveness: the server is up.
#[utoipa::path(tag = "health", responses((status = 200, body = HealthStatus)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, body = HealthStatus),
        (status = 503, body = voronka_types::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    if db::is_reachable(&state.db).await {
        Ok(HttpResponse::Ok().json(HealthStatus {
            status: "ready",
            version: env!("CARGO_PKG_VERSION"),
        }))
    } else {
        Err(ApiError::Unavailable("the database is not reachable"))
    }
}
