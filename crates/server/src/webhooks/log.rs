//! The delivery log of a subscription, re-sending one delivery, and the test ping.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter};
use serde_json::json;
use voronka_types::webhooks::{DeliveryStatus, TEST_EVENT, WebhookDelivery};
use voronka_types::{Page, Permission, WebhookDeliveryId, WebhookId};

use super::emit::{envelope, queue_delivery, schedule_attempt};
use super::entity::delivery::{self as log, Entity as Deliveries};
use super::service::find;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::pagination;

impl From<log::Model> for WebhookDelivery {
    fn from(m: log::Model) -> Self {
        WebhookDelivery {
            id: WebhookDeliveryId(m.id),
            webhook_id: WebhookId(m.subscription_id),
            event_type: m.event_type,
            payload: serde_json::from_str(&m.payload).unwrap_or(serde_json::Value::Null),
            status: DeliveryStatus::parse(&m.status).unwrap_or(DeliveryStatus::Pending),
            attempts: m.attempts,
            last_response_code: m.last_response_code,
            last_latency_ms: m.last_latency_ms,
            last_error: m.last_error,
            last_attempt_at: m.last_attempt_at,
            delivered_at: m.delivered_at,
            created_at: m.created_at,
        }
    }
}

/// The subscription's deliveries, newest first, keyset-paged.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: WebhookId,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<WebhookDelivery>> {
    by.require(Permission::WebhooksManage)?;
    let subscription = find(db, by.tenant()?, id).await?;
    let cursor = cursor.map(pagination::decode_cursor).transpose()?;
    let query = Deliveries::find().filter(log::Column::SubscriptionId.eq(subscription.id));
    pagination::keyset_page(db, query, log::Column::Id, |m| m.id, Order::Desc, cursor, limit).await
}

fn require_active(active: bool) -> ApiResult<()> {
    if active {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "webhook_inactive",
            Some("active"),
            "the webhook is switched off: activate it first",
        ))
    }
}

/// Sends a delivery again now (same `webhook-id`, same body), with a fresh retry schedule.
/// A retry still waiting for it is superseded.
pub async fn resend(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: WebhookId,
    delivery: WebhookDeliveryId,
) -> ApiResult<WebhookDelivery> {
    by.require(Permission::WebhooksManage)?;
    let subscription = find(db, by.tenant()?, id).await?;
    let found = Deliveries::find_by_id(delivery.0)
        .filter(log::Column::SubscriptionId.eq(subscription.id))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("delivery"))?;
    require_active(subscription.active)?;
    let now = clock::now();
    let job = schedule_attempt(db, &subscription, delivery, now).await?;
    Deliveries::update_many()
        .col_expr(log::Column::Status, Expr::value(DeliveryStatus::Pending.as_str()))
        .col_expr(log::Column::JobId, Expr::value(Some(job.0)))
        .col_expr(log::Column::UpdatedAt, Expr::value(now))
        .filter(log::Column::Id.eq(found.id))
        .exec(db)
        .await?;
    Ok(Deliveries::find_by_id(found.id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("delivery"))?
        .into())
}

/// Queues a `webhook.test` ping to the subscription, whatever events it listens to.
pub async fn test(db: &impl ConnectionTrait, by: &Principal, id: WebhookId) -> ApiResult<WebhookDelivery> {
    by.require(Permission::WebhooksManage)?;
    let subscription = find(db, by.tenant()?, id).await?;
    require_active(subscription.active)?;
    let now = clock::now();
    let body = envelope(TEST_EVENT, now, json!({ "webhook_id": subscription.id }));
    Ok(queue_delivery(db, &subscription, TEST_EVENT, &body, now).await?.into())
}
