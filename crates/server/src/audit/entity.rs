//! The `audit_log` table.

use sea_orm::entity::prelude::*;
use voronka_types::audit::{ActorKind, AuditEntry};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    /// JSON array of field changes.
    pub changes: String,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for AuditEntry {
    fn from(m: Model) -> Self {
        let actor_kind = match m.actor_kind.as_str() {
            "user" => ActorKind::User,
            "api_key" => ActorKind::ApiKey,
            "form" => ActorKind::Form,
            _ => ActorKind::System,
        };
        Self {
            id: m.id.into(),
            actor_kind,
            actor_id: m.actor_id,
            actor_name: m.actor_name,
            action: m.action,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            changes: serde_json::from_str(&m.changes).unwrap_or_default(),
            request_id: m.request_id,
            created_at: m.created_at,
        }
    }
}
