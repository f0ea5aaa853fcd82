//! `POST /api/v1/reports/query`, its export, and `/api/v1/reports/saved`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::reports::{NewSavedReport, ReportQuery, ReportTable, SavedReport, SavedReportChanges};
use voronka_types::{Problem, SavedReportId};

use super::{saved, service};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::exports::formats::{self, ExportFormat};
use crate::extract::{ApiJson, ApiQuery};
use crate::startup::AppState;

/// Groups and measures the records of an entity the caller may read: filters, up to two
/// group-bys (date buckets in the company time zone), count / sum / avg / conversion, sort and
/// limit. Money measures are split by currency. Fields are whitelisted (see docs/kpi.md).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    request_body = ReportQuery,
    responses(
        (status = 200, body = ReportTable),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/reports/query")]
#[tracing::instrument(skip_all)]
pub async fn query(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let table = service::run(&state.db, &principal, &body.0).await?;
    Ok(HttpResponse::Ok().json(table))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportExportQuery {
    /// `csv` (default) or `xlsx`.
    format: Option<ExportFormat>,
}

/// The same table as `POST /reports/query`, as a CSV or XLSX file (labels as headers).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(ReportExportQuery),
    request_body = ReportQuery,
    responses(
        (status = 200, description = "The file", content_type = "text/csv"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/reports/query/export")]
#[tracing::instrument(skip_all)]
pub async fn export(
    state: web::Data<AppState>,
    principal: Principal,
    params: ApiQuery<ReportExportQuery>,
    body: ApiJson<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let table = service::run(&state.db, &principal, &body.0).await?;
    let (headers, rows) = service::as_text(&table);
    match params.0.format.unwrap_or_default() {
        ExportFormat::Csv => formats::csv_table(&headers, &rows, "report"),
        ExportFormat::Xlsx => formats::xlsx_table(headers, rows, "report").await,
    }
}

/// The caller's saved reports and the team's shared ones, newest first.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<SavedReport>))
)]
#[get("/reports/saved")]
#[tracing::instrument(skip_all)]
pub async fn list_saved(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(saved::list(&state.db, &principal).await?))
}

/// Saves a report-builder query under a name; `shared` shows it to the whole team. The query
/// is checked as `POST /reports/query` would (errors name `query.<path>`).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    request_body = NewSavedReport,
    responses(
        (status = 201, body = SavedReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/reports/saved")]
#[tracing::instrument(skip_all)]
pub async fn create_saved(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<NewSavedReport>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(saved::create(&state.db, &principal, body.0).await?))
}

/// One saved report: the caller's own, or a shared one.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = SavedReportId, Path)),
    responses(
        (status = 200, body = SavedReport),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/saved/{id}")]
#[tracing::instrument(skip_all)]
pub async fn get_saved(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<SavedReportId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(saved::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a saved report's name, query or sharing: the author and the owner only (403).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = SavedReportId, Path)),
    request_body = SavedReportChanges,
    responses(
        (status = 200, body = SavedReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/reports/saved/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update_saved(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<SavedReportId>,
    body: ApiJson<SavedReportChanges>,
) -> ApiResult<HttpResponse> {
    let view = saved::update(&state.db, &principal, path.into_inner(), body.0).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Deletes a saved report: the author and the owner only (403).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = SavedReportId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/reports/saved/{id}")]
#[tracing::instrument(skip_all)]
pub async fn delete_saved(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<SavedReportId>,
) -> ApiResult<HttpResponse> {
    saved::delete(&state.db, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
