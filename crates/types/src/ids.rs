//! Typed identifiers. Public IDs are UUIDv7 (time-ordered), never bare strings.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh time-ordered (v7) identifier.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }

        impl From<$name> for Uuid {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

typed_id!(
    /// A company using Voronka: every business row belongs to exactly one.
    TenantId
);
typed_id!(
    /// A person who signs in: an owner, head of sales, manager … or a platform admin.
    UserId
);
typed_id!(
    /// An integrator's API key.
    ApiKeyId
);
typed_id!(
    /// One entry of the audit log.
    AuditEntryId
);
typed_id!(
    /// A person the company sells to.
    ContactId
);
typed_id!(
    /// An organisation contacts work for.
    CompanyId
);
typed_id!(
    /// A sales pipeline (funnel) of leads or of deals.
    PipelineId
);
typed_id!(
    /// One stage (column) of a pipeline.
    StageId
);
typed_id!(
    /// An incoming request from a possible customer.
    LeadId
);
typed_id!(
    /// A sale in progress, with an amount and an expected close date.
    DealId
);
typed_id!(
    /// A company's definition of an extra field on contacts, companies, leads or deals.
    CustomFieldId
);
typed_id!(
    /// A to-do for a user: call back, send the offer, meet.
    TaskId
);
typed_id!(
    /// An in-app message to one user (a reminder, an assignment).
    NotificationId
);
typed_id!(
    /// A unit of background work in the durable job queue.
    JobId
);
typed_id!(
    /// A note or a logged call on a lead, deal or contact.
    NoteId
);
typed_id!(
    /// One message of the conversation with a lead (in or out).
    MessageId
);
typed_id!(
    /// A file of contacts or leads being imported in the background.
    ImportId
);
typed_id!(
    /// A purchase a customer made, as the company's own system reported it.
    PurchaseId
);
typed_id!(
    /// A web form on a company's site that turns submissions into leads.
    FormId
);
typed_id!(
    /// A tenant's subscription to outbound webhook events.
    WebhookId
);
typed_id!(
    /// One event sent (or being sent) to one webhook subscription; its `webhook-id` header.
    WebhookDeliveryId
);
typed_id!(
    /// A report-builder query saved by a user, maybe shared with the team.
    SavedReportId
);
typed_id!(
    /// A periodic (daily, weekly, monthly) activity report kept by the job queue.
    PeriodicReportId
);
