//! A visitor's submission becomes a lead: answers checked against the form's fields, the
//! owner chosen by the form's rule, and the lead created through the leads intake (with its
//! duplicate contact matching) in one transaction, audited with the form as the actor.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect, TransactionTrait};
use serde_json::Value;
use voronka_types::forms::{FormField, FormFieldKind, OwnerRule};
use voronka_types::leads::{CreateLead, LeadContactInput};
use voronka_types::pipelines::PipelineKind;
use voronka_types::{FieldError, FormId, LeadId, Permission, TenantId, UserId};

use super::definition::{self, Target};
use super::entity::{self, Entity as Forms};
use crate::auth::principal::{Actor, Principal};
use crate::contacts::{fields, lookup, phone};
use crate::error::{ApiError, ApiResult};
use crate::leads;
use crate::pipelines::placement;
use crate::startup::AppState;
use crate::validation::{self, Checks};

/// What a visitor typed, by input name (empty answers already dropped).
pub type Answers = BTreeMap<String, String>;

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created(LeadId),
    /// The honeypot was filled: answered like a success, nothing stored.
    Dropped,
}

/// The active form behind a public key, or 404 (also for an inactive form).
pub async fn find_active(db: &impl ConnectionTrait, public_key: &str) -> ApiResult<entity::Model> {
    Forms::find()
        .filter(entity::Column::PublicKey.eq(public_key))
        .filter(entity::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("form"))
}

/// Who acts when a form makes a lead: the form itself, allowed only to add leads.
pub fn principal(form: &entity::Model, request_id: Option<String>, ip: Option<String>) -> Principal {
    Principal {
        tenant_id: Some(TenantId(form.tenant_id)),
        actor: Actor::Form {
            id: FormId(form.id),
            name: form.name.clone(),
        },
        permissions: BTreeSet::from([Permission::LeadsWrite, Permission::LeadsReadAll]),
        request_id,
        ip,
    }
}

fn max_chars(kind: FormFieldKind) -> usize {
    match kind {
        FormFieldKind::Textarea => 5000,
        _ => 500,
    }
}

/// Checks the answers against the form's fields and fills a lead request with them.
async fn lead_request(db: &impl ConnectionTrait, form: &entity::Model, answers: &Answers) -> ApiResult<CreateLead> {
    let tenant = TenantId(form.tenant_id);
    let region = lookup::region(db, tenant).await?;
    let mut checks = Checks::new();
    let mut contact = LeadContactInput::default();
    let mut req = CreateLead {
        source: Some(form.source()),
        pipeline_id: Some(form.pipeline_id.into()),
        stage_id: Some(form.stage_id.into()),
        ..CreateLead::default()
    };
    if placement::find_stage(db, tenant, form.stage_id).await?.is_none() {
        // The stage was removed since: its pipeline's first stage, else the default pipeline.
        req.stage_id = None;
        let mut place = Checks::new();
        placement::resolve_placement(db, tenant, PipelineKind::Lead, req.pipeline_id, None, &mut place).await?;
        if !place.is_clean() {
            req.pipeline_id = None;
        }
    }
    let form_fields = form.field_list();
    for field in &form_fields {
        let Some(value) = answers.get(&field.key) else {
            if field.required {
                checks.push(FieldError::new(
                    field.key.clone(),
                    "required",
                    format!("{} is required", field.label),
                ));
            }
            continue;
        };
        let Some(value) = checks.take(validation::text(&field.key, value, max_chars(field.kind))) else {
            continue;
        };
        if field.kind == FormFieldKind::Select && !field.options.contains(&value) {
            checks.push(FieldError::new(
                field.key.clone(),
                "invalid_option",
                format!("choose one of: {}", field.options.join(", ")),
            ));
            continue;
        }
        match Target::of(&field.key) {
            Some(Target::Name) => contact.name = Some(value),
            Some(Target::Phone) => {
                if phone::to_e164(&value, region).is_none() {
                    checks.push(FieldError::new(
                        field.key.clone(),
                        "invalid_phone",
                        "not a valid phone number; include the country code, like +7 916 123-45-67",
                    ));
                }
                contact.phones = vec![value];
            }
            Some(Target::Email) => {
                if let Some(email) = checks.take(validation::email(&field.key, &value)) {
                    contact.emails = vec![email];
                }
            }
            Some(Target::City) => req.city = Some(value),
            Some(Target::Message) => req.message = Some(value),
            Some(Target::Custom(key)) => {
                req.custom_fields.insert(key, Value::String(value));
            }
            None => {}
        }
    }
    if contact.name.is_none() && contact.phones.is_empty() && contact.emails.is_empty() && checks.is_clean() {
        let first = form_fields
            .iter()
            .find(|f| matches!(Target::of(&f.key), Some(Target::Name | Target::Phone | Target::Email)));
        checks.push(FieldError::new(
            first.map_or("name".to_owned(), |f| f.key.clone()),
            "required",
            "leave a name, phone or e-mail so the team can answer",
        ));
    }
    checks.finish()?;
    let mut tags = form.tag_list();
    if tags.len() < fields::MAX_TAGS {
        // The form's name on the card tells where the request came from (and filters by tag).
        tags.push(form.name.chars().take(50).collect());
    }
    req.tags = tags;
    req.contact = Some(contact);
    Ok(req)
}

