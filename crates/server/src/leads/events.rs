//! Webhook events about leads: created, and moved to another stage (one by one, in bulk, or
//! because their stage was removed).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;
use voronka_types::TenantId;
use voronka_types::leads::Lead;

use super::card;
use super::entity::{Column, Entity as Leads};
use crate::contacts::service::to_value;
use crate::error::ApiResult;
use crate::webhooks::{self, WebhookEvent};

/// `lead.created` with the lead as the API shows it.
pub async fn created(db: &impl ConnectionTrait, tenant: TenantId, lead: &Lead) -> ApiResult<()> {
    webhooks::emit(db, tenant, WebhookEvent::LeadCreated, to_value(lead)?).await
}

/// `lead.stage_changed`: the lead as the API shows it, plus `previous_stage_id`.
pub async fn stage_changed(db: &impl ConnectionTrait, tenant: TenantId, lead: &Lead, previous: Uuid) -> ApiResult<()> {
    let mut data = to_value(lead)?;
    data["previous_stage_id"] = json!(previous);
    webhooks::emit(db, tenant, WebhookEvent::LeadStageChanged, data).await
}

/// The stage of every lead in `selection` before a move in bulk, for [`announce_moves`];
/// empty (and nothing read) when no webhook listens to stage changes.
pub async fn stages_before(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    selection: Condition,
) -> ApiResult<Vec<(Uuid, Uuid)>> {
    if !webhooks::emit::listens(db, tenant, WebhookEvent::LeadStageChanged).await? {
        return Ok(Vec::new());
    }
    Ok(Leads::find()
        .select_only()
        .column(Column::Id)
        .column(Column::StageId)
        .filter(Column::TenantId.eq(tenant.0))
        .filter(selection)
        .into_tuple()
        .all(db)
        .await?)
}

/// Emits `lead.stage_changed` for every lead of `before` whose stage is now another one.
pub async fn announce_moves(db: &impl ConnectionTrait, tenant: TenantId, before: &[(Uuid, Uuid)]) -> ApiResult<()> {
    for chunk in before.chunks(500) {
        let previous: HashMap<Uuid, Uuid> = chunk.iter().copied().collect();
        let rows = Leads::find()
            .filter(Column::TenantId.eq(tenant.0))
            .filter(Column::Id.is_in(previous.keys().copied()))
            .all(db)
            .await?;
        for lead in card::with_contacts(db, rows).await? {
            match previous.get(&lead.id.0) {
                Some(from) if *from != lead.stage_id.0 => stage_changed(db, tenant, &lead, *from).await?,
                _ => {}
            }
        }
    }
    Ok(())
}
