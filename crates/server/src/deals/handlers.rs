//! `/api/v1/deals`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::deals::{CreateDeal, Deal, DealFilter, DealSort, UpdateDeal};
use voronka_types::pipelines::{Board, StageChange};
use voronka_types::{DealId, Direction, Page, PipelineId, Problem};

use super::{changes, list, service};
use crate::auth::principal::Principal;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::sorting::PageRequest;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DealPageQuery {
    /// Opaque cursor from the previous page (valid for the same sort only).
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// `created` (default, newest first), `updated`, `amount`, `title`, `expected_close`,
    /// or `position` (board order within a stage).
    sort: Option<DealSort>,
    /// Each sort has a natural direction (titles A→Z, close dates soonest first, the rest highest/newest first); this overrides it.
    direction: Option<Direction>,
}

/// Deals the caller may see (their own, or all with `deals.read.all`), filtered, sorted and
/// keyset-paged, with the total that match.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(DealFilter, DealPageQuery, CustomFieldParams),
    responses(
        (status = 200, body = Page<Deal>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/deals")]
#[tracing::instrument(skip_all)]
pub async fn list_deals(
    state: web::Data<AppState>,
    principal: Principal,
    filter: ApiQuery<DealFilter>,
    page: ApiQuery<DealPageQuery>,
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
    /// The default deal pipeline when absent.
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

/// The kanban board of a deal pipeline: per stage the count, amount sums per currency and the
/// first cards in board order; each column's `next_cursor` continues with
/// `GET /deals?stage_id=…&sort=position&cursor=…`. The list filters apply.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(BoardQuery, DealFilter, CustomFieldParams),
    responses(
        (status = 200, body = Board<Deal>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/deals/board")]
#[tracing::instrument(skip_all)]
pub async fn deal_board(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<BoardQuery>,
    filter: ApiQuery<DealFilter>,
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

/// Adds a deal. Amounts are decimal strings in the deal's currency (the company's by default).
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    request_body = CreateDeal,
    responses(
        (status = 201, body = Deal),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/deals")]
#[tracing::instrument(skip_all)]
pub async fn create_deal(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateDeal>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One deal.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(("id" = DealId, Path)),
    responses((status = 200, body = Deal), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/deals/{id}")]
#[tracing::instrument(skip_all, fields(deal_id = %path))]
pub async fn get_deal(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<DealId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a deal: fields, owner, stage (kept in the stage history; a lost stage needs a
/// `close_reason`) and board position.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(("id" = DealId, Path)),
    request_body = UpdateDeal,
    responses(
        (status = 200, body = Deal),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/deals/{id}")]
#[tracing::instrument(skip_all, fields(deal_id = %path))]
pub async fn update_deal(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<DealId>,
    body: ApiJson<UpdateDeal>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(changes::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a deal.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(("id" = DealId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/deals/{id}")]
#[tracing::instrument(skip_all, fields(deal_id = %path))]
pub async fn delete_deal(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<DealId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every stage the deal has been in, with when and who moved it, oldest first.
#[utoipa::path(
    tag = "deals",
    security(("bearer" = [])),
    params(("id" = DealId, Path)),
    responses((status = 200, body = Vec<StageChange>), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/deals/{id}/stage-history")]
#[tracing::instrument(skip_all, fields(deal_id = %path))]
pub async fn deal_stage_history(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<DealId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::stage_history(&state.db, &principal, path.into_inner()).await?))
}
