//! `/api/v1/contacts`.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::contacts::{
    Contact, ContactSort, CreateContact, DuplicateGroup, MergeContacts, Source, UpdateContact,
};
use voronka_types::{CompanyId, ContactId, Direction, Page, Problem, UserId};

use super::service::{self, ContactFilter};
use super::{duplicates, merge};
use crate::auth::principal::Principal;
use crate::custom_fields::CustomFieldParams;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::sorting::PageRequest;
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
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    pub updated_from: Option<DateTime<Utc>>,
    pub updated_to: Option<DateTime<Utc>>,
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
            created: (self.created_from, self.created_to),
            updated: (self.updated_from, self.updated_to),
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
    /// `created` (default, newest first), `updated` or `name` (A→Z).
    sort: Option<ContactSort>,
    /// Overrides the sort's natural direction.
    direction: Option<Direction>,
}

/// Contacts the caller may see (their own, or all with `contacts.read.all`), filtered, sorted
/// (newest first by default) and keyset-paged, with the total that match.
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
    let page = PageRequest {
        sort: page.sort.unwrap_or_default(),
        direction: page.direction,
        cursor: page.cursor,
        limit,
    };
    let filter = filter
        .0
        .into_filter(CustomFieldParams::from_query_string(req.query_string())?);
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, filter, page).await?))
}

/// Adds a contact. Phones are normalised to E.164 (the raw input is kept for display). A phone
/// or e-mail that an existing contact already has makes no second contact: the answer is 200
/// with that contact (the new phones, e-mails and tags added to it) and its manager is told;
/// 409 `duplicate_contact` when it belongs to a contact the caller cannot see.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    request_body = CreateContact,
    responses(
        (status = 201, body = Contact),
        (status = 200, description = "An existing contact matched by phone or e-mail", body = Contact),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
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
    match service::create(&state, &principal, body.0).await? {
        (contact, true) => Ok(HttpResponse::Created().json(contact)),
        (existing, false) => Ok(HttpResponse::Ok().json(existing)),
    }
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

/// Deletes a contact. One with leads (`contact_has_leads`) or purchases
/// (`contact_has_purchases`) answers 409: merge it into another contact instead.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = ContactId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Groups per page, 1–200 (default 50).
    limit: Option<u64>,
}

/// Groups of contacts (that the caller can see) which are likely one person: the same phone,
/// the same e-mail, or the same name (ignoring case, word order, `ё`/`е`, punctuation).
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(DuplicateQuery),
    responses(
        (status = 200, body = Page<DuplicateGroup>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts/duplicates")]
#[tracing::instrument(skip_all)]
pub async fn list_duplicates(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<DuplicateQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(query.0.limit)?;
    let page = duplicates::groups(&state.db, &principal, query.0.cursor.as_deref(), limit).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Merges `other_id` into this contact: its leads, deals, tasks, notes and messages move
/// here, its phones, e-mails, tags and custom field values are added, empty fields are filled
/// from it, and it is deleted. Audited.
#[utoipa::path(
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = ContactId, Path)),
    request_body = MergeContacts,
    responses(
        (status = 200, body = Contact),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contacts/{id}/merge")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn merge_contacts(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
    body: ApiJson<MergeContacts>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(merge::merge(&state, &principal, path.into_inner(), body.0).await?))
}
