//! Converting a qualified lead into a deal: the deal gets the lead's contact, company, owner
//! and amount; the lead moves to its pipeline's won stage and points at the deal.

use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde_json::json;
use voronka_types::leads::{ConvertLead, ConvertedLead};
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::{LeadId, Permission};

use super::card;
use super::changes::move_lead;
use super::entity;
use super::service::{amount_of, audit_view, find_visible};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::entity::contact::Entity as Contacts;
use crate::deals::service::{self as deals, NewDeal};
use crate::error::{ApiError, ApiResult};
use crate::money;
use crate::pipelines::{placement, service as pipelines};
use crate::startup::AppState;
use crate::validation::{self, Checks};

pub async fn convert(state: &AppState, by: &Principal, id: LeadId, req: ConvertLead) -> ApiResult<ConvertedLead> {
    by.require(Permission::LeadsWrite)?;
    by.require(Permission::DealsWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let lead = find_visible(&txn, by, id).await?;
    if let Some(deal) = lead.deal_id {
        return Err(ApiError::conflict(
            "already_converted",
            None,
            format!("this lead became deal {deal} already"),
        ));
    }
    let mut checks = Checks::new();
    let title = match req.title.as_deref() {
        Some(title) => checks.take(validation::text("title", title, 200)),
        None => Some(lead.name.clone()),
    };
    let lead_amount = lead
        .amount_minor
        .zip(lead.currency.as_deref())
        .map(|(minor, code)| money::to_dto(minor, code));
    let amount = req
        .amount
        .clone()
        .or(lead_amount.as_ref().map(|m| m.amount.clone()))
        .unwrap_or_else(|| "0".into());
    let currency = req.currency.clone().or(lead_amount.map(|m| m.currency));
    let amount = amount_of(&txn, tenant, Some(&amount), currency.as_deref(), &mut checks).await?;
    let place = placement::resolve_placement(
        &txn,
        tenant,
        PipelineKind::Deal,
        req.pipeline_id,
        req.stage_id,
        &mut checks,
    )
    .await?;
    checks.finish()?;
    let (Some(title), Some((minor, currency)), Some((pipeline, stage))) = (title, amount, place) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked conversion parts missing")));
    };
    let company = <Contacts as sea_orm::EntityTrait>::find_by_id(lead.contact_id)
        .one(&txn)
        .await?
        .and_then(|c| c.company_id);
    let deal = deals::insert(
        &txn,
        by,
        NewDeal {
            title,
            contact_id: Some(lead.contact_id),
            company_id: company,
            lead_id: Some(lead.id),
            pipeline,
            stage,
            owner_id: lead.owner_id,
            amount_minor: minor,
            currency: currency.code,
            expected_close_date: req.expected_close_date,
            probability: None,
            tags: serde_json::from_str(&lead.tags).unwrap_or_default(),
            custom_fields: Default::default(),
        },
    )
    .await?;
    let mut active: entity::ActiveModel = lead.clone().into();
    let won = pipelines::stages(&txn, lead.pipeline_id)
        .await?
        .into_iter()
        .find(|s| s.kind() == StageKind::Won);
    if let Some(won) = won.filter(|w| w.id != lead.stage_id) {
        move_lead(&txn, by, &lead, &mut active, Some(&won), None).await?;
    }
    active.deal_id = Set(Some(deal.id));
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("lead.converted", "lead", Some(lead.id.to_string()))
            .before(audit_view(&lead))
            .after(json!({ "deal_id": deal.id, "stage_id": updated.stage_id })),
    )
    .await?;
    let lead = card::one(&txn, updated).await?;
    txn.commit().await?;
    Ok(ConvertedLead {
        lead,
        deal: deal.into(),
    })
}
