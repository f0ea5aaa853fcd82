//! Leads: create (matching the contact by phone or e-mail), read, change (stage moves keep
//! their history), delete — within the caller's row scope.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::leads::{CreateLead, Handler, Lead};
use voronka_types::pipelines::{PipelineKind, StageChange};
use voronka_types::timeline::Direction;
use voronka_types::{FieldError, LeadId, Permission, TenantId, UserId};

use super::entity::{self, Entity as Leads};
use super::{card, intake, scoring};
use crate::ai;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::{self, fields};
use crate::custom_fields::{Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::messages;
use crate::money::{self, Currency};
use crate::pipelines::{placement, records};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::Checks;

pub fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    RowScope::of(by, Permission::LeadsReadAll, Permission::LeadsReadOwn)
}

/// A lead the caller may see, or 404.
pub async fn find_visible(db: &impl ConnectionTrait, by: &Principal, id: LeadId) -> ApiResult<entity::Model> {
    let mut query = Leads::find_by_id(id.0).filter(entity::Column::TenantId.eq(by.tenant()?.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(entity::Column::OwnerId.eq(owner.0));
    }
    query.one(db).await?.ok_or(ApiError::NotFound("lead"))
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: LeadId) -> ApiResult<Lead> {
    card::one(db, find_visible(db, by, id).await?).await
}

pub async fn stage_history(db: &impl ConnectionTrait, by: &Principal, id: LeadId) -> ApiResult<Vec<StageChange>> {
    let lead = find_visible(db, by, id).await?;
    records::history(db, "lead", lead.id).await
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.into()))
}

/// What the audit log shows of a lead.
pub fn audit_view(m: &entity::Model) -> serde_json::Value {
    let mut view = json!({
        "name": m.name, "contact_id": m.contact_id, "pipeline_id": m.pipeline_id, "stage_id": m.stage_id,
        "owner_id": m.owner_id, "source": m.source, "score": m.score, "temperature": m.temperature,
        "handled_by": m.handled_by, "amount_minor": m.amount_minor, "currency": m.currency, "city": m.city,
        "tags": serde_json::from_str::<serde_json::Value>(&m.tags).unwrap_or_default(),
        "close_reason": m.close_reason,
    });
    values::add_to_audit_view(&mut view, &values::from_column(&m.custom_fields));
    view
}

pub(super) fn check_score(checks: &mut Checks, score: Option<u8>) -> Option<i16> {
    match score {
        Some(s) if s > 100 => {
            checks.push(FieldError::new("score", "out_of_range", "the score is 0–100"));
            None
        }
        other => other.map(i16::from),
    }
}

/// Who owns a new record: the one asked for (only those who see all records may give it to
/// someone else), else the creator.
pub async fn new_owner(
    db: &impl ConnectionTrait,
    by: &Principal,
    scope: RowScope,
    requested: Option<UserId>,
    checks: &mut Checks,
) -> ApiResult<Option<UserId>> {
    let owner = match (scope, requested) {
        (RowScope::Own(me), Some(other)) if other != me => {
            checks.push(FieldError::new(
                "owner_id",
                "not_allowed",
                "you can only create records you own",
            ));
            None
        }
        (_, Some(owner)) => Some(owner),
        (_, None) => by.user_id(),
    };
    if let Some(owner) = owner {
        check_owner(db, by.tenant()?, owner, checks).await?;
    }
    Ok(owner)
}

/// An amount and currency from a request, checked (the company currency by default).
pub async fn amount_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    amount: Option<&str>,
    currency: Option<&str>,
    checks: &mut Checks,
) -> ApiResult<Option<(i64, Currency)>> {
    let code = match currency {
        Some(code) => code.to_owned(),
        None => crate::tenants::service::currency(db, tenant).await?,
    };
    let Some(currency) = money::check_currency(checks, "currency", &code) else {
        return Ok(None);
    };
    Ok(amount.and_then(|a| money::check_amount(checks, "amount", a, &currency).map(|m| (m, currency))))
}

pub async fn create(state: &AppState, by: &Principal, req: CreateLead) -> ApiResult<Lead> {
    let txn = state.db.begin().await?;
    let lead = create_in(&txn, state, by, req).await?;
    txn.commit().await?;
    Ok(lead)
}

