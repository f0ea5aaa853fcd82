//! Custom field definitions: listed by anyone in the company, changed with `settings.manage`.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, SqlErr, TransactionTrait,
};
use serde_json::json;
use voronka_types::custom_fields::{
    self as types, CreateCustomField, CustomField, CustomFieldEntity, CustomFieldKind, UpdateCustomField,
};
use voronka_types::{CustomFieldId, FieldError, Permission, TenantId};

use super::entity::definition::{self, Entity as Definitions};
use super::values;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::validation::{self, Checks};

/// The most fields one entity may have.
pub const MAX_FIELDS_PER_ENTITY: u64 = 100;
/// The most options a select field may have.
pub const MAX_OPTIONS: usize = 100;
pub const MAX_LABEL_CHARS: usize = 100;
pub const MAX_OPTION_CHARS: usize = 100;
/// Positions run from 0 to this.
pub const MAX_POSITION: i32 = 10_000;

/// The company's fields, by entity then position.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    entity: Option<CustomFieldEntity>,
) -> ApiResult<Vec<CustomField>> {
    let mut query = Definitions::find().filter(definition::Column::TenantId.eq(by.tenant()?.0));
    if let Some(entity) = entity {
        query = query.filter(definition::Column::Entity.eq(entity.as_str()));
    }
    let mut fields: Vec<CustomField> = query
        .order_by_asc(definition::Column::Position)
        .order_by_asc(definition::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    fields.sort_by_key(|f| f.entity);
    Ok(fields)
}

async fn find_in_tenant(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: CustomFieldId,
) -> ApiResult<definition::Model> {
    Definitions::find_by_id(id.0)
        .filter(definition::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("custom field"))
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: CustomFieldId) -> ApiResult<CustomField> {
    Ok(find_in_tenant(db, by.tenant()?, id).await?.into())
}

/// Trimmed, distinct (in any case) options of 1–100 characters; none for kinds without options.
fn options(checks: &mut Checks, kind: CustomFieldKind, raw: &[String]) -> Vec<String> {
    if !kind.has_options() {
        if !raw.is_empty() {
            checks.push(FieldError::new(
                "options",
                "not_allowed",
                format!("{} fields have no options", kind.as_str()),
            ));
        }
        return Vec::new();
    }
    if raw.is_empty() {
        checks.push(FieldError::new("options", "required", "give at least one option"));
    }
    if raw.len() > MAX_OPTIONS {
        checks.push(FieldError::new(
            "options",
            "too_many",
            format!("at most {MAX_OPTIONS} options"),
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, option) in raw.iter().enumerate() {
        let field = format!("options[{i}]");
        let Some(option) = checks.take(validation::text(&field, option, MAX_OPTION_CHARS)) else {
            continue;
        };
        if out.iter().any(|o| o.to_lowercase() == option.to_lowercase()) {
            checks.push(FieldError::new(
                field,
                "duplicate",
                "this option is already in the list",
            ));
        } else {
            out.push(option);
        }
    }
    out
}

fn position(checks: &mut Checks, raw: i32) -> i32 {
    if !(0..=MAX_POSITION).contains(&raw) {
        checks.push(FieldError::new(
            "position",
            "out_of_range",
            format!("position runs from 0 to {MAX_POSITION}"),
        ));
    }
    raw.clamp(0, MAX_POSITION)
}

/// The key given, or one made from the label.
fn key(checks: &mut Checks, given: Option<&str>, label: Option<&str>) -> String {
    match given.map(str::trim) {
        Some(key) if types::is_valid_key(key) => key.to_owned(),
        Some(_) => {
            checks.push(FieldError::new(
                "key",
                "invalid_key",
                "use 1–50 lower-case Latin letters, digits and `_`, like `budget_2026`",
            ));
            String::new()
        }
        None => {
            let derived = label.map(types::key_from_label).unwrap_or_default();
            if derived.is_empty() && label.is_some() {
                checks.push(FieldError::new(
                    "key",
                    "required",
                    "no key can be made from this label: send one",
                ));
            }
            derived
        }
    }
}

fn key_taken() -> ApiError {
    ApiError::conflict(
        "key_taken",
        Some("key"),
        "another field of this entity already has this key",
    )
}

fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.into()))
}

fn audit_view(f: &CustomField) -> serde_json::Value {
    json!({
        "entity": f.entity, "key": f.key, "label": f.label, "kind": f.kind,
        "options": f.options, "required": f.required, "position": f.position,
    })
}

