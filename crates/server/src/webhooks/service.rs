//! Webhook subscriptions: create, read, change, delete, rotate the secret. Every function
//! needs `webhooks.manage` and works inside the caller's transaction.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use voronka_types::webhooks::{CreateWebhook, UpdateWebhook, Webhook, WebhookEvent};
use voronka_types::{FieldError, Permission, TenantId, WebhookId};

use super::entity::subscription::{self, Entity as Subscriptions};
use super::{signing, target};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::config::Config;
use crate::contacts::fields::optional_text;
use crate::error::{ApiError, ApiResult};
use crate::validation::Checks;

/// The most subscriptions a tenant may have.
pub const MAX_SUBSCRIPTIONS: usize = 50;

/// The events a stored subscription lists (names no longer known are skipped).
pub fn events_of(model: &subscription::Model) -> Vec<WebhookEvent> {
    let names: Vec<String> = serde_json::from_str(&model.events).unwrap_or_default();
    names.iter().filter_map(|n| WebhookEvent::parse(n)).collect()
}

/// The subscription as the API shows it; the secret in full only when `reveal`.
pub fn to_dto(model: subscription::Model, reveal: bool) -> Webhook {
    Webhook {
        id: WebhookId(model.id),
        url: model.url.clone(),
        events: events_of(&model),
        active: model.active,
        description: model.description.clone(),
        secret: if reveal {
            model.secret.clone()
        } else {
            signing::mask(&model.secret)
        },
        failing_since: model.failing_since,
        disabled_reason: model.disabled_reason,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

fn audit_view(model: &subscription::Model) -> serde_json::Value {
    json!({
        "url": model.url, "events": events_of(model), "active": model.active, "description": model.description,
    })
}

/// One subscription of the caller's tenant, or 404.
pub async fn find(db: &impl ConnectionTrait, tenant: TenantId, id: WebhookId) -> ApiResult<subscription::Model> {
    Subscriptions::find_by_id(id.0)
        .filter(subscription::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::NotFound("webhook"))
}

/// Every subscription of the tenant, oldest first.
pub async fn list(db: &impl ConnectionTrait, by: &Principal) -> ApiResult<Vec<Webhook>> {
    by.require(Permission::WebhooksManage)?;
    Ok(Subscriptions::find()
        .filter(subscription::Column::TenantId.eq(by.tenant()?.0))
        .order_by_asc(subscription::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| to_dto(m, false))
        .collect())
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: WebhookId) -> ApiResult<Webhook> {
    by.require(Permission::WebhooksManage)?;
    Ok(to_dto(find(db, by.tenant()?, id).await?, false))
}

/// The URL checked for shape, then (unless private targets are allowed) for a public address.
async fn check_url(config: &Config, raw: &str, checks: &mut Checks) -> Option<String> {
    let url = checks.take(target::parse_url("url", raw))?;
    if !config.allow_private_webhook_targets {
        checks.take(target::check_public("url", &url).await)?;
    }
    Some(url.to_string())
}

fn check_events(events: &[WebhookEvent], checks: &mut Checks) -> Vec<WebhookEvent> {
    if events.is_empty() {
        checks.push(FieldError::new(
            "events",
            "required",
            format!(
                "choose at least one event: {}",
                WebhookEvent::ALL
                    .iter()
                    .map(|e| e.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let mut events = events.to_vec();
    events.sort();
    events.dedup();
    events
}

fn events_column(events: &[WebhookEvent]) -> ApiResult<String> {
    let names: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
    serde_json::to_string(&names).map_err(|e| ApiError::Internal(e.into()))
}

/// Adds a subscription with a fresh secret, which the answer shows in full (the only time
/// besides a rotation).
pub async fn create(
    db: &impl ConnectionTrait,
    config: &Config,
    by: &Principal,
    req: CreateWebhook,
) -> ApiResult<Webhook> {
    by.require(Permission::WebhooksManage)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let url = check_url(config, &req.url, &mut checks).await;
    let events = check_events(&req.events, &mut checks);
    let description = optional_text(&mut checks, "description", req.description.as_deref(), 500);
    let existing = Subscriptions::find()
        .filter(subscription::Column::TenantId.eq(tenant.0))
        .all(db)
        .await?
        .len();
    if existing >= MAX_SUBSCRIPTIONS {
        checks.push(FieldError::new(
            "url",
            "too_many",
            format!("a company may have at most {MAX_SUBSCRIPTIONS} webhooks"),
        ));
    }
    checks.finish()?;
    let now = clock::now();
    let model = subscription::Model {
        id: WebhookId::new().0,
        tenant_id: tenant.0,
        url: url.unwrap_or_default(),
        events: events_column(&events)?,
        active: req.active.unwrap_or(true),
        description,
        secret: signing::new_secret(),
        failing_since: None,
        disabled_reason: None,
        created_at: now,
        updated_at: now,
    };
    subscription::ActiveModel::from(model.clone()).insert(db).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("webhook.created", "webhook", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    Ok(to_dto(model, true))
}

/// Changes a subscription; activating it again clears its failure flags.
pub async fn update(
    db: &impl ConnectionTrait,
    config: &Config,
    by: &Principal,
    id: WebhookId,
    req: UpdateWebhook,
) -> ApiResult<Webhook> {
    by.require(Permission::WebhooksManage)?;
    let current = find(db, by.tenant()?, id).await?;
    let mut active: subscription::ActiveModel = current.clone().into();
    let mut checks = Checks::new();
    if let Some(raw) = &req.url
        && let Some(url) = check_url(config, raw, &mut checks).await
    {
        active.url = Set(url);
    }
    if let Some(events) = &req.events {
        let events = check_events(events, &mut checks);
        active.events = Set(events_column(&events)?);
    }
    if let Some(description) = &req.description {
        active.description = Set(optional_text(&mut checks, "description", description.as_deref(), 500));
    }
    checks.finish()?;
    if let Some(on) = req.active {
        active.active = Set(on);
        if on {
            active.failing_since = Set(None);
            active.disabled_reason = Set(None);
        }
    }
    active.updated_at = Set(clock::now());
    let updated = active.update(db).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("webhook.updated", "webhook", Some(current.id.to_string()))
            .before(audit_view(&current))
            .after(audit_view(&updated)),
    )
    .await?;
    Ok(to_dto(updated, false))
}

/// Replaces the signing secret; the answer shows the new one in full.
pub async fn rotate_secret(db: &impl ConnectionTrait, by: &Principal, id: WebhookId) -> ApiResult<Webhook> {
    by.require(Permission::WebhooksManage)?;
    let current = find(db, by.tenant()?, id).await?;
    let mut active: subscription::ActiveModel = current.clone().into();
    active.secret = Set(signing::new_secret());
    active.updated_at = Set(clock::now());
    let updated = active.update(db).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("webhook.secret_rotated", "webhook", Some(current.id.to_string())),
    )
    .await?;
    Ok(to_dto(updated, true))
}

/// Deletes a subscription with its delivery log; queued attempts then send nothing.
pub async fn delete(db: &impl ConnectionTrait, by: &Principal, id: WebhookId) -> ApiResult<()> {
    by.require(Permission::WebhooksManage)?;
    let current = find(db, by.tenant()?, id).await?;
    super::entity::delivery::Entity::delete_many()
        .filter(super::entity::delivery::Column::SubscriptionId.eq(current.id))
        .exec(db)
        .await?;
    Subscriptions::delete_by_id(current.id).exec(db).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("webhook.deleted", "webhook", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    Ok(())
}
