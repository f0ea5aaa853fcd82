//! Pipelines and stages: seeded per company, listed for boards and pickers, edited by those
//! with `pipelines.manage`.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;
use voronka_types::pipelines::{CreatePipeline, NewStage, Pipeline, PipelineKind, StageKind, UpdatePipeline};
use voronka_types::{FieldError, Permission, PipelineId, StageId, TenantId};

use super::defaults;
use super::entity::pipeline::{self, Entity as Pipelines};
use super::entity::stage::{self, Entity as Stages};
use super::records;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::deals::entity::Entity as Deals;
use crate::error::{ApiError, ApiResult};
use crate::leads::entity::Entity as Leads;
use crate::startup::AppState;
use crate::validation::{self, Checks};

pub const MAX_PIPELINES: usize = 20;
pub const MAX_STAGES: usize = 30;

fn to_dto(p: pipeline::Model, stages: Vec<stage::Model>) -> Pipeline {
    Pipeline {
        id: p.id.into(),
        kind: PipelineKind::parse(&p.kind).unwrap_or(PipelineKind::Lead),
        name: p.name,
        is_default: p.is_default,
        position: p.position.max(0) as u32,
        stages: stages.into_iter().map(Into::into).collect(),
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

pub(super) async fn stages_of(db: &impl ConnectionTrait, pipeline: Uuid) -> ApiResult<Vec<stage::Model>> {
    Ok(Stages::find()
        .filter(stage::Column::PipelineId.eq(pipeline))
        .order_by(stage::Column::Position, Order::Asc)
        .all(db)
        .await?)
}

pub(super) fn new_stage(
    tenant: TenantId,
    pipeline: Uuid,
    name: &str,
    kind: StageKind,
    position: usize,
    key: Option<&str>,
) -> stage::ActiveModel {
    let now = clock::now();
    stage::ActiveModel {
        id: Set(StageId::new().0),
        tenant_id: Set(tenant.0),
        pipeline_id: Set(pipeline),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        position: Set(position as i32),
        key: Set(key.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

async fn insert_pipeline(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    name: &str,
    kind: PipelineKind,
    position: usize,
    is_default: bool,
    stages: Vec<(String, StageKind, Option<&str>)>,
) -> ApiResult<Uuid> {
    let now = clock::now();
    let id = PipelineId::new().0;
    Pipelines::insert(pipeline::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.0),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        position: Set(position as i32),
        is_default: Set(is_default),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    let rows = stages
        .iter()
        .enumerate()
        .map(|(i, (name, kind, key))| new_stage(tenant, id, name, *kind, i, *key));
    Stages::insert_many(rows).exec_without_returning(db).await?;
    Ok(id)
}

fn default_stages(kind: PipelineKind, locale: &str) -> Vec<(String, StageKind, Option<&'static str>)> {
    defaults::stages(kind)
        .iter()
        .map(|s| (s.name(locale).to_owned(), s.kind, Some(s.key)))
        .collect()
}

/// Gives a new company its default lead and deal pipelines (inside the caller's transaction).
pub async fn seed_defaults(db: &impl ConnectionTrait, tenant: TenantId, locale: &str) -> ApiResult<()> {
    for (position, kind) in [PipelineKind::Lead, PipelineKind::Deal].into_iter().enumerate() {
        let name = defaults::pipeline_name(kind, locale);
        insert_pipeline(db, tenant, name, kind, position, true, default_stages(kind, locale)).await?;
    }
    Ok(())
}

/// Every pipeline of the tenant (of one kind if asked), in order, with their stages.
pub async fn list(db: &impl ConnectionTrait, by: &Principal, kind: Option<PipelineKind>) -> ApiResult<Vec<Pipeline>> {
    let tenant = by.tenant()?;
    let mut query = Pipelines::find().filter(pipeline::Column::TenantId.eq(tenant.0));
    if let Some(kind) = kind {
        query = query.filter(pipeline::Column::Kind.eq(kind.as_str()));
    }
    let pipelines = query
        .order_by(pipeline::Column::Position, Order::Asc)
        .order_by(pipeline::Column::Id, Order::Asc)
        .all(db)
        .await?;
    let mut stages: HashMap<Uuid, Vec<stage::Model>> = HashMap::new();
    for s in Stages::find()
        .filter(stage::Column::TenantId.eq(tenant.0))
        .order_by(stage::Column::Position, Order::Asc)
        .all(db)
        .await?
    {
        stages.entry(s.pipeline_id).or_default().push(s);
    }
    Ok(pipelines
        .into_iter()
        .map(|p| {
            let own = stages.remove(&p.id).unwrap_or_default();
            to_dto(p, own)
        })
        .collect())
}

/// A pipeline of the tenant, or 404.
pub async fn find(db: &impl ConnectionTrait, tenant: TenantId, id: PipelineId) -> ApiResult<pipeline::Model> {
    Pipelines::find_by_id(id.0)
        .filter(pipeline::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("pipeline"))
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: PipelineId) -> ApiResult<Pipeline> {
    let p = find(db, by.tenant()?, id).await?;
    let stages = stages_of(db, p.id).await?;
    Ok(to_dto(p, stages))
}

pub(super) async fn get_in(db: &impl ConnectionTrait, tenant: TenantId, id: Uuid) -> ApiResult<Pipeline> {
    let p = find(db, tenant, id.into()).await?;
    let stages = stages_of(db, p.id).await?;
    Ok(to_dto(p, stages))
}

pub(super) fn audit_view(p: &Pipeline) -> serde_json::Value {
    json!({
        "name": p.name, "kind": p.kind, "is_default": p.is_default,
        "stages": p.stages.iter().map(|s| json!({"id": s.id, "name": s.name, "kind": s.kind})).collect::<Vec<_>>(),
    })
}

pub(super) fn stage_name(checks: &mut Checks, field: &str, name: &str) -> Option<String> {
    checks.take(validation::text(field, name, 100))
}

pub(super) fn check_stage_kinds(checks: &mut Checks, field: &str, kinds: &[StageKind]) {
    if !kinds.contains(&StageKind::Open) {
        checks.push(FieldError::new(
            field,
            "no_open_stage",
            "a pipeline needs at least one open stage",
        ));
    }
}

/// Makes `keep` the only default pipeline of its kind.
async fn make_default(db: &impl ConnectionTrait, tenant: TenantId, kind: &str, keep: Uuid) -> ApiResult<()> {
    Pipelines::update_many()
        .col_expr(pipeline::Column::IsDefault, sea_orm::sea_query::Expr::val(false))
        .filter(pipeline::Column::TenantId.eq(tenant.0))
        .filter(pipeline::Column::Kind.eq(kind))
        .filter(pipeline::Column::Id.ne(keep))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create(state: &AppState, by: &Principal, req: CreatePipeline) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, 100));
    let requested: Vec<NewStage> = req.stages.clone();
    let stages: Vec<(String, StageKind, Option<&str>)> = if requested.is_empty() {
        let locale = crate::tenants::service::find(&state.db, tenant)
            .await?
            .map(|t| t.locale)
            .unwrap_or_default();
        default_stages(req.kind, &locale)
    } else {
        if requested.len() > MAX_STAGES {
            checks.push(FieldError::new(
                "stages",
                "too_many",
                format!("at most {MAX_STAGES} stages"),
            ));
        }
        check_stage_kinds(
            &mut checks,
            "stages",
            &requested.iter().map(|s| s.kind).collect::<Vec<_>>(),
        );
        requested
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                stage_name(&mut checks, &format!("stages[{i}].name"), &s.name).map(|n| (n, s.kind, None))
            })
            .collect()
    };
    let txn = state.db.begin().await?;
    let existing = Pipelines::find()
        .filter(pipeline::Column::TenantId.eq(tenant.0))
        .all(&txn)
        .await?;
    if existing.len() >= MAX_PIPELINES {
        checks.push(FieldError::new(
            "name",
            "too_many",
            format!("at most {MAX_PIPELINES} pipelines"),
        ));
    }
    checks.finish()?;
    let first_of_kind = !existing.iter().any(|p| p.kind == req.kind.as_str());
    let is_default = req.is_default || first_of_kind;
    let name = name.unwrap_or_default();
    let id = insert_pipeline(&txn, tenant, &name, req.kind, existing.len(), is_default, stages).await?;
    if is_default {
        make_default(&txn, tenant, req.kind.as_str(), id).await?;
    }
    let created = get_in(&txn, tenant, id).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("pipeline.created", "pipeline", Some(id.to_string())).after(audit_view(&created)),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update(state: &AppState, by: &Principal, id: PipelineId, req: UpdatePipeline) -> ApiResult<Pipeline> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find(&txn, tenant, id).await?;
    let before = get_in(&txn, tenant, current.id).await?;
    let mut checks = Checks::new();
    let mut active: pipeline::ActiveModel = current.clone().into();
    if let Some(name) = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 100)))
    {
        active.name = Set(name);
    }
    match req.is_default {
        Some(true) => active.is_default = Set(true),
        Some(false) if current.is_default => checks.push(FieldError::new(
            "is_default",
            "default_required",
            "make another pipeline the default instead",
        )),
        _ => {}
    }
    if let Some(position) = req.position {
        active.position = Set(position.min(MAX_PIPELINES as u32) as i32);
    }
    checks.finish()?;
    active.updated_at = Set(clock::now());
    active.update(&txn).await?;
    if req.is_default == Some(true) {
        make_default(&txn, tenant, &current.kind, current.id).await?;
    }
    let after = get_in(&txn, tenant, current.id).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("pipeline.updated", "pipeline", Some(current.id.to_string()))
            .before(audit_view(&before))
            .after(audit_view(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes an empty, non-default pipeline.
pub async fn delete(state: &AppState, by: &Principal, id: PipelineId) -> ApiResult<()> {
    by.require(Permission::PipelinesManage)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find(&txn, tenant, id).await?;
    if current.is_default {
        return Err(ApiError::conflict(
            "default_pipeline",
            None,
            "the default pipeline cannot be deleted; make another one the default first",
        ));
    }
    let held = records::count_in::<Leads>(&txn, crate::leads::entity::Column::PipelineId, current.id).await?
        + records::count_in::<Deals>(&txn, crate::deals::entity::Column::PipelineId, current.id).await?;
    if held > 0 {
        return Err(ApiError::conflict(
            "pipeline_not_empty",
            None,
            format!("{held} records are still in this pipeline; move them first"),
        ));
    }
    let before = get_in(&txn, tenant, current.id).await?;
    Pipelines::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("pipeline.deleted", "pipeline", Some(current.id.to_string())).before(audit_view(&before)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The stages of a pipeline, in order.
pub async fn stages(db: &impl ConnectionTrait, pipeline: Uuid) -> ApiResult<Vec<stage::Model>> {
    stages_of(db, pipeline).await
}
