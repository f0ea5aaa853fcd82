//! Custom field values of records, for every context that has them (contacts, companies, and
//! leads and deals as they arrive).
//!
//! A record keeps its values twice: as a JSON object in its own `custom_fields` TEXT column
//! (what the API shows), and as typed rows in `custom_field_values` (what filters search).
//! A context wires them in like this, all inside the transaction that writes the record:
//!
//! ```text
//! create: let values = values::check(&txn, tenant, entity, &req.custom_fields, Mode::Create, &mut checks).await?;
//!         checks.finish()?;  model.custom_fields = values::to_column(&values)?;  insert;
//!         values::store(&txn, tenant, entity, record_id, &values).await?;
//! update: let changes = values::check(&txn, tenant, entity, &req_changes, Mode::Update, &mut checks).await?;
//!         let merged = values::merge(&values::from_column(&current.custom_fields), &changes);
//!         active.custom_fields = Set(values::to_column(&merged)?);  update;
//!         values::store(&txn, tenant, entity, record_id, &merged).await?;
//! delete: values::remove(&txn, entity, record_id).await?;
//! list:   filter::CustomFieldFilter::resolve(db, tenant, entity, &params).await?.apply(query, Column::Id)
//! ```
//!
//! The record table must be the one [`record_table`] names, with `id` (UUID), `tenant_id` and
//! `custom_fields` (TEXT, default `'{}'`) columns: deleting a definition strips its key there.

use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Map, Value};
use uuid::Uuid;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldValues};
use voronka_types::{CustomFieldId, FieldError, TenantId};

use super::entity::definition::{self, Entity as Definitions};
use super::entity::value::{self, Entity as Values};
use super::parse;
use crate::error::{ApiError, ApiResult};
use crate::validation::Checks;

/// Whether values are checked for a new record (required fields must be there) or as
/// changes to an existing one (`null` clears a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// The table whose rows carry custom fields of `entity`.
pub fn record_table(entity: CustomFieldEntity) -> &'static str {
    match entity {
        CustomFieldEntity::Contact => "contacts",
        CustomFieldEntity::Company => "companies",
        CustomFieldEntity::Lead => "leads",
        CustomFieldEntity::Deal => "deals",
    }
}

