//! Names of webhook events and delivery states, and of web-form field kinds.

use voronka_types::forms::FormFieldKind;
use voronka_types::webhooks::{DeliveryStatus, WebhookEvent};

use super::Key;

/// An event's plain name (its dotted code is shown beside it).
pub fn event_key(event: WebhookEvent) -> Key {
    match event {
        WebhookEvent::ContactCreated => Key::EventContactCreated,
        WebhookEvent::ContactUpdated => Key::EventContactUpdated,
        WebhookEvent::LeadCreated => Key::EventLeadCreated,
        WebhookEvent::LeadStageChanged => Key::EventLeadStageChanged,
        WebhookEvent::DealWon => Key::EventDealWon,
        WebhookEvent::DealLost => Key::EventDealLost,
        WebhookEvent::PurchaseCreated => Key::EventPurchaseCreated,
        WebhookEvent::TaskOverdue => Key::EventTaskOverdue,
    }
}

/// A delivery state's name.
pub fn delivery_status_key(status: DeliveryStatus) -> Key {
    match status {
        DeliveryStatus::Pending => Key::DeliveryPending,
        DeliveryStatus::Delivered => Key::DeliveryDelivered,
        DeliveryStatus::Failed => Key::DeliveryFailed,
    }
}

/// Every input kind a form field may have, in the order pickers list them.
pub const FIELD_KINDS: [FormFieldKind; 5] = [
    FormFieldKind::Text,
    FormFieldKind::Phone,
    FormFieldKind::Email,
    FormFieldKind::Textarea,
    FormFieldKind::Select,
];

/// An input kind's name.
pub fn field_kind_key(kind: FormFieldKind) -> Key {
    match kind {
        FormFieldKind::Text => Key::KindText,
        FormFieldKind::Phone => Key::KindPhone,
        FormFieldKind::Email => Key::KindEmail,
        FormFieldKind::Textarea => Key::KindTextarea,
        FormFieldKind::Select => Key::KindSelect,
    }
}
