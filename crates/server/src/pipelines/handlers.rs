//! `/api/v1/pipelines`.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::pipelines::{
    CreatePipeline, CreateStage, Pipeline, PipelineKind, ReorderStages, UpdatePipeline, UpdateStage,
};
use voronka_types::{PipelineId, Problem, StageId};

use super::{service, stages};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PipelineQuery {
    /// Only lead or only deal pipelines.
    kind: Option<PipelineKind>,
}

/// Every pipeline with its stages in order (anyone signed in to the company).
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(PipelineQuery),
    responses((status = 200, body = Vec<Pipeline>), (status = 401, body = Problem, content_type = "application/problem+json"))
)]
#[get("/pipelines")]
#[tracing::instrument(skip_all)]
pub async fn list_pipelines(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<PipelineQuery>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, query.0.kind).await?))
}

/// Adds a pipeline (without stages it gets the default stages of its kind). Needs `pipelines.manage`.
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    request_body = CreatePipeline,
    responses(
        (status = 201, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pipelines")]
#[tracing::instrument(skip_all)]
pub async fn create_pipeline(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreatePipeline>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One pipeline with its stages.
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path)),
    responses((status = 200, body = Pipeline), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/pipelines/{id}")]
#[tracing::instrument(skip_all, fields(pipeline_id = %path))]
pub async fn get_pipeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<PipelineId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Renames a pipeline, moves it, or makes it the default of its kind.
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path)),
    request_body = UpdatePipeline,
    responses(
        (status = 200, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/pipelines/{id}")]
#[tracing::instrument(skip_all, fields(pipeline_id = %path))]
pub async fn update_pipeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<PipelineId>,
    body: ApiJson<UpdatePipeline>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a pipeline that holds no leads or deals and is not the default (else 409).
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/pipelines/{id}")]
#[tracing::instrument(skip_all, fields(pipeline_id = %path))]
pub async fn delete_pipeline(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<PipelineId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Adds a stage (at `position`, or last). Answers the whole pipeline.
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path)),
    request_body = CreateStage,
    responses(
        (status = 201, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pipelines/{id}/stages")]
#[tracing::instrument(skip_all, fields(pipeline_id = %path))]
pub async fn add_stage(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<PipelineId>,
    body: ApiJson<CreateStage>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(stages::add_stage(&state, &principal, path.into_inner(), body.0).await?))
}

/// Puts the stages in a new order (every stage, each once).
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path)),
    request_body = ReorderStages,
    responses(
        (status = 200, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/pipelines/{id}/stages/order")]
#[tracing::instrument(skip_all, fields(pipeline_id = %path))]
pub async fn reorder_stages(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<PipelineId>,
    body: ApiJson<ReorderStages>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(stages::reorder_stages(&state, &principal, path.into_inner(), body.0).await?))
}

/// Renames a stage or changes its kind (open / won / lost); the records in it follow.
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path), ("stage_id" = StageId, Path)),
    request_body = UpdateStage,
    responses(
        (status = 200, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/pipelines/{id}/stages/{stage_id}")]
#[tracing::instrument(skip_all)]
pub async fn update_stage(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(PipelineId, StageId)>,
    body: ApiJson<UpdateStage>,
) -> ApiResult<HttpResponse> {
    let (pipeline, stage) = path.into_inner();
    Ok(HttpResponse::Ok().json(stages::update_stage(&state, &principal, pipeline, stage, body.0).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteStageQuery {
    /// Where the leads and deals of the removed stage go (required when it holds any).
    move_to: Option<StageId>,
}

/// Removes a stage, moving its leads and deals to `move_to` (kept in their stage history).
#[utoipa::path(
    tag = "pipelines",
    security(("bearer" = [])),
    params(("id" = PipelineId, Path), ("stage_id" = StageId, Path), DeleteStageQuery),
    responses(
        (status = 200, body = Pipeline),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/pipelines/{id}/stages/{stage_id}")]
#[tracing::instrument(skip_all)]
pub async fn delete_stage(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(PipelineId, StageId)>,
    query: ApiQuery<DeleteStageQuery>,
) -> ApiResult<HttpResponse> {
    let (pipeline, stage) = path.into_inner();
    Ok(HttpResponse::Ok().json(stages::delete_stage(&state, &principal, pipeline, stage, query.0.move_to).await?))
}