/// [`create`] inside the caller's transaction `txn` (an import runs each row this way).
pub async fn create_in(
    txn: &impl ConnectionTrait,
    state: &AppState,
    by: &Principal,
    req: CreateLead,
) -> ApiResult<Lead> {
    by.require(Permission::LeadsWrite)?;
    let tenant = by.tenant()?;
    let scope = read_scope(by)?;
    let mut checks = Checks::new();
    let name = fields::optional_text(&mut checks, "name", req.name.as_deref(), 200);
    let score = check_score(&mut checks, req.score);
    let city = fields::optional_text(&mut checks, "city", req.city.as_deref(), 100);
    let tags = fields::tags(&mut checks, &req.tags);
    let message = fields::optional_text(&mut checks, "message", req.message.as_deref(), 5000);
    let amount = amount_of(txn, tenant, req.amount.as_deref(), req.currency.as_deref(), &mut checks).await?;
    let owner = new_owner(txn, by, scope, req.owner_id, &mut checks).await?;
    let place = placement::resolve_placement(
        txn,
        tenant,
        PipelineKind::Lead,
        req.pipeline_id,
        req.stage_id,
        &mut checks,
    )
    .await?;
    let contact = intake::contact_for(txn, by, &req, owner, &mut checks).await?;
    let custom_fields = values::check(
        txn,
        tenant,
        CustomFieldEntity::Lead,
        &req.custom_fields,
        Mode::Create,
        &mut checks,
    )
    .await?;
    checks.finish()?;
    // What the message itself tells fills the fields nobody gave.
    let (city, custom_fields) = match message.as_deref() {
        Some(text) => {
            let found = super::enrich::from_message(txn, tenant, text, city.is_some(), &custom_fields).await?;
            let mut merged = custom_fields;
            merged.extend(found.custom_fields);
            (city.or(found.city), merged)
        }
        None => (city, custom_fields),
    };
    let (Some((pipeline, stage)), Some((contact, repeat))) = (place, contact) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked lead parts missing")));
    };
    if !repeat && req.contact_id.is_none() {
        contacts::service::insert(txn, by, contact.clone()).await?;
    }
    let now = clock::now();
    let name = name.unwrap_or_else(|| contact.name.clone());
    let model = entity::Model {
        id: LeadId::new().0,
        tenant_id: tenant.0,
        contact_id: contact.id,
        sort_name: crate::search::fold(&name),
        name,
        source: req.source.unwrap_or(intake::default_source(by)).as_str().into(),
        pipeline_id: pipeline.id,
        stage_id: stage.id,
        status: stage.kind.clone(),
        rank: records::top_rank::<Leads>(txn, stage.id).await?,
        owner_id: owner.map(|o| o.0),
        score: score.unwrap_or(0),
        temperature: req.temperature.map(|t| t.as_str().into()),
        score_explained: match (score, req.temperature) {
            (None, None) => None,
            _ => Some(scoring::manual(now)?),
        },
        handled_by: req.handled_by.unwrap_or(Handler::Human).as_str().into(),
        last_inbound_at: message.as_ref().map(|_| now),
        intent: message
            .as_deref()
            .map(|m| ai::classify::intent_of(m).as_str().to_owned()),
        last_inbound_message: message,
        last_outbound_at: None,
        amount_minor: amount.as_ref().map(|(minor, _)| *minor),
        currency: amount.map(|(_, c)| c.code),
        city,
        tags: to_json(&tags)?,
        repeat,
        close_reason: None,
        deal_id: None,
        custom_fields: values::to_column(&custom_fields)?,
        stage_changed_at: now,
        created_at: now,
        updated_at: now,
    };
    entity::ActiveModel::from(model.clone()).insert(txn).await?;
    records::replace_tags(txn, tenant, "lead", model.id, &tags).await?;
    values::store(txn, tenant, CustomFieldEntity::Lead, model.id, &custom_fields).await?;
    records::record_change(
        txn,
        tenant,
        "lead",
        model.id,
        pipeline.id,
        None,
        stage.id,
        by.user_id(),
        now,
    )
    .await?;
    audit::record(
        txn,
        by,
        AuditEvent::new("lead.created", "lead", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    if let Some(text) = &model.last_inbound_message {
        let channel = intake::channel_of(req.source.unwrap_or(intake::default_source(by)));
        messages::service::insert(txn, &model, Direction::Inbound, channel, text.clone(), None, now).await?;
        // Imported rows are history, not a conversation: the LLM does not read them again.
        if model.source != voronka_types::contacts::Source::Import.as_str() {
            super::reread::queue(state, txn, &model, text).await?;
        }
    }
    if repeat {
        intake::notify_repeat(txn, state, &contact, &model, by).await?;
    }
    let model = scoring::rescore_one(txn, model, now).await?;
    let lead = card::one(txn, model).await?;
    super::events::created(txn, tenant, &lead).await?;
    Ok(lead)
}

/// Deletes the given leads with their tags and history (inside the caller's transaction).
pub async fn remove(db: &impl ConnectionTrait, ids: &[uuid::Uuid]) -> ApiResult<u64> {
    use crate::pipelines::entity::stage_change;
    records::remove_tags(db, ids).await?;
    values::remove_many(db, CustomFieldEntity::Lead, ids).await?;
    crate::tasks::unlink(db, crate::tasks::Link::Lead, ids).await?;
    crate::notes::service::remove_for(db, crate::notes::entity::Column::LeadId, ids).await?;
    for chunk in ids.chunks(500) {
        messages::entity::Entity::delete_many()
            .filter(messages::entity::Column::LeadId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    let mut removed = 0;
    for chunk in ids.chunks(500) {
        stage_change::Entity::delete_many()
            .filter(stage_change::Column::Entity.eq("lead"))
            .filter(stage_change::Column::RecordId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        removed += Leads::delete_many()
            .filter(entity::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(removed)
}

pub async fn delete(state: &AppState, by: &Principal, id: LeadId) -> ApiResult<()> {
    by.require(Permission::LeadsDelete)?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    remove(&txn, &[current.id]).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("lead.deleted", "lead", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
