//! Raising events: one delivery (and one queue job to send it) per active subscription that
//! listens, written in the caller's transaction, so an event goes out exactly when the change
//! behind it is committed.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use voronka_types::webhooks::{DeliveryStatus, WebhookEvent};
use voronka_types::{TenantId, WebhookDeliveryId};

use super::delivery::{self, JOB_MAX_ATTEMPTS};
use super::entity::delivery as log;
use super::entity::subscription::{self, Entity as Subscriptions};
use super::service::events_of;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, NewJob};

/// Queues `event` with `data` (the record as the API returns it) for every active subscription
/// of `tenant` that listens to it. Call it inside the transaction that makes the change.
pub async fn emit(db: &impl ConnectionTrait, tenant: TenantId, event: WebhookEvent, data: Value) -> ApiResult<()> {
    let listening: Vec<subscription::Model> = Subscriptions::find()
        .filter(subscription::Column::TenantId.eq(tenant.0))
        .filter(subscription::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| events_of(s).contains(&event))
        .collect();
    if listening.is_empty() {
        return Ok(());
    }
    let now = clock::now();
    let body = envelope(event.as_str(), now, data);
    for subscription in &listening {
        queue_delivery(db, subscription, event.as_str(), &body, now).await?;
    }
    Ok(())
}

/// Whether any active subscription of `tenant` listens to `event` (to skip work for bulk changes).
/// A tenant without any active subscription is remembered for a few seconds (`memo`), so
/// every ingested purchase does not ask again.
pub async fn listens(db: &impl ConnectionTrait, tenant: TenantId, event: WebhookEvent) -> ApiResult<bool> {
    if crate::memo::DEAF.get(&tenant.0).is_some() {
        return Ok(false);
    }
    let active = Subscriptions::find()
        .filter(subscription::Column::TenantId.eq(tenant.0))
        .filter(subscription::Column::Active.eq(true))
        .all(db)
        .await?;
    if active.is_empty() {
        crate::memo::DEAF.put(tenant.0, ());
    }
    Ok(active.iter().any(|s| events_of(s).contains(&event)))
}

/// The JSON body every delivery carries: `{type, timestamp, data}`.
pub fn envelope(event_type: &str, at: DateTime<Utc>, data: Value) -> Value {
    json!({
        "type": event_type,
        "timestamp": at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "data": data,
    })
}

/// Writes a pending delivery of `body` to `subscription` and queues its first attempt now.
pub async fn queue_delivery(
    db: &impl ConnectionTrait,
    subscription: &subscription::Model,
    event_type: &str,
    body: &Value,
    now: DateTime<Utc>,
) -> ApiResult<log::Model> {
    let id = WebhookDeliveryId::new();
    let job = schedule_attempt(db, subscription, id, now).await?;
    let model = log::Model {
        id: id.0,
        tenant_id: subscription.tenant_id,
        subscription_id: subscription.id,
        event_type: event_type.to_owned(),
        payload: serde_json::to_string(body).map_err(|e| ApiError::Internal(e.into()))?,
        status: DeliveryStatus::Pending.as_str().to_owned(),
        attempts: 0,
        job_id: Some(job.0),
        last_response_code: None,
        last_latency_ms: None,
        last_error: None,
        last_attempt_at: None,
        delivered_at: None,
        created_at: now,
        updated_at: now,
    };
    log::ActiveModel::from(model.clone()).insert(db).await?;
    Ok(model)
}

/// Queues a job that sends delivery `id` at `at` (with the whole retry schedule after it).
pub async fn schedule_attempt(
    db: &impl ConnectionTrait,
    subscription: &subscription::Model,
    id: WebhookDeliveryId,
    at: DateTime<Utc>,
) -> ApiResult<voronka_types::JobId> {
    let payload =
        serde_json::to_value(delivery::Payload { delivery_id: id }).map_err(|e| ApiError::Internal(e.into()))?;
    jobs::enqueue(
        db,
        NewJob::new(delivery::JOB_KIND, Some(TenantId(subscription.tenant_id)), payload, at)
            .max_attempts(JOB_MAX_ATTEMPTS),
    )
    .await
}
