//! Changing a lead: fields, owner, stage moves (kept in the stage history) and board position.

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::leads::{Lead, UpdateLead};
use voronka_types::pipelines::PipelineKind;
use voronka_types::{FieldError, LeadId, Permission, TenantId};

use super::entity::{self, Entity as Leads};
use super::service::{amount_of, audit_view, check_score, find_visible, read_scope, to_json};
use super::{card, scoring};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::fields;
use crate::custom_fields::values;
use crate::error::ApiResult;
use crate::money;
use crate::pipelines::entity::stage;
use crate::pipelines::{placement, records};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};

/// Applies a stage move (and board position) to a lead being changed; `true` when its stage
/// changed.
pub async fn move_lead(
    db: &impl ConnectionTrait,
    by: &Principal,
    current: &entity::Model,
    active: &mut entity::ActiveModel,
    target: Option<&stage::Model>,
    after: Option<Option<LeadId>>,
) -> ApiResult<bool> {
    let after = after.map(|a| a.map(|id| id.0));
    let moved = records::plan_move::<Leads>(
        db,
        by.tenant()?,
        by.user_id(),
        current.id,
        current.stage_id,
        target,
        after,
    )
    .await?;
    if let Some(rank) = moved.rank {
        active.rank = Set(rank);
    }
    let Some(stage) = moved.stage else {
        return Ok(false);
    };
    active.stage_id = Set(stage.id);
    active.pipeline_id = Set(stage.pipeline_id);
    active.status = Set(stage.kind.clone());
    active.stage_changed_at = Set(moved.at);
    Ok(true)
}

/// A stage of a lead pipeline of the tenant, or a named error.
pub async fn lead_stage(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: voronka_types::StageId,
    checks: &mut Checks,
) -> ApiResult<Option<stage::Model>> {
    placement::stage_of_kind(db, tenant, PipelineKind::Lead, id, checks).await
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
    // A score or temperature given by hand pins the lead's score; `null` hands it back.
    let mut by_hand = None;
    match req.score {
        Some(Some(score)) => {
            if let Some(score) = check_score(&mut checks, Some(score)) {
                active.score = Set(score);
            }
            by_hand = Some(true);
        }
        Some(None) => by_hand = Some(false),
        None => {}
    }
    match req.temperature {
        Some(Some(temperature)) => {
            active.temperature = Set(Some(temperature.as_str().into()));
            by_hand = Some(true);
        }
        Some(None) => by_hand = by_hand.or(Some(false)),
        None => {}
    }
    match by_hand {
        Some(true) => active.score_explained = Set(Some(scoring::manual(clock::now())?)),
        Some(false) => active.score_explained = Set(None),
        None => {}
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
    let moved = move_lead(&txn, by, &current, &mut active, target.as_ref(), req.after_id).await?;
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
    // Rescored after the audit entry: a recomputed score is not the caller's edit.
    let updated = scoring::rescore_one(&txn, updated, clock::now()).await?;
    let lead = card::one(&txn, updated).await?;
    if moved {
        super::events::stage_changed(&txn, tenant, &lead, current.stage_id).await?;
    }
    txn.commit().await?;
    Ok(lead)
}
