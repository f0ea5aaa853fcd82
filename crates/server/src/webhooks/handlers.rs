//! `/api/v1/webhooks`: subscriptions, their delivery log, re-sends and test pings.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use sea_orm::TransactionTrait;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::webhooks::{CreateWebhook, UpdateWebhook, Webhook, WebhookDelivery};
use voronka_types::{Page, Problem, WebhookDeliveryId, WebhookId};

use super::{log, service};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::startup::AppState;

/// The company's webhook subscriptions (secrets masked).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Webhook>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks")]
#[tracing::instrument(skip_all)]
pub async fn list_webhooks(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal).await?))
}

/// Subscribes a URL to events. The answer holds the signing secret in full: it is shown only
/// now and after a rotation. The URL must be http(s) on a public address.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = CreateWebhook,
    responses(
        (status = 201, body = Webhook),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks")]
#[tracing::instrument(skip_all)]
pub async fn create_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateWebhook>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    let created = service::create(&txn, &state.config, &principal, body.0).await?;
    txn.commit().await?;
    if let Some(tenant) = principal.tenant_id {
        crate::memo::forget_subscriptions(tenant.0);
    }
    Ok(HttpResponse::Created().json(created))
}

/// One subscription (secret masked).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path)),
    responses(
        (status = 200, body = Webhook),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn get_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a subscription; only the fields present change. `active: true` also clears the
/// failure flags of a subscription that was switched off.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path)),
    request_body = UpdateWebhook,
    responses(
        (status = 200, body = Webhook),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/webhooks/{id}")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn update_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
    body: ApiJson<UpdateWebhook>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    let updated = service::update(&txn, &state.config, &principal, path.into_inner(), body.0).await?;
    txn.commit().await?;
    if let Some(tenant) = principal.tenant_id {
        crate::memo::forget_subscriptions(tenant.0);
    }
    Ok(HttpResponse::Ok().json(updated))
}

/// Deletes a subscription and its delivery log; queued attempts send nothing.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/{id}")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    service::delete(&txn, &principal, path.into_inner()).await?;
    txn.commit().await?;
    if let Some(tenant) = principal.tenant_id {
        crate::memo::forget_subscriptions(tenant.0);
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Replaces the signing secret at once; the answer holds the new one in full.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path)),
    responses(
        (status = 200, body = Webhook),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/rotate-secret")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    let rotated = service::rotate_secret(&txn, &principal, path.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(rotated))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryPageQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
}

/// The subscription's delivery log, newest first: status, attempts, last response code,
/// latency and error.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path), DeliveryPageQuery),
    responses(
        (status = 200, body = Page<WebhookDelivery>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
    page: ApiQuery<DeliveryPageQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(page.0.limit)?;
    let page = log::list(
        &state.db,
        &principal,
        path.into_inner(),
        page.0.cursor.as_deref(),
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Sends a delivery again now, with the same `webhook-id` and body (and a fresh retry
/// schedule). 409 when the webhook is switched off.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path), ("delivery_id" = WebhookDeliveryId, Path)),
    responses(
        (status = 202, body = WebhookDelivery),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/resend")]
#[tracing::instrument(skip_all)]
pub async fn resend_webhook_delivery(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<(WebhookId, WebhookDeliveryId)>,
) -> ApiResult<HttpResponse> {
    let (id, delivery) = path.into_inner();
    let txn = state.db.begin().await?;
    let queued = log::resend(&txn, &principal, id, delivery).await?;
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(queued))
}

/// Queues a `webhook.test` ping to the subscription. 409 when it is switched off.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = WebhookId, Path)),
    responses(
        (status = 202, body = WebhookDelivery),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/test")]
#[tracing::instrument(skip_all, fields(webhook_id = %path))]
pub async fn test_webhook(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<WebhookId>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    let queued = log::test(&txn, &principal, path.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(queued))
}
