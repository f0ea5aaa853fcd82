//! Outbound webhooks: subscriptions, the events they receive and the delivery log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::users::double_option;
use crate::{WebhookDeliveryId, WebhookId};

macro_rules! webhook_events {
    ($($(#[$meta:meta])* $variant:ident => $name:literal),+ $(,)?) => {
        /// Something that happened in the CRM that a webhook subscription can receive.
        /// Serialized as its dotted name, such as `lead.stage_changed`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum WebhookEvent {
            $($(#[$meta])* #[serde(rename = $name)] $variant,)+
        }

        impl WebhookEvent {
            /// Every event, in a stable order.
            pub const ALL: &'static [WebhookEvent] = &[$(WebhookEvent::$variant,)+];

            /// The dotted name, as in the payload's `type`.
            pub fn as_str(self) -> &'static str {
                match self { $(WebhookEvent::$variant => $name,)+ }
            }

            /// The event with this dotted name.
            pub fn parse(s: &str) -> Option<WebhookEvent> {
                match s { $($name => Some(WebhookEvent::$variant),)+ _ => None }
            }
        }
    };
}

webhook_events! {
    /// A contact was added (by hand, an import, the API or with a new lead).
    ContactCreated => "contact.created",
    /// A contact's fields changed.
    ContactUpdated => "contact.updated",
    /// A lead was added (by hand, an import or the API).
    LeadCreated => "lead.created",
    /// A lead moved to another stage (one by one, in bulk, or because its stage was removed).
    LeadStageChanged => "lead.stage_changed",
    /// A deal moved into a won stage.
    DealWon => "deal.won",
    /// A deal moved into a lost stage.
    DealLost => "deal.lost",
    /// A customer's purchase was recorded.
    PurchaseCreated => "purchase.created",
    /// An open task passed its due time.
    TaskOverdue => "task.overdue",
}

impl std::fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `type` of the ping sent by `POST /webhooks/{id}/test`; no subscription lists it.
pub const TEST_EVENT: &str = "webhook.test";

/// A webhook subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    pub id: WebhookId,
    /// Where events are POSTed (http or https).
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// Inactive subscriptions receive nothing.
    pub active: bool,
    pub description: Option<String>,
    /// The signing secret (`whsec_…`): in full only when the subscription is created or its
    /// secret rotated; masked (`whsec_abcd…`) everywhere else.
    pub secret: String,
    /// Since when deliveries have been failing (cleared by the next success).
    pub failing_since: Option<DateTime<Utc>>,
    /// Why the subscription was switched off automatically (a delivery failed every attempt
    /// for about a day); cleared when it is activated again.
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateWebhook {
    /// Absolute http(s) URL on a public address.
    pub url: String,
    /// At least one event.
    pub events: Vec<WebhookEvent>,
    /// Default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Body of `PATCH /api/v1/webhooks/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateWebhook {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEvent>>,
    /// `true` also clears `failing_since` and `disabled_reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub description: Option<Option<String>>,
}

/// Where a delivery is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first or next attempt.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// One event sent to one subscription, with the outcome of its last attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    /// Also the `webhook-id` header, the same on every attempt.
    pub id: WebhookDeliveryId,
    pub webhook_id: WebhookId,
    /// The event's dotted name (or `webhook.test`).
    pub event_type: String,
    /// The JSON body sent: `{type, timestamp, data}`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: i32,
    pub last_response_code: Option<i32>,
    pub last_latency_ms: Option<i64>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_round_trips_through_its_name() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.as_str()), Some(*event));
            let json = serde_json::to_string(event).unwrap();
            assert_eq!(json, format!("\"{}\"", event.as_str()));
        }
    }
}