/// The company's fields for `entity`, in display order: the columns of an export.
pub async fn columns(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: CustomFieldEntity,
) -> ApiResult<Vec<CustomField>> {
    Ok(Definitions::find()
        .filter(definition::Column::TenantId.eq(tenant.0))
        .filter(definition::Column::Entity.eq(entity.as_str()))
        .order_by_asc(definition::Column::Position)
        .order_by_asc(definition::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Checks `input` (the request's `custom_fields` object) against the company's definitions
/// for `entity`, recording errors named `custom_fields.<key>` in `checks`: `unknown_field`,
/// `invalid_value`, `required` (a required field missing on create, or set to `null` on
/// update). Answers the clean values in canonical form (numbers as decimal strings); in
/// [`Mode::Update`] a key that clears is kept with `null`, ready for [`merge`].
pub async fn check(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: CustomFieldEntity,
    input: &Map<String, Value>,
    mode: Mode,
    checks: &mut Checks,
) -> ApiResult<CustomFieldValues> {
    if input.is_empty() && mode == Mode::Update {
        return Ok(Map::new());
    }
    let fields = columns(db, tenant, entity).await?;
    Ok(check_against(&fields, input, mode, checks))
}

/// [`check`] against definitions already at hand.
pub fn check_against(
    fields: &[CustomField],
    input: &Map<String, Value>,
    mode: Mode,
    checks: &mut Checks,
) -> CustomFieldValues {
    let mut clean = Map::new();
    for (key, raw) in input {
        let name = format!("custom_fields.{key}");
        let Some(field) = fields.iter().find(|f| &f.key == key) else {
            checks.push(FieldError::new(name, "unknown_field", "no custom field with this key"));
            continue;
        };
        match parse::value(field, raw) {
            Ok(Some(value)) => {
                clean.insert(key.clone(), value.to_json());
            }
            Ok(None) if mode == Mode::Update => {
                if field.required {
                    checks.push(FieldError::new(
                        name,
                        "required",
                        format!("{} is required", field.label),
                    ));
                }
                clean.insert(key.clone(), Value::Null);
            }
            Ok(None) => {}
            Err(message) => checks.push(FieldError::new(name, "invalid_value", message)),
        }
    }
    if mode == Mode::Create {
        for field in fields.iter().filter(|f| f.required && !clean.contains_key(&f.key)) {
            // A value that was there but invalid has been named already.
            if input.get(&field.key).is_none_or(|v| parse::value(field, v).is_ok()) {
                checks.push(FieldError::new(
                    format!("custom_fields.{}", field.key),
                    "required",
                    format!("{} is required", field.label),
                ));
            }
        }
    }
    clean
}

/// `current` with `changes` applied: a present key takes its new value, `null` removes it.
pub fn merge(current: &CustomFieldValues, changes: &CustomFieldValues) -> CustomFieldValues {
    let mut merged = current.clone();
    for (key, value) in changes {
        if value.is_null() {
            merged.remove(key);
        } else {
            merged.insert(key.clone(), value.clone());
        }
    }
    merged
}

/// Rewrites the typed rows of one record from its clean values (as [`check`]/[`merge`] gave).
pub async fn store(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: CustomFieldEntity,
    record_id: Uuid,
    values: &CustomFieldValues,
) -> ApiResult<()> {
    remove(db, entity, record_id).await?;
    if values.is_empty() {
        return Ok(());
    }
    let fields = columns(db, tenant, entity).await?;
    let mut rows = Vec::new();
    for (key, raw) in values {
        let Some(field) = fields.iter().find(|f| &f.key == key) else {
            continue;
        };
        let Ok(Some(parsed)) = parse::value(field, raw) else {
            continue;
        };
        for (seq, row) in parsed.rows().into_iter().enumerate() {
            rows.push(value::ActiveModel {
                entity: Set(entity.as_str().to_owned()),
                record_id: Set(record_id),
                field_id: Set(field.id.0),
                seq: Set(i32::try_from(seq).unwrap_or(i32::MAX)),
                tenant_id: Set(tenant.0),
                value_text: Set(row.text),
                value_number: Set(row.number),
                value_date: Set(row.date),
            });
        }
    }
    if !rows.is_empty() {
        Values::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Deletes the typed rows of one record (call it when the record is deleted).
pub async fn remove(db: &impl ConnectionTrait, entity: CustomFieldEntity, record_id: Uuid) -> ApiResult<()> {
    Values::delete_many()
        .filter(value::Column::Entity.eq(entity.as_str()))
        .filter(value::Column::RecordId.eq(record_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the typed rows of many records at once (bulk deletes).
pub async fn remove_many(db: &impl ConnectionTrait, entity: CustomFieldEntity, records: &[Uuid]) -> ApiResult<()> {
    for chunk in records.chunks(500) {
        Values::delete_many()
            .filter(value::Column::Entity.eq(entity.as_str()))
            .filter(value::Column::RecordId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// For an update: checks `changes` (if any) and merges them into the record's current values
/// (its `custom_fields` column); `Some` only when the values actually change.
pub async fn check_changes(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: CustomFieldEntity,
    current_column: &str,
    changes: Option<&Map<String, Value>>,
    checks: &mut Checks,
) -> ApiResult<Option<CustomFieldValues>> {
    let Some(changes) = changes else {
        return Ok(None);
    };
    let changes = check(db, tenant, entity, changes, Mode::Update, checks).await?;
    let current = from_column(current_column);
    Ok(Some(merge(&current, &changes)).filter(|merged| *merged != current))
}

/// The values kept in a record's `custom_fields` column (an empty object if unreadable).
pub fn from_column(raw: &str) -> CustomFieldValues {
    serde_json::from_str(raw).unwrap_or_default()
}

/// The text to keep in a record's `custom_fields` column.
pub fn to_column(values: &CustomFieldValues) -> ApiResult<String> {
    serde_json::to_string(values).map_err(|e| ApiError::Internal(e.into()))
}

/// One record's value of `field` as a display string (for CSV/XLSX): numbers as their
/// decimal, dates as `YYYY-MM-DD`, multi-select options joined with `, `, bools as
/// `true`/`false`, and an empty string when the record has no value.
pub fn display(field: &CustomField, values: &CustomFieldValues) -> String {
    values
        .get(&field.key)
        .and_then(|raw| parse::value(field, raw).ok().flatten())
        .map(|v| v.display())
        .unwrap_or_default()
}

/// Adds the values to an audit view as `custom_fields.<key>` entries, so the audit log shows
/// each changed field on its own.
pub fn add_to_audit_view(view: &mut Value, values: &CustomFieldValues) {
    if let Value::Object(map) = view {
        for (key, value) in values {
            map.insert(format!("custom_fields.{key}"), value.clone());
        }
    }
}

/// Whether any record still holds one of `options` (compared case-insensitively) in `field`.
pub(super) async fn options_in_use(
    db: &impl ConnectionTrait,
    field: CustomFieldId,
    options: &[String],
) -> ApiResult<bool> {
    if options.is_empty() {
        return Ok(false);
    }
    let lowered: Vec<String> = options.iter().map(|o| o.to_lowercase()).collect();
    let found = Values::find()
        .select_only()
        .column(value::Column::RecordId)
        .filter(value::Column::FieldId.eq(field.0))
        .filter(value::Column::ValueText.is_in(lowered))
        .limit(1)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Removes `field`'s key from the `custom_fields` column of every record that has a value
/// for it, then its typed rows. Runs one UPDATE with the engine's JSON functions (only when
/// some record has a value, so the record table of a context not built yet is never touched).
pub(super) async fn strip_field(db: &impl ConnectionTrait, tenant: TenantId, field: &CustomField) -> ApiResult<()> {
    let any_value = Values::find()
        .filter(value::Column::FieldId.eq(field.id.0))
        .one(db)
        .await?;
    if any_value.is_none() {
        return Ok(());
    }
    let without_key = match db.get_database_backend() {
        DbBackend::Sqlite => Expr::cust_with_values("json_remove(custom_fields, ?)", [format!("$.\"{}\"", field.key)]),
        DbBackend::Postgres => Expr::cust_with_values("(custom_fields::jsonb - $1)::text", [field.key.clone()]),
        other => {
            return Err(ApiError::Internal(anyhow::anyhow!(
                "custom fields are not supported on {other:?}"
            )));
        }
    };
    let holders = Query::select()
        .column(value::Column::RecordId)
        .from(Values)
        .and_where(Expr::col(value::Column::FieldId).eq(field.id.0))
        .to_owned();
    let update = Query::update()
        .table(Alias::new(record_table(field.entity)))
        .value(Alias::new("custom_fields"), without_key)
        .and_where(Expr::col(Alias::new("tenant_id")).eq(tenant.0))
        .and_where(Expr::col(Alias::new("id")).in_subquery(holders))
        .to_owned();
    db.execute(&update).await?;
    Values::delete_many()
        .filter(value::Column::FieldId.eq(field.id.0))
        .exec(db)
        .await?;
    Ok(())
}
