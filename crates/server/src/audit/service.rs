//! Writing and reading audit entries.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, Set};
use serde_json::{Map, Value};
use uuid::Uuid;
use voronka_types::audit::{AuditEntry, FieldChange};
use voronka_types::{Page, TenantId};

use super::entity::{self, Entity as AuditLog};
use crate::auth::principal::{Actor, Principal};
use crate::clock;
use crate::error::ApiResult;
use crate::pagination;

/// What changed: an action on an entity, with its state before and after (JSON objects;
/// only fields that differ are kept).
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl AuditEvent {
    pub fn new(action: &str, entity_type: &str, entity_id: Option<String>) -> Self {
        Self {
            action: action.to_owned(),
            entity_type: entity_type.to_owned(),
            entity_id,
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, value: Value) -> Self {
        self.before = Some(value);
        self
    }

    pub fn after(mut self, value: Value) -> Self {
        self.after = Some(value);
        self
    }
}

/// Who made a change, when it was not an authenticated principal (sign-up, reset).
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub tenant_id: TenantId,
    pub kind: &'static str,
    pub id: Option<Uuid>,
    pub name: Option<String>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

impl AuditActor {
    fn of(principal: &Principal, tenant_id: TenantId) -> Self {
        let (kind, id, name) = match &principal.actor {
            Actor::User { id, name, .. } => ("user", Some(id.0), Some(name.clone())),
            Actor::ApiKey { id, name } => ("api_key", Some(id.0), Some(name.clone())),
            Actor::Form { id, name } => ("form", Some(id.0), Some(name.clone())),
        };
        Self {
            tenant_id,
            kind,
            id,
            name,
            request_id: principal.request_id.clone(),
            ip: principal.ip.clone(),
        }
    }
}

/// Records a change made by `by` in its tenant. Principals without a tenant (platform
/// admins) are not recorded here.
pub async fn record(db: &impl ConnectionTrait, by: &Principal, event: AuditEvent) -> ApiResult<()> {
    match by.tenant_id {
        Some(tenant) => record_as(db, &AuditActor::of(by, tenant), event).await,
        None => Ok(()),
    }
}

pub async fn record_as(db: &impl ConnectionTrait, actor: &AuditActor, event: AuditEvent) -> ApiResult<()> {
    let changes = diff(event.before.as_ref(), event.after.as_ref());
    let row = entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(actor.tenant_id.0),
        actor_kind: Set(actor.kind.to_owned()),
        actor_id: Set(actor.id),
        actor_name: Set(actor.name.clone()),
        action: Set(event.action),
        entity_type: Set(event.entity_type),
        entity_id: Set(event.entity_id),
        changes: Set(serde_json::to_string(&changes).map_err(anyhow::Error::from)?),
        request_id: Set(actor.request_id.clone()),
        ip: Set(actor.ip.clone()),
        created_at: Set(clock::now()),
    };
    AuditLog::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The fields whose values differ between two JSON objects (`updated_at` is noise).
fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = Map::new();
    let as_map = |v: Option<&Value>| v.and_then(Value::as_object).cloned();
    let (b, a) = (as_map(before), as_map(after));
    let (bm, am) = (b.as_ref().unwrap_or(&empty), a.as_ref().unwrap_or(&empty));
    let mut keys: Vec<&String> = bm.keys().chain(am.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.as_str() != "updated_at")
        .filter(|k| bm.get(*k) != am.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            before: bm.get(k).cloned(),
            after: am.get(k).cloned(),
        })
        .collect()
}

/// Filters for the audit log list.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first, keyset-paged.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    filter: AuditFilter,
    cursor: Option<Uuid>,
    limit: u64,
) -> ApiResult<Page<AuditEntry>> {
    let mut query = AuditLog::find().filter(entity::Column::TenantId.eq(tenant.0));
    if let Some(action) = filter.action {
        query = query.filter(entity::Column::Action.eq(action));
    }
    if let Some(entity_type) = filter.entity_type {
        query = query.filter(entity::Column::EntityType.eq(entity_type));
    }
    if let Some(entity_id) = filter.entity_id {
        query = query.filter(entity::Column::EntityId.eq(entity_id));
    }
    if let Some(actor_id) = filter.actor_id {
        query = query.filter(entity::Column::ActorId.eq(actor_id));
    }
    if let Some(from) = filter.from {
        query = query.filter(entity::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(entity::Column::CreatedAt.lt(to));
    }
    pagination::keyset_page(db, query, entity::Column::Id, |row| row.id, Order::Desc, cursor, limit).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_kept() {
        let changes = diff(
            Some(&json!({"name": "Anna", "role": "manager", "updated_at": 1})),
            Some(&json!({"name": "Anna", "role": "head_of_sales", "updated_at": 2})),
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "role");
        assert_eq!(changes[0].before, Some(json!("manager")));
        assert_eq!(changes[0].after, Some(json!("head_of_sales")));
    }

    #[test]
    fn a_creation_lists_every_field_as_new() {
        let changes = diff(None, Some(&json!({"name": "Anna", "email": "a@b.co"})));
        assert_eq!(changes.len(), 2);
        assert!(changes.iter().all(|c| c.before.is_none()));
    }
}