/// Names the lead intake's complaints after the form's field keys (`custom_fields.budget` →
/// `cf.budget`, `contact.phones[0]` → `phone`), so the visitor's page can point at the input.
fn rename_fields(err: ApiError, form_fields: &[FormField]) -> ApiError {
    let key_of = |target: Target, fallback: &str| {
        form_fields
            .iter()
            .find(|f| Target::of(&f.key) == Some(target.clone()))
            .map_or(fallback.to_owned(), |f| f.key.clone())
    };
    match err {
        ApiError::Validation(errors) => ApiError::Validation(
            errors
                .into_iter()
                .map(|mut e| {
                    e.field = match e.field.as_str() {
                        f if f.starts_with("custom_fields.") => format!("cf.{}", &f["custom_fields.".len()..]),
                        f if f.starts_with("contact.phones") => key_of(Target::Phone, f),
                        f if f.starts_with("contact.emails") => key_of(Target::Email, f),
                        "contact.name" => key_of(Target::Name, "name"),
                        "message" => key_of(Target::Message, "message"),
                        "city" => key_of(Target::City, "city"),
                        _ => e.field,
                    };
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

/// The owner of the next lead by the form's rule. The round-robin advances the form's
/// counter with one atomic `UPDATE` inside the caller's transaction, so concurrent
/// submissions queue on the row and each takes the next user; inactive users are skipped.
pub async fn next_owner(db: &impl ConnectionTrait, form: &entity::Model) -> ApiResult<Option<UserId>> {
    let tenant = TenantId(form.tenant_id);
    match form.owner() {
        OwnerRule::None => Ok(None),
        OwnerRule::User { user_id } => Ok(definition::active_users(db, tenant, &[user_id]).await?.first().copied()),
        OwnerRule::RoundRobin { user_ids } => {
            // The write comes first: concurrent submissions queue on the form's row (PostgreSQL
            // keeps the lock to commit) and each reads back its own count.
            Forms::update_many()
                .col_expr(entity::Column::Rotation, Expr::col(entity::Column::Rotation).add(1i64))
                .filter(entity::Column::Id.eq(form.id))
                .exec(db)
                .await?;
            let counter: Option<i64> = Forms::find_by_id(form.id)
                .select_only()
                .column(entity::Column::Rotation)
                .into_tuple()
                .one(db)
                .await?;
            let active = definition::active_users(db, tenant, &user_ids).await?;
            let turn: Vec<UserId> = user_ids.into_iter().filter(|u| active.contains(u)).collect();
            if turn.is_empty() {
                return Ok(None);
            }
            let handed_out = counter.unwrap_or(1).saturating_sub(1);
            let len = i64::try_from(turn.len()).unwrap_or(i64::MAX);
            let index = usize::try_from(handed_out.rem_euclid(len)).unwrap_or(0);
            Ok(turn.get(index).copied())
        }
    }
}

/// Turns a submission into a lead, or drops it when the honeypot is filled.
pub async fn submit(state: &AppState, form: &entity::Model, by: &Principal, answers: &Answers) -> ApiResult<Outcome> {
    if answers.contains_key(&form.honeypot_field) {
        tracing::info!(form_id = %form.id, "honeypot filled: submission dropped");
        return Ok(Outcome::Dropped);
    }
    let mut req = lead_request(&state.db, form, answers).await?;
    let txn = state.db.begin().await?;
    req.owner_id = next_owner(&txn, form).await?;
    let lead = leads::service::create_in(&txn, state, by, req)
        .await
        .map_err(|e| rename_fields(e, &form.field_list()))?;
    txn.commit().await?;
    Ok(Outcome::Created(lead.id))
}