pub async fn create(state: &AppState, by: &Principal, req: CreateCustomField) -> ApiResult<CustomField> {
    by.require(Permission::SettingsManage)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let label = checks.take(validation::text("label", &req.label, MAX_LABEL_CHARS));
    let key = key(&mut checks, req.key.as_deref(), label.as_deref());
    let options = options(&mut checks, req.kind, &req.options);
    let requested_position = req.position.map(|p| position(&mut checks, p));
    let txn = state.db.begin().await?;
    let siblings = Definitions::find()
        .filter(definition::Column::TenantId.eq(tenant.0))
        .filter(definition::Column::Entity.eq(req.entity.as_str()));
    if siblings.clone().count(&txn).await? >= MAX_FIELDS_PER_ENTITY {
        checks.push(FieldError::new(
            "entity",
            "too_many",
            format!("at most {MAX_FIELDS_PER_ENTITY} custom fields per entity"),
        ));
    }
    checks.finish()?;
    if siblings
        .clone()
        .filter(definition::Column::Key.eq(&key))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(key_taken());
    }
    let last: Option<i32> = siblings
        .select_only()
        .column_as(definition::Column::Position.max(), "last")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let now = clock::now();
    let model = definition::Model {
        id: CustomFieldId::new().0,
        tenant_id: tenant.0,
        entity: req.entity.as_str().to_owned(),
        key,
        label: label.unwrap_or_default(),
        kind: req.kind.as_str().to_owned(),
        options: to_json(&options)?,
        required: req.required,
        position: requested_position.unwrap_or_else(|| last.map_or(0, |p| (p + 1).min(MAX_POSITION))),
        created_at: now,
        updated_at: now,
    };
    definition::ActiveModel::from(model.clone())
        .insert(&txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => key_taken(),
            _ => e.into(),
        })?;
    let field = CustomField::from(model);
    audit::record(
        &txn,
        by,
        AuditEvent::new("custom_field.created", "custom_field", Some(field.id.to_string())).after(audit_view(&field)),
    )
    .await?;
    txn.commit().await?;
    Ok(field)
}

/// Refuses a different value for a field that is fixed at creation.
fn unchanged<T: PartialEq>(checks: &mut Checks, field: &str, given: Option<T>, current: T) {
    if given.is_some_and(|g| g != current) {
        checks.push(FieldError::new(
            field,
            "cannot_change",
            format!("{field} is fixed when the field is created; delete it and create another"),
        ));
    }
}

pub async fn update(
    state: &AppState,
    by: &Principal,
    id: CustomFieldId,
    req: UpdateCustomField,
) -> ApiResult<CustomField> {
    by.require(Permission::SettingsManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current_model = find_in_tenant(&txn, tenant, id).await?;
    let current = CustomField::from(current_model.clone());
    let mut checks = Checks::new();
    unchanged(&mut checks, "entity", req.entity, current.entity);
    unchanged(&mut checks, "kind", req.kind, current.kind);
    unchanged(
        &mut checks,
        "key",
        req.key.as_deref().map(str::trim),
        current.key.as_str(),
    );
    let mut active: definition::ActiveModel = current_model.into();
    if let Some(label) = req
        .label
        .as_deref()
        .and_then(|l| checks.take(validation::text("label", l, MAX_LABEL_CHARS)))
    {
        active.label = Set(label);
    }
    let new_options = req
        .options
        .as_deref()
        .map(|raw| options(&mut checks, current.kind, raw));
    if let Some(required) = req.required {
        active.required = Set(required);
    }
    if let Some(p) = req.position {
        active.position = Set(position(&mut checks, p));
    }
    checks.finish()?;
    if let Some(new_options) = new_options {
        // Spelling counts: renaming an option in use is removing it.
        let removed: Vec<String> = current
            .options
            .iter()
            .filter(|o| !new_options.contains(o))
            .cloned()
            .collect();
        if values::options_in_use(&txn, current.id, &removed).await? {
            return Err(ApiError::conflict(
                "option_in_use",
                Some("options"),
                "records still use an option this change removes; change those records first",
            ));
        }
        active.options = Set(to_json(&new_options)?);
    }
    active.updated_at = Set(clock::now());
    let updated = CustomField::from(active.update(&txn).await?);
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("custom_field.updated", "custom_field", Some(updated.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated)
}

/// Deletes a field and, in the same transaction, its values on every record.
pub async fn delete(state: &AppState, by: &Principal, id: CustomFieldId) -> ApiResult<()> {
    by.require(Permission::SettingsManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let field = CustomField::from(find_in_tenant(&txn, tenant, id).await?);
    values::strip_field(&txn, tenant, &field).await?;
    Definitions::delete_by_id(field.id.0).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("custom_field.deleted", "custom_field", Some(field.id.to_string())).before(audit_view(&field)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
