//! The audit log: who changed what, when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::AuditEntryId;

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    User,
    ApiKey,
    /// A visitor's submission through a public web form (`actor_id` is the form).
    Form,
    System,
}

/// One field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: AuditEntryId,
    pub actor_kind: ActorKind,
    /// The user's or API key's id; absent for system changes.
    pub actor_id: Option<uuid::Uuid>,
    /// The user's name or the key's name at the time.
    pub actor_name: Option<String>,
    /// What happened, e.g. `user.created`, `role.permissions_changed`, `api_key.revoked`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub changes: Vec<FieldChange>,
    pub request_id: Option<String>,
    pub created_at: DateTime<Utc>,
}
