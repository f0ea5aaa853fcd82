//! `/api/v1/forms`: managing web forms (needs `forms.manage`).

use actix_web::{HttpResponse, delete, get, patch, post, web};
use voronka_types::forms::{CreateForm, Form, FormSnippet, UpdateForm};
use voronka_types::{FormId, Permission, Problem};

use super::{service, snippet};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// The company's web forms, oldest first.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Form>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forms")]
#[tracing::instrument(skip_all)]
pub async fn list_forms(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &principal).await?))
}

/// Adds a web form. Field keys say where answers land on the lead: `name`, `phone`, `email`,
/// `city`, `message` (or `comment`), `cf.<custom field key>`. Gets a random public key.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    request_body = CreateForm,
    responses(
        (status = 201, body = Form),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forms")]
#[tracing::instrument(skip_all)]
pub async fn create_form(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateForm>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One web form.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = FormId, Path)),
    responses(
        (status = 200, body = Form),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forms/{id}")]
#[tracing::instrument(skip_all, fields(form_id = %path))]
pub async fn get_form(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<FormId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state, &principal, path.into_inner()).await?))
}

/// Changes a web form (only the fields sent).
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = FormId, Path)),
    request_body = UpdateForm,
    responses(
        (status = 200, body = Form),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/forms/{id}")]
#[tracing::instrument(skip_all, fields(form_id = %path))]
pub async fn update_form(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<FormId>,
    body: ApiJson<UpdateForm>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a web form; its address answers 404 from then on. Its leads stay.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = FormId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/forms/{id}")]
#[tracing::instrument(skip_all, fields(form_id = %path))]
pub async fn delete_form(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<FormId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Gives the form a new public key (when the old one is abused); the old address stops working.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = FormId, Path)),
    responses(
        (status = 200, body = Form),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forms/{id}/regenerate-key")]
#[tracing::instrument(skip_all, fields(form_id = %path))]
pub async fn regenerate_form_key(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<FormId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::regenerate_key(&state, &principal, path.into_inner()).await?))
}

/// Copy-paste HTML for the company's site: a `<form>` posting to the public address (with
/// the hidden honeypot) and an optional `fetch` script.
#[utoipa::path(
    tag = "forms",
    security(("bearer" = [])),
    params(("id" = FormId, Path)),
    responses(
        (status = 200, body = FormSnippet),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forms/{id}/snippet")]
#[tracing::instrument(skip_all, fields(form_id = %path))]
pub async fn form_snippet(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<FormId>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::FormsManage)?;
    let form = service::find_in_tenant(&state.db, principal.tenant()?, path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(snippet::build(&form, &state.config.public_url)))
}
