//! Changing a deal: fields, owner, contact and company, stage moves (kept in the stage history;
//! a won or lost stage closes the deal, a lost one needs a reason) and board position.

use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::deals::{Deal, UpdateDeal};
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::{DealId, FieldError, Permission};

use super::entity::{self, Entity as Deals};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::contacts::fields;
use crate::custom_fields::values;
use crate::error::{ApiError, ApiResult};
use crate::leads::service::amount_of;
use crate::money;
use crate::pipelines::{placement, records};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};
use crate::webhooks::{self, WebhookEvent};

use super::service::{audit_view, check_company, check_contact, check_probability, find_visible, read_scope};
pub async fn update(state: &AppState, by: &Principal, id: DealId, req: UpdateDeal) -> ApiResult<Deal> {
    by.require(Permission::DealsWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    let mut checks = Checks::new();
    let mut active: entity::ActiveModel = current.clone().into();
    if let Some(title) = req
        .title
        .as_deref()
        .and_then(|t| checks.take(validation::text("title", t, 200)))
    {
        active.sort_title = Set(crate::search::fold(&title));
        active.title = Set(title);
    }
    if let Some(probability) = req.probability {
        active.probability = Set(check_probability(&mut checks, probability));
    }
    if let Some(date) = req.expected_close_date {
        active.expected_close_date = Set(date);
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
        active.tags = Set(serde_json::to_string(tags).map_err(|e| ApiError::Internal(e.into()))?);
    }
    if req.amount.is_some() || req.currency.is_some() {
        let amount = req
            .amount
            .clone()
            .unwrap_or_else(|| money::to_dto(current.amount_minor, &current.currency).amount);
        let currency = req.currency.clone().unwrap_or_else(|| current.currency.clone());
        if let Some((minor, currency)) = amount_of(&txn, tenant, Some(&amount), Some(&currency), &mut checks).await? {
            active.amount_minor = Set(minor);
            active.currency = Set(currency.code);
        }
    }
    if let Some(contact) = req.contact_id {
        if let Some(contact) = contact {
            check_contact(&txn, by, contact, &mut checks).await?;
        }
        active.contact_id = Set(contact.map(|c| c.0));
    }
    if let Some(company) = req.company_id {
        if let Some(company) = company {
            check_company(&txn, tenant, company, &mut checks).await?;
        }
        active.company_id = Set(company.map(|c| c.0));
    }
    if let Some(owner) = req.owner_id {
        if read_scope(by)? != RowScope::All {
            checks.push(FieldError::new(
                "owner_id",
                "not_allowed",
                "only someone who sees all deals can reassign them",
            ));
        } else if let Some(owner) = owner {
            check_owner(&txn, tenant, owner, &mut checks).await?;
        }
        active.owner_id = Set(owner.map(|o| o.0));
    }
    let target = match req.stage_id {
        Some(stage) => placement::stage_of_kind(&txn, tenant, PipelineKind::Deal, stage, &mut checks).await?,
        None => None,
    };
    let moving = target.as_ref().filter(|s| s.id != current.stage_id);
    if let Some(stage) = moving {
        let reason_given = match &req.close_reason {
            Some(reason) => reason.as_deref().is_some_and(|r| !r.trim().is_empty()),
            None => current.close_reason.is_some(),
        };
        if stage.kind() == StageKind::Lost && !reason_given {
            checks.push(FieldError::new("close_reason", "required", "say why the deal was lost"));
        }
    }
    let custom_fields = values::check_changes(
        &txn,
        tenant,
        CustomFieldEntity::Deal,
        &current.custom_fields,
        req.custom_fields.as_ref(),
        &mut checks,
    )
    .await?;
    checks.finish()?;
    if let Some(merged) = &custom_fields {
        active.custom_fields = Set(values::to_column(merged)?);
        values::store(&txn, tenant, CustomFieldEntity::Deal, current.id, merged).await?;
    }
    let after = req.after_id.map(|a| a.map(|id| id.0));
    let moved = records::plan_move::<Deals>(
        &txn,
        tenant,
        by.user_id(),
        current.id,
        current.stage_id,
        target.as_ref(),
        after,
    )
    .await?;
    let now = moved.at;
    if let Some(rank) = moved.rank {
        active.rank = Set(rank);
    }
    if let Some(stage) = &moved.stage {
        active.stage_id = Set(stage.id);
        active.pipeline_id = Set(stage.pipeline_id);
        active.status = Set(stage.kind.clone());
        active.stage_changed_at = Set(now);
        active.closed_at = Set((stage.kind() != StageKind::Open).then_some(now));
    }
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    if let Some(tags) = &tags {
        records::replace_tags(&txn, tenant, "deal", updated.id, tags).await?;
    }
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("deal.updated", "deal", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    let deal = Deal::from(updated);
    let event = match moved.stage.as_ref().map(|s| s.kind()) {
        Some(StageKind::Won) => Some(WebhookEvent::DealWon),
        Some(StageKind::Lost) => Some(WebhookEvent::DealLost),
        _ => None,
    };
    if let Some(event) = event {
        webhooks::emit(&txn, tenant, event, crate::contacts::service::to_value(&deal)?).await?;
    }
    txn.commit().await?;
    Ok(deal)
}
