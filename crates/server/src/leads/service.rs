//! Leads: create (matching the contact by phone or e-mail), read, change (stage moves keep
//! their history), delete — within the caller's row scope.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use voronka_types::contacts::Source;
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::leads::{CreateLead, Handler, Lead, UpdateLead};
use voronka_types::pipelines::{PipelineKind, StageChange};
use voronka_types::timeline::{Channel, Direction};
use voronka_types::{ContactId, FieldError, LeadId, Permission, TenantId, UserId};

use super::card;
use super::entity::{self, Entity as Leads};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::entity::contact;
use crate::contacts::{self, fields};
use crate::custom_fields::{Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::money::{self, Currency};
use crate::pipelines::entity::stage;
use crate::pipelines::{placement, records};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};
use crate::{messages, notifications};

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

fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
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

fn check_score(checks: &mut Checks, score: Option<u8>) -> Option<i16> {
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

/// The contact a new lead belongs to: the one named, the existing one its phone or e-mail
/// matches (a repeat request), or a new one. Answers the contact and whether it was a match.
async fn contact_for(
    db: &impl ConnectionTrait,
    by: &Principal,
    req: &CreateLead,
    owner: Option<UserId>,
    checks: &mut Checks,
) -> ApiResult<Option<(contact::Model, bool)>> {
    let tenant = by.tenant()?;
    match (req.contact_id, &req.contact) {
        (Some(id), _) => match contacts::service::find_model(db, by, id).await? {
            Some(found) => Ok(Some((found, false))),
            None => {
                checks.push(FieldError::new("contact_id", "unknown_contact", "no such contact"));
                Ok(None)
            }
        },
        (None, Some(input)) => {
            let region = contacts::service::region(db, tenant).await?;
            let mut local = Checks::new();
            let phones = fields::phones(&mut local, &input.phones, region);
            let emails = fields::emails(&mut local, &input.emails);
            let name = fields::optional_text(&mut local, "name", input.name.as_deref(), 200);
            checks.absorb("contact", local);
            if phones.is_empty() && emails.is_empty() && name.is_none() {
                checks.push(FieldError::new(
                    "contact",
                    "required",
                    "give the contact a name, phone or e-mail",
                ));
                return Ok(None);
            }
            if let Some(existing) = contacts::service::find_by_identities(db, tenant, &phones, &emails).await? {
                return Ok(Some((existing, true)));
            }
            let display = name
                .or_else(|| phones.first().map(|p| p.raw.clone()))
                .or_else(|| emails.first().cloned())
                .unwrap_or_default();
            let now = clock::now();
            let model = contact::Model {
                id: ContactId::new().0,
                tenant_id: tenant.0,
                sort_name: crate::search::fold(&display),
                name: display,
                phones: to_json(&phones)?,
                emails: to_json(&emails)?,
                company_id: None,
                city: req.city.clone().filter(|c| !c.trim().is_empty()),
                source: req.source.unwrap_or(default_source(by)).as_str().into(),
                tags: "[]".into(),
                owner_id: owner.map(|o| o.0),
                custom_fields: "{}".into(),
                created_at: now,
                updated_at: now,
            };
            Ok(Some((model, false)))
        }
        (None, None) => {
            checks.push(FieldError::new(
                "contact",
                "required",
                "give `contact_id` or a `contact`",
            ));
            Ok(None)
        }
    }
}

/// The channel a first message came through, judging by the lead's source.
fn channel_of(source: Source) -> Channel {
    match source {
        Source::Whatsapp => Channel::Whatsapp,
        Source::Telegram => Channel::Telegram,
        Source::Instagram => Channel::Instagram,
        Source::Email => Channel::Email,
        Source::Website => Channel::Website,
        _ => Channel::Other,
    }
}

fn default_source(by: &Principal) -> Source {
    if by.user_id().is_some() {
        Source::Manual
    } else {
        Source::Api
    }
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
    let contact = contact_for(txn, by, &req, owner, &mut checks).await?;
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
        source: req.source.unwrap_or(default_source(by)).as_str().into(),
        pipeline_id: pipeline.id,
        stage_id: stage.id,
        status: stage.kind.clone(),
        rank: records::top_rank::<Leads>(txn, stage.id).await?,
        owner_id: owner.map(|o| o.0),
        score: score.unwrap_or(0),
        temperature: req.temperature.map(|t| t.as_str().into()),
        handled_by: req.handled_by.unwrap_or(Handler::Human).as_str().into(),
        last_inbound_at: message.as_ref().map(|_| now),
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
        let channel = channel_of(req.source.unwrap_or(default_source(by)));
        messages::service::insert(txn, &model, Direction::Inbound, channel, text.clone(), None, now).await?;
    }
    if repeat {
        notify_repeat(txn, state, &contact, &model, by).await?;
    }
    card::one(txn, model).await
}

/// Tells the contact's responsible manager that their customer asked again (unless they
/// entered the request themselves).
async fn notify_repeat(
    db: &impl ConnectionTrait,
    state: &AppState,
    contact: &contact::Model,
    lead: &entity::Model,
    by: &Principal,
) -> ApiResult<()> {
    let Some(manager) = contact.owner_id.map(UserId) else {
        return Ok(());
    };
    if by.user_id() == Some(manager) {
        return Ok(());
    }
    let body = lead.last_inbound_message.clone().unwrap_or_default();
    notifications::notify(
        db,
        Some(&state.mailer),
        notifications::NewNotification {
            tenant: TenantId(lead.tenant_id),
            user: manager,
            kind: "lead.repeat_request",
            title: format!("Repeat request from {}", contact.name),
            body,
            entity_type: "lead",
            entity_id: Some(lead.id),
        },
    )
    .await?;
    Ok(())
}

