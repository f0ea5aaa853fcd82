//! `POST /api/v1/ingest/customers[/batch]`, `POST /api/v1/ingest/purchases[/batch]`.

use actix_web::{HttpResponse, post, web};
use voronka_types::Problem;
use voronka_types::contacts::Contact;
use voronka_types::purchases::{
    IngestBatch, IngestBatchResult, IngestCustomer, IngestPurchase, IngestStatus, Purchase,
};

use super::{fields, service};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::startup::AppState;

fn single<T, D: serde::Serialize>(
    mut outcomes: Vec<service::Outcome<T>>,
    dto: impl Fn(T) -> D,
) -> ApiResult<HttpResponse> {
    match outcomes.pop() {
        Some(Ok((model, IngestStatus::Created))) => Ok(HttpResponse::Created().json(dto(model))),
        Some(Ok((model, _))) => Ok(HttpResponse::Ok().json(dto(model))),
        Some(Err(errors)) => Err(ApiError::Validation(errors)),
        None => Err(ApiError::Internal(anyhow::anyhow!("an ingest answered nothing"))),
    }
}

/// Creates a customer, or updates the one with this `external_id` (200). A new external id
/// whose phone or e-mail matches a contact without one links that contact (200). Source `api`.
#[utoipa::path(
    tag = "ingest",
    security(("bearer" = []), ("api_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to a repeated request")),
    request_body(content = IngestCustomer, example = json!({
        "external_id": "cust-1001", "name": "Anna Petrova", "email": "anna@example.com",
        "phone": "+7 916 123-45-67", "attributes": {"tier": "gold"}, "created_at": "2026-01-15T09:30:00Z"
    })),
    responses(
        (status = 201, description = "Created", body = Contact),
        (status = 200, description = "Updated (known external id, or matched by phone or e-mail)", body = Contact),
        (status = 403, description = "The key lacks the `ingest` scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limit; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ingest/customers")]
#[tracing::instrument(skip_all)]
pub async fn ingest_customer(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<IngestCustomer>,
) -> ApiResult<HttpResponse> {
    let outcomes = service::customers(&state.db, &principal, vec![body.0]).await?;
    single(outcomes, Contact::from)
}

/// Up to 1,000 customers; each item lands or fails on its own (`items[<index>].<field>`).
#[utoipa::path(
    tag = "ingest",
    security(("bearer" = []), ("api_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to a repeated request")),
    request_body(content = IngestBatch<IngestCustomer>, example = json!({"items": [
        {"external_id": "cust-1001", "name": "Anna Petrova", "email": "anna@example.com"},
        {"external_id": "cust-1002", "phone": "+44 20 7946 0958"}
    ]})),
    responses(
        (status = 200, body = IngestBatchResult),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No items or more than 1,000", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ingest/customers/batch")]
#[tracing::instrument(skip_all)]
pub async fn ingest_customers(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<IngestBatch<IngestCustomer>>,
) -> ApiResult<HttpResponse> {
    let items = body.0.items;
    fields::batch_size(items.len())?;
    let sent: Vec<String> = items.iter().map(|i| i.external_id.clone()).collect();
    let outcomes = service::customers(&state.db, &principal, items).await?;
    let summary = service::results(
        outcomes,
        |c| (c.id, Some(c.id.into()), c.external_id.clone().unwrap_or_default()),
        sent,
    );
    Ok(HttpResponse::Ok().json(summary))
}

/// Records a purchase, or updates the one with this `external_id` (200; never a second one).
/// `amount` is a decimal string or a JSON number, stored exactly in minor units of `currency`
/// (the company's when absent). An unknown `customer_external_id` creates a stub customer.
#[utoipa::path(
    tag = "ingest",
    security(("bearer" = []), ("api_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to a repeated request")),
    request_body(content = IngestPurchase, example = json!({
        "external_id": "order-5001", "customer_external_id": "cust-1001", "amount": "1250.50",
        "currency": "RUB", "purchased_at": "2026-11-20T14:05:00Z",
        "items": [{"sku": "TEA-01", "name": "Green tea", "quantity": 2, "unit_price": "625.25"}],
        "attributes": {"channel": "web"}
    })),
    responses(
        (status = 201, description = "Created", body = Purchase),
        (status = 200, description = "Updated (known external id)", body = Purchase),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limit; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ingest/purchases")]
#[tracing::instrument(skip_all)]
pub async fn ingest_purchase(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<IngestPurchase>,
) -> ApiResult<HttpResponse> {
    let outcomes = service::purchases(&state.db, &principal, vec![body.0]).await?;
    single(outcomes, Purchase::from)
}

/// Up to 1,000 purchases; each item lands or fails on its own (`items[<index>].<field>`).
#[utoipa::path(
    tag = "ingest",
    security(("bearer" = []), ("api_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to a repeated request")),
    request_body(content = IngestBatch<IngestPurchase>, example = json!({"items": [
        {"external_id": "order-5001", "customer_external_id": "cust-1001", "amount": "1250.50"},
        {"external_id": "order-5002", "customer_external_id": "cust-1002", "amount": 99.9, "currency": "GBP"}
    ]})),
    responses(
        (status = 200, body = IngestBatchResult),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No items or more than 1,000", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ingest/purchases/batch")]
#[tracing::instrument(skip_all)]
pub async fn ingest_purchases(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<IngestBatch<IngestPurchase>>,
) -> ApiResult<HttpResponse> {
    let items = body.0.items;
    fields::batch_size(items.len())?;
    let sent: Vec<String> = items.iter().map(|i| i.external_id.clone()).collect();
    let outcomes = service::purchases(&state.db, &principal, items).await?;
    let summary = service::results(
        outcomes,
        |p| (p.id, Some(p.contact_id.into()), p.external_id.clone()),
        sent,
    );
    Ok(HttpResponse::Ok().json(summary))
}
