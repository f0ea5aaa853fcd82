//! `GET /api/v1/purchases`, `GET /api/v1/contacts/{id}/purchases`.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::purchases::Purchase;
use voronka_types::{ContactId, Direction, Page, Problem};

use super::list::{self, PurchaseFilter, PurchaseSort};
use crate::auth::principal::Principal;
use crate::contacts;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination;
use crate::sorting::PageRequest;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PurchaseQuery {
    /// The buyer's contact id.
    contact_id: Option<ContactId>,
    /// The buyer's id in your system.
    customer_external_id: Option<String>,
    /// Purchased at or after.
    from: Option<DateTime<Utc>>,
    /// Purchased before.
    to: Option<DateTime<Utc>>,
    /// Smallest amount, a decimal string in `currency`.
    amount_from: Option<String>,
    /// Largest amount, a decimal string in `currency`.
    amount_to: Option<String>,
    /// Only purchases in this ISO 4217 currency (the company's when an amount bound is given
    /// without it).
    currency: Option<String>,
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// `purchased_at` (default) or `amount`; both largest first.
    sort: Option<PurchaseSort>,
    direction: Option<Direction>,
}

impl PurchaseQuery {
    fn split(self) -> ApiResult<(PurchaseFilter, PageRequest<PurchaseSort>)> {
        let page = PageRequest {
            sort: self.sort.unwrap_or_default(),
            direction: self.direction,
            cursor: self.cursor,
            limit: pagination::limit(self.limit)?,
        };
        let filter = PurchaseFilter {
            contact_id: self.contact_id,
            customer_external_id: self.customer_external_id,
            from: self.from,
            to: self.to,
            amount_from: self.amount_from,
            amount_to: self.amount_to,
            currency: self.currency,
        };
        Ok((filter, page))
    }
}

/// Purchases of the contacts the caller sees (keys with the `ingest` scope see all), newest
/// first, filtered by customer, period and amount, keyset-paged with their total.
#[utoipa::path(
    tag = "purchases",
    security(("bearer" = []), ("api_key" = [])),
    params(PurchaseQuery),
    responses(
        (status = 200, body = Page<Purchase>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/purchases")]
#[tracing::instrument(skip_all)]
pub async fn list_purchases(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<PurchaseQuery>,
) -> ApiResult<HttpResponse> {
    let (filter, page) = query.0.split()?;
    Ok(HttpResponse::Ok().json(list::list(&state.db, &principal, &filter, page).await?))
}

/// One contact's purchases (its figures are on `GET /contacts/{id}` as `purchases`).
#[utoipa::path(
    tag = "purchases",
    security(("bearer" = []), ("api_key" = [])),
    params(("id" = ContactId, Path), PurchaseQuery),
    responses(
        (status = 200, body = Page<Purchase>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/contacts/{id}/purchases")]
#[tracing::instrument(skip_all, fields(contact_id = %path))]
pub async fn contact_purchases(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ContactId>,
    query: ApiQuery<PurchaseQuery>,
) -> ApiResult<HttpResponse> {
    let contact = path.into_inner();
    if !principal.has(voronka_types::Permission::Ingest) {
        contacts::service::find_visible(&state.db, &principal, contact).await?;
    } else {
        contacts::lookup::of_tenant(&state.db, principal.tenant()?, contact).await?;
    }
    let (mut filter, page) = query.0.split()?;
    filter.contact_id = Some(contact);
    Ok(HttpResponse::Ok().json(list::list(&state.db, &principal, &filter, page).await?))
}