/// Applies a stage move (and board position) to a lead being changed.
pub async fn move_lead(
    db: &impl ConnectionTrait,
    by: &Principal,
    current: &entity::Model,
    active: &mut entity::ActiveModel,
    target: Option<&stage::Model>,
    after: Option<Option<LeadId>>,
) -> ApiResult<bool> {
    let tenant = by.tenant()?;
    let stage_id = target.map_or(current.stage_id, |s| s.id);
    let moved = stage_id != current.stage_id;
    if moved || after.is_some() {
        let after = after.flatten().map(|a| a.0);
        active.rank = Set(records::rank_after::<Leads>(db, stage_id, after, current.id).await?);
    }
    if let (true, Some(stage)) = (moved, target) {
        let now = clock::now();
        active.stage_id = Set(stage.id);
        active.pipeline_id = Set(stage.pipeline_id);
        active.status = Set(stage.kind.clone());
        active.stage_changed_at = Set(now);
        records::record_change(
            db,
            tenant,
            "lead",
            current.id,
            stage.pipeline_id,
            Some(current.stage_id),
            stage.id,
            by.user_id(),
            now,
        )
        .await?;
    }
    Ok(moved)
}

/// A stage of a lead pipeline of the tenant, or a named error.
pub async fn lead_stage(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: voronka_types::StageId,
    checks: &mut Checks,
) -> ApiResult<Option<stage::Model>> {
    let mut place = Checks::new();
    let found = placement::resolve_placement(db, tenant, PipelineKind::Lead, None, Some(id), &mut place).await?;
    if place.finish().is_err() {
        checks.push(FieldError::new(
            "stage_id",
            "unknown_stage",
            "no such stage in a lead pipeline",
        ));
    }
    Ok(found.map(|(_, stage)| stage))
}

pub async fn update(state: &AppState, by: &Principal, id: LeadId, req: UpdateLead) -> ApiResult<Lead> {
    by.require(Permission::LeadsWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    let mut checks = Checks::new();
    let mut active: entity::ActiveModel = current.clone().into();
    if let Some(name) = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 200)))
    {
        active.sort_name = Set(crate::search::fold(&name));
        active.name = Set(name);
    }
    if let Some(source) = req.source {
        active.source = Set(source.as_str().into());
    }
    if let Some(score) = check_score(&mut checks, req.score) {
        active.score = Set(score);
    }
    if let Some(temperature) = req.temperature {
        active.temperature = Set(temperature.map(|t| t.as_str().into()));
    }
    if let Some(handler) = req.handled_by {
        active.handled_by = Set(handler.as_str().into());
    }
    if let Some(city) = &req.city {
        active.city = Set(fields::optional_text(&mut checks, "city", city.as_deref(), 100));
    }
    if let Some(reason) = &req.close_reason {
        active.close_reason = Set(fields::optional_text(
            &mut checks,
            "close_reason",
            reason.as_deref(),
            500,
        ));
    }
    let tags = req.tags.as_deref().map(|t| fields::tags(&mut checks, t));
    if let Some(tags) = &tags {
        active.tags = Set(to_json(tags)?);
    }
    if req.amount.is_some() || req.currency.is_some() {
        let current_amount = current
            .amount_minor
            .zip(current.currency.as_deref())
            .map(|(minor, code)| money::to_dto(minor, code).amount);
        let amount = match &req.amount {
            Some(amount) => amount.clone(),
            None => current_amount,
        };
        let currency = req.currency.clone().or(current.currency.clone());
        let parsed = amount_of(&txn, tenant, amount.as_deref(), currency.as_deref(), &mut checks).await?;
        active.amount_minor = Set(parsed.as_ref().map(|(minor, _)| *minor));
        active.currency = Set(parsed.map(|(_, c)| c.code).or(currency.filter(|_| amount.is_some())));
    }
    if let Some(owner) = req.owner_id {
        if read_scope(by)? != RowScope::All {
            checks.push(FieldError::new(
                "owner_id",
                "not_allowed",
                "only someone who sees all leads can reassign them",
            ));
        } else if let Some(owner) = owner {
            check_owner(&txn, tenant, owner, &mut checks).await?;
        }
        active.owner_id = Set(owner.map(|o| o.0));
    }
    let target = match req.stage_id {
        Some(stage) => lead_stage(&txn, tenant, stage, &mut checks).await?,
        None => None,
    };
    let custom_fields = values::check_changes(
        &txn,
        tenant,
        CustomFieldEntity::Lead,
        &current.custom_fields,
        req.custom_fields.as_ref(),
        &mut checks,
    )
    .await?;
    checks.finish()?;
    if let Some(merged) = &custom_fields {
        active.custom_fields = Set(values::to_column(merged)?);
        values::store(&txn, tenant, CustomFieldEntity::Lead, current.id, merged).await?;
    }
    move_lead(&txn, by, &current, &mut active, target.as_ref(), req.after_id).await?;
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    if let Some(tags) = &tags {
        records::replace_tags(&txn, tenant, "lead", updated.id, tags).await?;
    }
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("lead.updated", "lead", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    let lead = card::one(&txn, updated).await?;
    txn.commit().await?;
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
