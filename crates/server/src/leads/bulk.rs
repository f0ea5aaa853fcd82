//! Bulk operations on leads: assign, move, tag or delete a selection (ids or a filter) in one
//! transaction, with one audit entry listing every lead touched.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;
use voronka_types::leads::{BulkAction, BulkLeads, BulkResult};
use voronka_types::{FieldError, Permission};

use super::changes::lead_stage;
use super::entity::{self, Column, Entity as Leads};
use super::events;
use super::list::selection;
use super::service::{read_scope, remove as delete_leads};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::fields;
use crate::custom_fields::CustomFieldParams;
use crate::error::{ApiError, ApiResult};
use crate::pipelines::records;
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::Checks;

/// The most leads one bulk call may touch.
pub const MAX_BULK: u64 = 10_000;

pub async fn run(state: &AppState, by: &Principal, req: BulkLeads) -> ApiResult<BulkResult> {
    by.require(Permission::LeadsWrite)?;
    if matches!(req.action, BulkAction::Delete) {
        by.require(Permission::LeadsDelete)?;
    }
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let filter = req.filter.clone().unwrap_or_default();
    let custom = CustomFieldParams::from_object("filter_custom_fields", &req.filter_custom_fields)?;
    if !custom.is_empty() && req.filter.is_none() {
        return Err(ApiError::field(
            "filter",
            "required",
            "custom field conditions narrow a `filter`: send `filter` (it may be {})",
        ));
    }
    let mut query = selection(&txn, by, &filter, &custom).await?;
    match (&req.ids, &req.filter) {
        (Some(ids), None) if ids.is_empty() => {
            return Err(ApiError::field("ids", "required", "select at least one lead"));
        }
        (Some(ids), None) if ids.len() as u64 > MAX_BULK => {
            return Err(ApiError::field(
                "ids",
                "too_many",
                format!("at most {MAX_BULK} leads at once"),
            ));
        }
        (Some(ids), None) => query = query.filter(Column::Id.is_in(ids.iter().map(|i| i.0))),
        (None, Some(_)) => {}
        _ => {
            return Err(ApiError::field(
                "ids",
                "selection_required",
                "give either `ids` or `filter`",
            ));
        }
    }
    let count = query.clone().count(&txn).await?;
    if count > MAX_BULK {
        return Err(ApiError::field(
            "filter",
            "too_many",
            format!("{count} leads match: narrow the filter to at most {MAX_BULK}"),
        ));
    }
    let ids: Vec<Uuid> = query.select_only().column(Column::Id).into_tuple().all(&txn).await?;
    let now = clock::now();
    let selected = || Condition::all().add(Column::Id.is_in(ids.iter().copied()));
    let mut checks = Checks::new();
    let (action, details) = match &req.action {
        BulkAction::Assign { owner_id } => {
            if read_scope(by)? != RowScope::All {
                checks.push(FieldError::new(
                    "owner_id",
                    "not_allowed",
                    "only someone who sees all leads can reassign them",
                ));
            } else if let Some(owner) = owner_id {
                check_owner(&txn, tenant, *owner, &mut checks).await?;
            }
            checks.finish()?;
            for chunk in ids.chunks(500) {
                Leads::update_many()
                    .col_expr(Column::OwnerId, Expr::val(owner_id.map(|o| o.0)))
                    .col_expr(Column::UpdatedAt, Expr::val(now))
                    .filter(Column::Id.is_in(chunk.iter().copied()))
                    .exec(&txn)
                    .await?;
            }
            ("lead.bulk_assigned", json!({ "owner_id": owner_id }))
        }
        BulkAction::Move { stage_id } => {
            let stage = lead_stage(&txn, tenant, *stage_id, &mut checks).await?;
            checks.finish()?;
            let Some(stage) = stage else {
                return Err(ApiError::Internal(anyhow::anyhow!("checked stage missing")));
            };
            let mut before = Vec::new();
            for chunk in ids.chunks(500) {
                let part = Condition::all().add(Column::Id.is_in(chunk.iter().copied()));
                before.extend(events::stages_before(&txn, tenant, part.clone()).await?);
                records::move_selected::<Leads>(&txn, tenant, part, &stage, by.user_id(), now).await?;
            }
            events::announce_moves(&txn, tenant, &before).await?;
            ("lead.bulk_moved", json!({ "stage_id": stage.id }))
        }
        BulkAction::Tag { add, remove } => {
            let add = fields::tags(&mut checks, add);
            let remove: Vec<String> = fields::tags(&mut checks, remove)
                .iter()
                .map(|t| t.to_lowercase())
                .collect();
            checks.finish()?;
            for lead in Leads::find().filter(selected()).all(&txn).await? {
                let mut tags: Vec<String> = serde_json::from_str(&lead.tags).unwrap_or_default();
                tags.retain(|t| !remove.contains(&t.to_lowercase()));
                for tag in &add {
                    if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                        tags.push(tag.clone());
                    }
                }
                let tags: Vec<String> = tags.into_iter().take(fields::MAX_TAGS).collect();
                let mut active: entity::ActiveModel = lead.clone().into();
                active.tags = Set(serde_json::to_string(&tags).map_err(|e| ApiError::Internal(e.into()))?);
                active.updated_at = Set(now);
                active.update(&txn).await?;
                records::replace_tags(&txn, tenant, "lead", lead.id, &tags).await?;
            }
            ("lead.bulk_tagged", json!({ "add": add, "remove": remove }))
        }
        BulkAction::Delete => {
            delete_leads(&txn, &ids).await?;
            ("lead.bulk_deleted", json!({}))
        }
    };
    let mut after = details;
    after["count"] = json!(ids.len());
    after["lead_ids"] = json!(ids);
    audit::record(&txn, by, AuditEvent::new(action, "lead", None).after(after)).await?;
    txn.commit().await?;
    Ok(BulkResult {
        affected: ids.len() as u64,
    })
}
