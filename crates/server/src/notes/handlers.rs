//! `/api/v1/notes`.

use actix_web::{HttpResponse, delete, patch, post, web};
use voronka_types::timeline::{CreateNote, Note, UpdateNote};
use voronka_types::{NoteId, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// Adds a note, or logs a call (`call` with direction, duration and outcome), on one lead,
/// deal or contact the caller can see and change. It shows in their timelines.
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    request_body = CreateNote,
    responses(
        (status = 201, body = Note),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notes")]
#[tracing::instrument(skip_all)]
pub async fn create_note(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateNote>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// Edits a note (its author only).
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = NoteId, Path)),
    request_body = UpdateNote,
    responses(
        (status = 200, body = Note),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/notes/{id}")]
#[tracing::instrument(skip_all, fields(note_id = %path))]
pub async fn update_note(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<NoteId>,
    body: ApiJson<UpdateNote>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a note (its author only).
#[utoipa::path(
    tag = "timeline",
    security(("bearer" = [])),
    params(("id" = NoteId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/notes/{id}")]
#[tracing::instrument(skip_all, fields(note_id = %path))]
pub async fn delete_note(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<NoteId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
