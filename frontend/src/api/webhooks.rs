//! `/webhooks`: outbound event subscriptions and their delivery log.

use voronka_types::webhooks::{CreateWebhook, UpdateWebhook, Webhook, WebhookDelivery};
use voronka_types::{Page, Problem, WebhookDeliveryId, WebhookId};

use super::client::Call;

/// `GET /webhooks`.
pub async fn list_webhooks() -> Result<Vec<Webhook>, Problem> {
    Call::get("/webhooks").fetch().await
}

/// `POST /webhooks`: the answer holds the full signing secret, the only time it is shown.
pub async fn create_webhook(request: &CreateWebhook) -> Result<Webhook, Problem> {
    Call::post("/webhooks").json(request)?.fetch().await
}

/// `PATCH /webhooks/{id}`: changes only the fields that are set.
pub async fn update_webhook(id: WebhookId, request: &UpdateWebhook) -> Result<Webhook, Problem> {
    Call::patch(format!("/webhooks/{id}")).json(request)?.fetch().await
}

/// `DELETE /webhooks/{id}`.
pub async fn delete_webhook(id: WebhookId) -> Result<(), Problem> {
    Call::delete(format!("/webhooks/{id}")).fetch_empty().await
}

/// `POST /webhooks/{id}/rotate-secret`: the answer holds the new secret in full.
pub async fn rotate_webhook_secret(id: WebhookId) -> Result<Webhook, Problem> {
    Call::post(format!("/webhooks/{id}/rotate-secret")).fetch().await
}

/// `POST /webhooks/{id}/test`: queues a `webhook.test` ping.
pub async fn test_webhook(id: WebhookId) -> Result<WebhookDelivery, Problem> {
    Call::post(format!("/webhooks/{id}/test")).fetch().await
}

/// `GET /webhooks/{id}/deliveries`: one page of the log, newest first.
pub async fn list_deliveries(id: WebhookId, cursor: Option<String>) -> Result<Page<WebhookDelivery>, Problem> {
    Call::get(format!("/webhooks/{id}/deliveries"))
        .query("cursor", cursor)
        .query("limit", Some(20))
        .fetch()
        .await
}

/// `POST /webhooks/{id}/deliveries/{delivery_id}/resend`.
pub async fn resend_delivery(id: WebhookId, delivery: WebhookDeliveryId) -> Result<WebhookDelivery, Problem> {
    Call::post(format!("/webhooks/{id}/deliveries/{delivery}/resend"))
        .fetch()
        .await
}
