//! `/api/v1/api-keys`.

use actix_web::{HttpResponse, delete, get, post, web};
use sea_orm::TransactionTrait;
use voronka_types::api_keys::{ApiKey, CreateApiKey, CreatedApiKey};
use voronka_types::{ApiKeyId, Permission, Problem};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// The company's active keys (never their secrets).
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ApiKey>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/api-keys")]
#[tracing::instrument(skip_all)]
pub async fn list_api_keys(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    principal.require(Permission::ApiKeysManage)?;
    Ok(HttpResponse::Ok().json(service::list(&state.db, principal.tenant()?).await?))
}

/// Creates a key. The answer holds the full secret: it is shown only this once.
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    request_body = CreateApiKey,
    responses(
        (status = 201, body = CreatedApiKey),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/api-keys")]
#[tracing::instrument(skip_all)]
pub async fn create_api_key(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateApiKey>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ApiKeysManage)?;
    let txn = state.db.begin().await?;
    let created = service::create(&txn, &principal, body.0).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created))
}

/// Revokes a key at once.
#[utoipa::path(
    tag = "api-keys",
    security(("bearer" = [])),
    params(("id" = ApiKeyId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/api-keys/{id}")]
#[tracing::instrument(skip_all, fields(api_key_id = %path))]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ApiKeyId>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ApiKeysManage)?;
    let txn = state.db.begin().await?;
    service::revoke(&txn, &principal, path.into_inner()).await?;
    txn.commit().await?;
    crate::memo::forget_api_keys();
    Ok(HttpResponse::NoContent().finish())
}
