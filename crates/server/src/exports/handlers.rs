//! `GET /api/v1/contacts/export`, `/api/v1/leads/export`, `/api/v1/deals/export`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::deals::DealFilter;
use voronka_types::leads::LeadFilter;
use voronka_types::{Permission, Problem};

use super::formats::{self, ExportFormat};
use super::records::Records;
use crate::auth::principal::Principal;
use crate::contacts::handlers::ContactFilterQuery;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (the default; streamed, any number of rows) or `xlsx` (built whole: at most
    /// `VORONKA_EXPORT_XLSX_MAX_ROWS`, 100,000 by default; more answers 422 naming `format`).
    format: Option<ExportFormat>,
}

async fn answer(
    state: &AppState,
    records: Records,
    format: Option<ExportFormat>,
    what: &str,
) -> ApiResult<HttpResponse> {
    match format.unwrap_or_default() {
        ExportFormat::Csv => formats::csv_response(records, state.db.clone(), what),
        ExportFormat::Xlsx => formats::xlsx_response(records, &state.db, state.config.export_xlsx_max_rows, what).await,
    }
}

/// The contacts the list with the same filters would show (within the caller's row scope), as
/// a file: one row per contact, newest first; the main fields, then one column per custom field.
/// Needs `import_export`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ExportQuery, ContactFilterQuery, CustomFieldParams),
    responses(
        (status = 200, description = "The file, as an attachment",
            content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts/export")]
#[tracing::instrument(skip_all)]
pub async fn export_contacts(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ExportQuery>,
    filter: ApiQuery<ContactFilterQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ImportExport)?;
    let filter = filter
        .0
        .into_filter(CustomFieldParams::from_query_string(req.query_string())?);
    let records = Records::contacts(&state.db, &principal, &filter).await?;
    answer(&state, records, query.0.format, "contacts").await
}

/// The leads the list with the same filters would show (within the caller's row scope), as a
/// file, newest first; custom fields as extra columns. Needs `import_export`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ExportQuery, LeadFilter, CustomFieldParams),
    responses(
        (status = 200, description = "The file, as an attachment",
            content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/leads/export")]
#[tracing::instrument(skip_all)]
pub async fn export_leads(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ExportQuery>,
    filter: ApiQuery<LeadFilter>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ImportExport)?;
    let custom = CustomFieldParams::from_query_string(req.query_string())?;
    let records = Records::leads(&state.db, &principal, &filter.0, &custom).await?;
    answer(&state, records, query.0.format, "leads").await
}

/// The deals the list with the same filters would show (within the caller's row scope), as a
/// file, newest first; custom fields as extra columns. Needs `import_export`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ExportQuery, DealFilter, CustomFieldParams),
    responses(
        (status = 200, description = "The file, as an attachment",
            content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/deals/export")]
#[tracing::instrument(skip_all)]
pub async fn export_deals(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ExportQuery>,
    filter: ApiQuery<DealFilter>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ImportExport)?;
    let custom = CustomFieldParams::from_query_string(req.query_string())?;
    let records = Records::deals(&state.db, &principal, &filter.0, &custom).await?;
    answer(&state, records, query.0.format, "deals").await
}
