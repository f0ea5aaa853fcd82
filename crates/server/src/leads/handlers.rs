//! `/api/v1/leads`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::leads::{
    BulkLeads, BulkResult, ConvertLead, ConvertedLead, CreateLead, Lead, LeadFilter, LeadSort, UpdateLead,
};
use voronka_types::pipelines::{Board, StageChange};
use voronka_types::{Direction, LeadId, Page, PipelineId, Problem};

use super::{bulk, changes, convert, list, service};
use crate::auth::principal::Principal;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::sorting::PageRequest;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LeadPageQuery {
    /// Opaque cursor from the previous page (valid for the same sort only).
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// `created` (default, newest first), `updated`, `score`, `amount`, `name`, `last_message`,
    /// or `position` (board order within a stage).
    sort: Option<LeadSort>,
    /// Each sort has a natural direction (names A→Z, the rest highest/newest first); this overrides it.
    direction: Option<Direction>,
}

/// Leads the caller may see (their own, or all with `leads.read.all`), filtered, sorted and
/// keyset-paged, with the total that match.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(LeadFilter, LeadPageQuery, CustomFieldParams),
    responses(
        (status = 200, body = Page<Lead>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/leads")]
#[tracing::instrument(skip_all)]
pub async fn list_leads(
    state: web::Data<AppState>,
    principal: Principal,
    filter: ApiQuery<LeadFilter>,
    page: ApiQuery<LeadPageQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let custom = CustomFieldParams::from_query_string(req.query_string())?;
    let page = page.0;
    let limit = pagination::limit(page.limit)?;
    let request = PageRequest {
        sort: page.sort.unwrap_or_default(),
        direction: page.direction,
        cursor: page.cursor,
        limit,
    };
    let found = list::list(&state.db, &principal, &filter.0, &custom, request).await?;
    Ok(HttpResponse::Ok().json(found))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    /// The default lead pipeline when absent.
    pipeline_id: Option<PipelineId>,
    /// Cards per column, 1–100 (default 20).
    per_stage: Option<u64>,
}

fn per_stage(requested: Option<u64>) -> ApiResult<u64> {
    match requested {
        None => Ok(20),
        Some(n) if (1..=100).contains(&n) => Ok(n),
        Some(_) => Err(crate::error::ApiError::field(
            "per_stage",
            "out_of_range",
            "per_stage must be between 1 and 100",
        )),
    }
}

/// The kanban board of a lead pipeline: per stage the count, amount sums per currency and the
/// first cards in board order; each column's `next_cursor` continues with
/// `GET /leads?stage_id=…&sort=position&cursor=…`. The list filters apply.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(BoardQuery, LeadFilter, CustomFieldParams),
    responses(
        (status = 200, body = Board<Lead>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/leads/board")]
#[tracing::instrument(skip_all)]
pub async fn lead_board(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<BoardQuery>,
    filter: ApiQuery<LeadFilter>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let custom = CustomFieldParams::from_query_string(req.query_string())?;
    let per_stage = per_stage(query.0.per_stage)?;
    let board = list::board(
        &state.db,
        &principal,
        query.0.pipeline_id,
        &filter.0,
        &custom,
        per_stage,
    )
    .await?;
    Ok(HttpResponse::Ok().json(board))
}

/// Assigns, moves, tags or deletes many leads at once (by `ids` or by `filter`, at most
/// 10,000), in one transaction, audited.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    request_body = BulkLeads,
    responses(
        (status = 200, body = BulkResult),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/leads/bulk")]
#[tracing::instrument(skip_all)]
pub async fn bulk_leads(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<BulkLeads>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(bulk::run(&state, &principal, body.0).await?))
}

/// Adds a lead. A contact given by phone or e-mail that matches an existing contact links the
/// lead to it (`repeat: true`) instead of creating a second contact.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    request_body = CreateLead,
    responses(
        (status = 201, body = Lead),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/leads")]
#[tracing::instrument(skip_all)]
pub async fn create_lead(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateLead>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One lead.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    responses((status = 200, body = Lead), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/leads/{id}")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn get_lead(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a lead: fields, owner, stage (kept in the stage history) and board position.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    request_body = UpdateLead,
    responses(
        (status = 200, body = Lead),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/leads/{id}")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn update_lead(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
    body: ApiJson<UpdateLead>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(changes::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a lead (needs `leads.delete`).
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/leads/{id}")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn delete_lead(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every stage the lead has been in, with when and who moved it, oldest first.
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    responses((status = 200, body = Vec<StageChange>), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/leads/{id}/stage-history")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn lead_stage_history(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::stage_history(&state.db, &principal, path.into_inner()).await?))
}

/// Makes a deal from a qualified lead (its contact, company, owner and amount); the lead moves
/// to its pipeline's won stage. A lead converts once (409 after that).
#[utoipa::path(
    tag = "leads",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    request_body = ConvertLead,
    responses(
        (status = 201, body = ConvertedLead),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/leads/{id}/convert")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn convert_lead(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
    body: ApiJson<ConvertLead>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(convert::convert(&state, &principal, path.into_inner(), body.0).await?))
}
