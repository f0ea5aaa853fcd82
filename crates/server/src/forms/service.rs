//! Managing a company's web forms (needs `forms.manage`): list, read, create, change,
//! delete, and a fresh public key when the old one leaked.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::forms::{CreateForm, Form, OwnerRule, UpdateForm};
use voronka_types::pipelines::PipelineKind;
use voronka_types::{FormId, Permission, TenantId};

use super::definition::{self, DEFAULT_HONEYPOT, DEFAULT_SUCCESS_MESSAGE};
use super::entity::{self, Entity as Forms};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::auth::tokens::random_secret;
use crate::clock;
use crate::contacts::fields;
use crate::custom_fields::values;
use crate::error::{ApiError, ApiResult};
use crate::pipelines::placement;
use crate::startup::AppState;
use crate::validation::{self, Checks};

/// Characters of a public key (alphanumeric: about 190 bits).
const PUBLIC_KEY_CHARS: usize = 32;

fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.into()))
}

fn new_public_key() -> String {
    random_secret("", PUBLIC_KEY_CHARS)
}

/// What the audit log shows of a form.
pub fn audit_view(m: &entity::Model) -> serde_json::Value {
    json!({
        "name": m.name, "fields": m.field_list(), "pipeline_id": m.pipeline_id, "stage_id": m.stage_id,
        "owner_rule": m.owner(), "tags": m.tag_list(), "source": m.source, "allowed_origins": m.origins(),
        "honeypot_field": m.honeypot_field, "active": m.active, "success_message": m.success_message,
        "redirect_url": m.redirect_url,
        // Only a prefix: the audit log is no place for a usable key.
        "public_key": m.public_key.chars().take(6).collect::<String>(),
    })
}

/// A form of the tenant, or 404.
pub async fn find_in_tenant(db: &impl ConnectionTrait, tenant: TenantId, id: FormId) -> ApiResult<entity::Model> {
    Forms::find_by_id(id.0)
        .filter(entity::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("form"))
}

/// The company's forms, oldest first.
pub async fn list(state: &AppState, by: &Principal) -> ApiResult<Vec<Form>> {
    by.require(Permission::FormsManage)?;
    Ok(Forms::find()
        .filter(entity::Column::TenantId.eq(by.tenant()?.0))
        .order_by_asc(entity::Column::Id)
        .all(&state.db)
        .await?
        .iter()
        .map(|m| m.to_dto(&state.config.public_url))
        .collect())
}

pub async fn get(state: &AppState, by: &Principal, id: FormId) -> ApiResult<Form> {
    by.require(Permission::FormsManage)?;
    Ok(find_in_tenant(&state.db, by.tenant()?, id)
        .await?
        .to_dto(&state.config.public_url))
}

fn success_message(checks: &mut Checks, raw: Option<&str>) -> Option<String> {
    raw.and_then(|m| checks.take(validation::text("success_message", m, 500)))
}

fn redirect_url(checks: &mut Checks, raw: Option<&str>) -> Option<String> {
    raw.filter(|u| !u.trim().is_empty())
        .and_then(|u| checks.take(definition::redirect_url("redirect_url", u)))
}

