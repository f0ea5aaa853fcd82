//! `/api/v1/contacts`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::contacts::{Contact, CreateContact, Source, UpdateContact};
use voronka_types::{CompanyId, ContactId, Page, Problem, UserId};

use super::service::{self, ContactFilter};
use crate::auth::principal::Principal;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::startup::AppState;

/// The filters of `GET /contacts` (its export takes them too).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactFilterQuery {
    /// Part of the name or e-mail, or a phone number in any format (`8 916 123`).
    pub q: Option<String>,
    pub source: Option<Source>,
    pub owner_id: Option<UserId>,
    pub company_id: Option<CompanyId>,
    /// One tag, any case.
    pub tag: Option<String>,
}

impl ContactFilterQuery {
    /// The service's filter, with the request's `cf[…]` parameters.
    pub fn into_filter(self, custom_fields: CustomFieldParams) -> ContactFilter {
        ContactFilter {
            q: self.q,
            source: self.source,
            owner_id: self.owner_id,
            company_id: self.company_id,
            tag: self.tag,
            custom_fields,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactPageQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
}

/// Contacts the caller may see (their own, or all with `contacts.read.all`), newest first.
/// Custom fields filter with `cf[<key>]=<value>`, `cf_from[<key>]=…`, `cf_to[<key>]=…`.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(ContactFilterQuery, ContactPageQuery, CustomFieldParams),
    responses(
        (status = 200, body = Page<Contact>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts")]
#[tracing::instrument(skip_all)]
pub async fn list_contacts(
    state: web::Data<AppState>,
    principal: Principal,
    filter: ApiQuery<ContactFilterQuery>,
    page: ApiQuery<ContactPageQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let page = page.0;
    let limit = pagination::limit(page.limit)?;
    let cursor = page.cursor.as_deref().map(pagination::decode_cursor).transpose()?;
    let filter = filter
        .0
        .into_filter(CustomFieldParams::from_query_string(req.query_string())?);
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, filter, cursor, limit).await?))
}

/// Adds a contact. Phones are normalised to E.164 (the raw input is kept for display).
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    request_body = CreateContact,
    responses(
        (status = 201, body = Contact),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contacts")]
#[tracing::instrument(skip_all)]
pub async fn create_contact(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateContact>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One contact.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = ContactId, Path)),
    responses(
        (status = 200, body = Contact),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts/{id}")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn get_contact(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a contact; only the fields present change.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = ContactId, Path)),
    request_body = UpdateContact,
    responses(
        (status = 200, body = Contact),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/contacts/{id}")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn update_contact(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
    body: ApiJson<UpdateContact>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a contact.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = ContactId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/contacts/{id}")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn delete_contact(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
