//! `/api/v1/leads/{id}/messages`.

use actix_web::{HttpResponse, get, post, web};
use voronka_types::timeline::{CreateMessage, Message};
use voronka_types::{LeadId, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// Records a message of the conversation: inbound (what the customer wrote, pushed by an
/// integration) becomes the lead's last message and starts the reply timer; outbound (an
/// answer) stops it.
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    request_body = CreateMessage,
    responses(
        (status = 201, body = Message),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/leads/{id}/messages")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn record_message(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
    body: ApiJson<CreateMessage>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::record(&state, &principal, path.into_inner(), body.0).await?))
}

/// The conversation with a lead, oldest first (the latest 500 messages).
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = LeadId, Path)),
    responses((status = 200, body = Vec<Message>), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/leads/{id}/messages")]
#[tracing::instrument(skip_all, fields(lead_id = %path))]
pub async fn list_messages(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<LeadId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &principal, path.into_inner()).await?))
}