pub async fn create(state: &AppState, by: &Principal, req: CreateForm) -> ApiResult<Form> {
    by.require(Permission::FormsManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, 200));
    let lead_fields = values::columns(&txn, tenant, CustomFieldEntity::Lead).await?;
    let form_fields = definition::fields(&mut checks, &req.fields, &lead_fields);
    let place = placement::resolve_placement(
        &txn,
        tenant,
        PipelineKind::Lead,
        req.pipeline_id,
        req.stage_id,
        &mut checks,
    )
    .await?;
    let owner_rule = req.owner_rule.unwrap_or(OwnerRule::None);
    definition::owner_rule(&txn, tenant, &owner_rule, &mut checks).await?;
    let tags = fields::tags(&mut checks, &req.tags);
    let origins = definition::origins(&mut checks, &req.allowed_origins);
    let honeypot = definition::honeypot(
        &mut checks,
        req.honeypot_field.as_deref().unwrap_or(DEFAULT_HONEYPOT),
        &form_fields,
    );
    let success = match req.success_message.as_deref() {
        Some(raw) => success_message(&mut checks, Some(raw)),
        None => Some(DEFAULT_SUCCESS_MESSAGE.to_owned()),
    };
    let redirect = redirect_url(&mut checks, req.redirect_url.as_deref());
    checks.finish()?;
    let (Some(name), Some((pipeline, stage)), Some(honeypot), Some(success)) = (name, place, honeypot, success) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked form parts missing")));
    };
    let now = clock::now();
    let model = entity::Model {
        id: FormId::new().0,
        tenant_id: tenant.0,
        name,
        fields: to_json(&form_fields)?,
        pipeline_id: pipeline.id,
        stage_id: stage.id,
        owner_rule: to_json(&owner_rule)?,
        rotation: 0,
        tags: to_json(&tags)?,
        source: req
            .source
            .unwrap_or(voronka_types::contacts::Source::Website)
            .as_str()
            .into(),
        allowed_origins: to_json(&origins)?,
        honeypot_field: honeypot,
        active: req.active.unwrap_or(true),
        success_message: success,
        redirect_url: redirect,
        public_key: new_public_key(),
        created_by: by.user_id().map(|u| u.0),
        created_at: now,
        updated_at: now,
    };
    entity::ActiveModel::from(model.clone()).insert(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("form.created", "form", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    txn.commit().await?;
    Ok(model.to_dto(&state.config.public_url))
}

pub async fn update(state: &AppState, by: &Principal, id: FormId, req: UpdateForm) -> ApiResult<Form> {
    by.require(Permission::FormsManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find_in_tenant(&txn, tenant, id).await?;
    let mut active: entity::ActiveModel = current.clone().into();
    let mut checks = Checks::new();
    if let Some(name) = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 200)))
    {
        active.name = Set(name);
    }
    let form_fields = match &req.fields {
        Some(raw) => {
            let lead_fields = values::columns(&txn, tenant, CustomFieldEntity::Lead).await?;
            let clean = definition::fields(&mut checks, raw, &lead_fields);
            active.fields = Set(to_json(&clean)?);
            clean
        }
        None => current.field_list(),
    };
    if req.pipeline_id.is_some() || req.stage_id.is_some() {
        // A new stage alone stays in its own pipeline; a new pipeline alone starts at its first stage.
        if let Some((pipeline, stage)) = placement::resolve_placement(
            &txn,
            tenant,
            PipelineKind::Lead,
            req.pipeline_id,
            req.stage_id,
            &mut checks,
        )
        .await?
        {
            active.pipeline_id = Set(pipeline.id);
            active.stage_id = Set(stage.id);
        }
    }
    if let Some(rule) = &req.owner_rule {
        definition::owner_rule(&txn, tenant, rule, &mut checks).await?;
        active.owner_rule = Set(to_json(rule)?);
    }
    if let Some(tags) = &req.tags {
        active.tags = Set(to_json(&fields::tags(&mut checks, tags))?);
    }
    if let Some(source) = req.source {
        active.source = Set(source.as_str().into());
    }
    if let Some(origins) = &req.allowed_origins {
        active.allowed_origins = Set(to_json(&definition::origins(&mut checks, origins))?);
    }
    if req.honeypot_field.is_some() || req.fields.is_some() {
        let raw = req.honeypot_field.clone().unwrap_or(current.honeypot_field.clone());
        if let Some(honeypot) = definition::honeypot(&mut checks, &raw, &form_fields) {
            active.honeypot_field = Set(honeypot);
        }
    }
    if let Some(flag) = req.active {
        active.active = Set(flag);
    }
    if let Some(message) = success_message(&mut checks, req.success_message.as_deref()) {
        active.success_message = Set(message);
    }
    if let Some(url) = &req.redirect_url {
        active.redirect_url = Set(redirect_url(&mut checks, url.as_deref()));
    }
    checks.finish()?;
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("form.updated", "form", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated.to_dto(&state.config.public_url))
}

/// Deletes a form: its address stops answering (404); the leads it brought stay.
pub async fn delete(state: &AppState, by: &Principal, id: FormId) -> ApiResult<()> {
    by.require(Permission::FormsManage)?;
    let txn = state.db.begin().await?;
    let current = find_in_tenant(&txn, by.tenant()?, id).await?;
    Forms::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("form.deleted", "form", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives the form a new public key; the old address answers 404 from now on.
pub async fn regenerate_key(state: &AppState, by: &Principal, id: FormId) -> ApiResult<Form> {
    by.require(Permission::FormsManage)?;
    let txn = state.db.begin().await?;
    let current = find_in_tenant(&txn, by.tenant()?, id).await?;
    let mut active: entity::ActiveModel = current.clone().into();
    active.public_key = Set(new_public_key());
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("form.key_regenerated", "form", Some(current.id.to_string()))
            .before(audit_view(&current))
            .after(audit_view(&updated)),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.to_dto(&state.config.public_url))
}
