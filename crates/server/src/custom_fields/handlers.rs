//! `/api/v1/custom-fields`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::custom_fields::{CreateCustomField, CustomField, CustomFieldEntity, UpdateCustomField};
use voronka_types::{CustomFieldId, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomFieldQuery {
    /// Only the fields of this entity.
    entity: Option<CustomFieldEntity>,
}

/// The company's custom fields, by entity and position (not paged: at most 100 per entity).
/// Anyone in the company may read them.
#[utoipa::path(
    tag = "custom-fields",
    security(("bearer" = [])),
    params(CustomFieldQuery),
    responses(
        (status = 200, body = Vec<CustomField>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/custom-fields")]
#[tracing::instrument(skip_all)]
pub async fn list_custom_fields(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<CustomFieldQuery>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, query.0.entity).await?))
}

/// Defines a custom field (needs `settings.manage`). A key already used by another field of the
/// entity answers 409 `key_taken`.
#[utoipa::path(
    tag = "custom-fields",
    security(("bearer" = [])),
    request_body = CreateCustomField,
    responses(
        (status = 201, body = CustomField),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/custom-fields")]
#[tracing::instrument(skip_all)]
pub async fn create_custom_field(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateCustomField>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One custom field.
#[utoipa::path(
    tag = "custom-fields",
    security(("bearer" = [])),
    params(("id" = CustomFieldId, Path)),
    responses(
        (status = 200, body = CustomField),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/custom-fields/{id}")]
#[tracing::instrument(skip_all, fields(custom_field_id = %path))]
pub async fn get_custom_field(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CustomFieldId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a custom field's label, options, required flag or position (needs
/// `settings.manage`). Removing an option that records still use answers 409 `option_in_use`.
#[utoipa::path(
    tag = "custom-fields",
    security(("bearer" = [])),
    params(("id" = CustomFieldId, Path)),
    request_body = UpdateCustomField,
    responses(
        (status = 200, body = CustomField),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/custom-fields/{id}")]
#[tracing::instrument(skip_all, fields(custom_field_id = %path))]
pub async fn update_custom_field(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CustomFieldId>,
    body: ApiJson<UpdateCustomField>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a custom field and its values on every record (needs `settings.manage`).
#[utoipa::path(
    tag = "custom-fields",
    security(("bearer" = [])),
    params(("id" = CustomFieldId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/custom-fields/{id}")]
#[tracing::instrument(skip_all, fields(custom_field_id = %path))]
pub async fn delete_custom_field(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<CustomFieldId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
