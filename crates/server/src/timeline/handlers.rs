//! `GET /api/v1/{leads,deals,contacts}/{id}/timeline`.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::timeline::TimelineItem;
use voronka_types::{ContactId, DealId, LeadId, Page, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
}

/// A lead's story, newest first: notes and calls, messages, stage moves, field changes, tasks.
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = LeadId, Path), TimelineQuery),
    responses(
        (status = 200, body = Page<TimelineItem>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/leads/{id}/timeline")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn lead_timeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
    query: ApiQuery<TimelineQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(query.0.limit)?;
    let page = service::for_lead(
        &state.db,
        &principal,
        path.into_inner(),
        query.0.cursor.as_deref(),
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A deal's story, newest first.
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = DealId, Path), TimelineQuery),
    responses(
        (status = 200, body = Page<TimelineItem>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/deals/{id}/timeline")]
#[tracing::instrument(skip_all, fields(deal_id = %path))]
pub async fn deal_timeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<DealId>,
    query: ApiQuery<TimelineQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(query.0.limit)?;
    let page = service::for_deal(
        &state.db,
        &principal,
        path.into_inner(),
        query.0.cursor.as_deref(),
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A contact's story, newest first, including what happened on its leads and deals.
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = ContactId, Path), TimelineQuery),
    responses(
        (status = 200, body = Page<TimelineItem>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts/{id}/timeline")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn contact_timeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
    query: ApiQuery<TimelineQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(query.0.limit)?;
    let page = service::for_contact(
        &state.db,
        &principal,
        path.into_inner(),
        query.0.cursor.as_deref(),
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
