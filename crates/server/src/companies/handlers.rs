//! `/api/v1/companies`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::contacts::{Company, ContactSort, CreateCompany, UpdateCompany};
use voronka_types::{CompanyId, Direction, Page, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::sorting::PageRequest;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// Part of the name or domain.
    q: Option<String>,
    /// `created` (default, newest first), `updated` or `name` (A→Z).
    sort: Option<ContactSort>,
    /// Overrides the sort's natural direction.
    direction: Option<Direction>,
}

/// The company's client organisations with their contact counts, newest first unless sorted. Custom fields
/// filter with `cf[<key>]=<value>`, `cf_from[<key>]=…`, `cf_to[<key>]=…`.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(CompanyQuery, CustomFieldParams),
    responses(
        (status = 200, body = Page<Company>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/companies")]
#[tracing::instrument(skip_all)]
pub async fn list_companies(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<CompanyQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let limit = pagination::limit(query.limit)?;
    let page = PageRequest {
        sort: query.sort.unwrap_or_default(),
        direction: query.direction,
        cursor: query.cursor,
        limit,
    };
    let custom_fields = CustomFieldParams::from_query_string(req.query_string())?;
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, query.q, &custom_fields, page).await?))
}

/// Adds a company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    request_body = CreateCompany,
    responses(
        (status = 201, body = Company),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/companies")]
#[tracing::instrument(skip_all)]
pub async fn create_company(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateCompany>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = CompanyId, Path)),
    responses(
        (status = 200, body = Company),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/companies/{id}")]
#[tracing::instrument(skip_all, fields(company_id = %path))]
pub async fn get_company(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CompanyId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a company; only the fields present change.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = CompanyId, Path)),
    request_body = UpdateCompany,
    responses(
        (status = 200, body = Company),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/companies/{id}")]
#[tracing::instrument(skip_all, fields(company_id = %path))]
pub async fn update_company(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CompanyId>,
    body: ApiJson<UpdateCompany>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a company; its contacts are kept, without a company.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = CompanyId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/companies/{id}")]
#[tracing::instrument(skip_all, fields(company_id = %path))]
pub async fn delete_company(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CompanyId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
