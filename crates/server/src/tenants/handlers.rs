//! `/api/v1/settings`: the signed-in user's company.

use actix_web::{HttpResponse, get, patch, web};
use voronka_types::Problem;
use voronka_types::users::{Tenant, UpdateSettings};

use super::settings;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// The company's settings (anyone signed in to it).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    responses((status = 200, body = Tenant), (status = 401, body = Problem, content_type = "application/problem+json"))
)]
#[get("/settings")]
#[tracing::instrument(skip_all)]
pub async fn get_settings(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(settings::get(&state, &principal).await?))
}

/// Changes the company's name, language (`en`/`ru`), time zone (IANA), currency (ISO 4217) or
/// phone region (ISO 3166; `null` = by language). Needs `settings.manage`.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = UpdateSettings,
    responses(
        (status = 200, body = Tenant),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/settings")]
#[tracing::instrument(skip_all)]
pub async fn update_settings(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<UpdateSettings>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(settings::update(&state, &principal, body.0).await?))
}
