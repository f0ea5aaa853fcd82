//! Notes and logged calls on a lead, deal or contact the caller can see and change.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use voronka_types::timeline::{CallDetails, CreateNote, Note, UpdateNote};
use voronka_types::{FieldError, NoteId, Permission};

use super::entity::{self, Entity as Notes, outcome_str};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::validation::Checks;
use crate::{clock, contacts, deals, leads};

pub const MAX_BODY: usize = 10_000;

/// The record a note is on.
enum Target {
    Lead(uuid::Uuid),
    Deal(uuid::Uuid),
    Contact(uuid::Uuid),
}

/// Checks the caller may write on the note's record and can see it; a hidden or missing record
/// is `None`.
async fn visible_target(
    db: &impl ConnectionTrait,
    by: &Principal,
    lead: Option<voronka_types::LeadId>,
    deal: Option<voronka_types::DealId>,
    contact: Option<voronka_types::ContactId>,
) -> ApiResult<Option<Target>> {
    let found = match (lead, deal, contact) {
        (Some(id), None, None) => {
            by.require(Permission::LeadsWrite)?;
            hidden_as_none(leads::service::find_visible(db, by, id).await)?.map(|l| Target::Lead(l.id))
        }
        (None, Some(id), None) => {
            by.require(Permission::DealsWrite)?;
            hidden_as_none(deals::service::find_visible(db, by, id).await)?.map(|d| Target::Deal(d.id))
        }
        (None, None, Some(id)) => {
            by.require(Permission::ContactsWrite)?;
            contacts::service::find_model(db, by, id)
                .await?
                .map(|c| Target::Contact(c.id))
        }
        _ => {
            return Err(ApiError::field(
                "lead_id",
                "one_target_required",
                "put the note on exactly one of lead_id, deal_id, contact_id",
            ));
        }
    };
    Ok(found)
}

fn hidden_as_none<T>(result: ApiResult<T>) -> ApiResult<Option<T>> {
    match result {
        Ok(found) => Ok(Some(found)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

fn check_body(checks: &mut Checks, body: &str, call: Option<&CallDetails>) -> String {
    let body = body.trim().to_owned();
    if body.is_empty() && call.is_none() {
        checks.push(FieldError::new("body", "required", "write something in the note"));
    } else if body.chars().count() > MAX_BODY {
        checks.push(FieldError::new(
            "body",
            "too_long",
            format!("at most {MAX_BODY} characters"),
        ));
    }
    body
}

fn audit_view(m: &entity::Model) -> serde_json::Value {
    json!({"kind": m.kind, "body": m.body, "lead_id": m.lead_id, "deal_id": m.deal_id, "contact_id": m.contact_id,
           "call_direction": m.call_direction, "call_duration_secs": m.call_duration_secs, "call_outcome": m.call_outcome})
}

fn set_call(active: &mut entity::ActiveModel, call: Option<&CallDetails>) {
    active.kind = Set(if call.is_some() { "call" } else { "note" }.to_owned());
    active.call_direction = Set(call.map(|c| c.direction.as_str().to_owned()));
    active.call_duration_secs = Set(call.map(|c| c.duration_secs.min(i32::MAX as u32) as i32));
    active.call_outcome = Set(call.map(|c| outcome_str(c.outcome).to_owned()));
}

pub async fn create(state: &AppState, by: &Principal, req: CreateNote) -> ApiResult<Note> {
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let target = visible_target(&txn, by, req.lead_id, req.deal_id, req.contact_id).await?;
    let mut checks = Checks::new();
    let field = match (req.lead_id, req.deal_id) {
        (Some(_), _) => "lead_id",
        (_, Some(_)) => "deal_id",
        _ => "contact_id",
    };
    if target.is_none() {
        checks.push(FieldError::new(field, "unknown_record", "no such record"));
    }
    let body = check_body(&mut checks, &req.body, req.call.as_ref());
    checks.finish()?;
    let now = clock::now();
    let mut active = entity::ActiveModel {
        id: Set(NoteId::new().0),
        tenant_id: Set(tenant.0),
        body: Set(body),
        lead_id: Set(None),
        deal_id: Set(None),
        contact_id: Set(None),
        author_id: Set(by.user_id().map(|u| u.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_call(&mut active, req.call.as_ref());
    match target {
        Some(Target::Lead(id)) => active.lead_id = Set(Some(id)),
        Some(Target::Deal(id)) => active.deal_id = Set(Some(id)),
        Some(Target::Contact(id)) => active.contact_id = Set(Some(id)),
        None => {}
    }
    let model = active.insert(&txn).await?;
    if let Some(Target::Lead(id)) = target {
        crate::leads::scoring::rescore(&txn, tenant.0, &[id], now).await?;
    }
    audit::record(
        &txn,
        by,
        AuditEvent::new("note.created", "note", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

/// A note of the tenant on a record the caller can see, or 404.
async fn find_visible(db: &impl ConnectionTrait, by: &Principal, id: NoteId) -> ApiResult<entity::Model> {
    let note = Notes::find_by_id(id.0)
        .filter(entity::Column::TenantId.eq(by.tenant()?.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("note"))?;
    let target = visible_target(
        db,
        by,
        note.lead_id.map(Into::into),
        note.deal_id.map(Into::into),
        note.contact_id.map(Into::into),
    )
    .await;
    match target {
        Ok(Some(_)) => Ok(note),
        Ok(None) | Err(ApiError::BadRequest { .. } | ApiError::Validation(_)) => Err(ApiError::NotFound("note")),
        Err(other) => Err(other),
    }
}

fn require_author(by: &Principal, note: &entity::Model) -> ApiResult<()> {
    if note.author_id.is_some() && note.author_id == by.user_id().map(|u| u.0) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "not_author",
            "only the author changes or deletes a note",
        ))
    }
}

pub async fn update(state: &AppState, by: &Principal, id: NoteId, req: UpdateNote) -> ApiResult<Note> {
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    require_author(by, &current)?;
    let mut active: entity::ActiveModel = current.clone().into();
    let current_call = voronka_types::timeline::Note::from(current.clone()).call;
    let call = req.call.clone().unwrap_or(current_call);
    let mut checks = Checks::new();
    let body = check_body(&mut checks, req.body.as_deref().unwrap_or(&current.body), call.as_ref());
    checks.finish()?;
    active.body = Set(body);
    set_call(&mut active, call.as_ref());
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("note.updated", "note", Some(current.id.to_string()))
            .before(audit_view(&current))
            .after(audit_view(&updated)),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

pub async fn delete(state: &AppState, by: &Principal, id: NoteId) -> ApiResult<()> {
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    require_author(by, &current)?;
    Notes::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("note.deleted", "note", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes the notes on records that are being deleted (inside the caller's transaction).
pub async fn remove_for(db: &impl ConnectionTrait, column: entity::Column, records: &[uuid::Uuid]) -> ApiResult<()> {
    for chunk in records.chunks(500) {
        Notes::delete_many()
            .filter(column.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}
