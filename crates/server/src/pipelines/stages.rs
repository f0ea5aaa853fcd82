//! Editing the stages of a pipeline: add, rename, change kind, reorder, remove (moving the
//! records in it to another stage).

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use uuid::Uuid;
use voronka_types::pipelines::{CreateStage, Pipeline, ReorderStages, StageKind, UpdateStage};
use voronka_types::{FieldError, Permission, PipelineId, StageId};

use super::entity::stage::{self, Entity as Stages};
use super::records;
use super::service::{MAX_STAGES, audit_view, check_stage_kinds, find, get_in, new_stage, stage_name};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::deals::entity::Entity as Deals;
use crate::error::{ApiError, ApiResult};
use crate::leads::entity::Entity as Leads;
use crate::startup::AppState;
use crate::validation::Checks;

/// Renumbers stages 0.. in the given order.
async fn renumber(db: &impl ConnectionTrait, ordered: &[Uuid]) -> ApiResult<()> {
    for (position, id) in ordered.iter().enumerate() {
        Stages::update_many()
            .col_expr(stage::Column::Position, sea_orm::sea_query::Expr::val(position as i32))
            .filter(stage::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn audit_stages(
    db: &impl ConnectionTrait,
    by: &Principal,
    action: &str,
    before: &Pipeline,
    after: &Pipeline,
) -> ApiResult<()> {
    audit::record(
        db,
        by,
        AuditEvent::new(action, "pipeline", Some(after.id.to_string()))
            .before(audit_view(before))
            .after(audit_view(after)),
    )
    .await
}

pub async fn add_stage(state: &AppState, by: &Principal, id: PipelineId, req: CreateStage) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let before = get_in(&txn, tenant, find(&txn, tenant, id).await?.id).await?;
    let mut checks = Checks::new();
    let name = stage_name(&mut checks, "name", &req.name);
    if before.stages.len() >= MAX_STAGES {
        checks.push(FieldError::new(
            "name",
            "too_many",
            format!("at most {MAX_STAGES} stages"),
        ));
    }
    checks.finish()?;
    let at = req
        .position
        .map_or(before.stages.len(), |p| (p as usize).min(before.stages.len()));
    let created = new_stage(tenant, id.0, &name.unwrap_or_default(), req.kind, at, None);
    let new_id = created.id.clone().unwrap();
    Stages::insert(created).exec_without_returning(&txn).await?;
    let mut order: Vec<Uuid> = before.stages.iter().map(|s| s.id.0).collect();
    order.insert(at, new_id);
    renumber(&txn, &order).await?;
    let after = get_in(&txn, tenant, id.0).await?;
    audit_stages(&txn, by, "pipeline.stage_added", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// A stage of the given pipeline, or 404.
async fn find_stage_in(db: &impl ConnectionTrait, pipeline: &Pipeline, stage: StageId) -> ApiResult<stage::Model> {
    if !pipeline.stages.iter().any(|s| s.id == stage) {
        return Err(ApiError::NotFound("stage"));
    }
    Stages::find_by_id(stage.0)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("stage"))
}

pub async fn update_stage(
    state: &AppState,
    by: &Principal,
    id: PipelineId,
    stage_id: StageId,
    req: UpdateStage,
) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let before = get_in(&txn, tenant, find(&txn, tenant, id).await?.id).await?;
    let current = find_stage_in(&txn, &before, stage_id).await?;
    let mut checks = Checks::new();
    let mut active: stage::ActiveModel = current.clone().into();
    if let Some(name) = req.name.as_deref().and_then(|n| stage_name(&mut checks, "name", n)) {
        active.name = Set(name);
    }
    if let Some(kind) = req.kind {
        let kinds: Vec<StageKind> = before
            .stages
            .iter()
            .map(|s| if s.id == stage_id { kind } else { s.kind })
            .collect();
        check_stage_kinds(&mut checks, "kind", &kinds);
        active.kind = Set(kind.as_str().to_owned());
    }
    checks.finish()?;
    active.updated_at = Set(clock::now());
    active.update(&txn).await?;
    if let Some(kind) = req.kind.filter(|k| *k != current.kind()) {
        records::restatus::<Leads>(&txn, current.id, kind).await?;
        records::restatus::<Deals>(&txn, current.id, kind).await?;
    }
    let after = get_in(&txn, tenant, id.0).await?;
    audit_stages(&txn, by, "pipeline.stage_updated", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a stage; the leads and deals in it move to `move_to` (another stage of the same
/// pipeline), each move kept in their stage history.
pub async fn delete_stage(
    state: &AppState,
    by: &Principal,
    id: PipelineId,
    stage_id: StageId,
    move_to: Option<StageId>,
) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let before = get_in(&txn, tenant, find(&txn, tenant, id).await?.id).await?;
    let current = find_stage_in(&txn, &before, stage_id).await?;
    if before.stages.len() == 1 {
        return Err(ApiError::conflict(
            "last_stage",
            None,
            "a pipeline keeps at least one stage",
        ));
    }
    let mut checks = Checks::new();
    let remaining: Vec<StageKind> = before
        .stages
        .iter()
        .filter(|s| s.id != stage_id)
        .map(|s| s.kind)
        .collect();
    check_stage_kinds(&mut checks, "stage_id", &remaining);
    let held = records::count_in::<Leads>(&txn, crate::leads::entity::Column::StageId, current.id).await?
        + records::count_in::<Deals>(&txn, crate::deals::entity::Column::StageId, current.id).await?;
    let target = match move_to {
        Some(target) if target == stage_id => {
            checks.push(FieldError::new(
                "move_to",
                "same_stage",
                "pick another stage to move the records to",
            ));
            None
        }
        Some(target) if !before.stages.iter().any(|s| s.id == target) => {
            checks.push(FieldError::new(
                "move_to",
                "stage_not_in_pipeline",
                "the target stage is not in this pipeline",
            ));
            None
        }
        Some(target) => Stages::find_by_id(target.0).one(&txn).await?,
        None if held > 0 => {
            checks.push(FieldError::new(
                "move_to",
                "required",
                format!("{held} records are in this stage: say which stage they move to"),
            ));
            None
        }
        None => None,
    };
    checks.finish()?;
    if let Some(target) = &target {
        let now = clock::now();
        let actor = by.user_id();
        let leads = sea_orm::Condition::all().add(crate::leads::entity::Column::StageId.eq(current.id));
        let before = crate::leads::events::stages_before(&txn, tenant, leads.clone()).await?;
        records::move_selected::<Leads>(&txn, tenant, leads, target, actor, now).await?;
        crate::leads::events::announce_moves(&txn, tenant, &before).await?;
        let deals = sea_orm::Condition::all().add(crate::deals::entity::Column::StageId.eq(current.id));
        records::move_selected::<Deals>(&txn, tenant, deals, target, actor, now).await?;
    }
    Stages::delete_by_id(current.id).exec(&txn).await?;
    let order: Vec<Uuid> = before
        .stages
        .iter()
        .map(|s| s.id.0)
        .filter(|s| *s != current.id)
        .collect();
    renumber(&txn, &order).await?;
    let after = get_in(&txn, tenant, id.0).await?;
    audit_stages(&txn, by, "pipeline.stage_deleted", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn reorder_stages(
    state: &AppState,
    by: &Principal,
    id: PipelineId,
    req: ReorderStages,
) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let before = get_in(&txn, tenant, find(&txn, tenant, id).await?.id).await?;
    let mut given: Vec<StageId> = req.stage_ids.clone();
    given.sort();
    let mut known: Vec<StageId> = before.stages.iter().map(|s| s.id).collect();
    known.sort();
    if given != known {
        return Err(ApiError::field(
            "stage_ids",
            "not_a_permutation",
            "list every stage of this pipeline exactly once",
        ));
    }
    renumber(&txn, &req.stage_ids.iter().map(|s| s.0).collect::<Vec<_>>()).await?;
    let after = get_in(&txn, tenant, id.0).await?;
    audit_stages(&txn, by, "pipeline.stages_reordered", &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}
