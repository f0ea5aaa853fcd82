//! Where a lead or deal sits: resolving a pipeline and stage from what a request gives.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::{FieldError, PipelineId, StageId, TenantId};

use super::entity::pipeline::{self, Entity as Pipelines};
use super::entity::stage::{self, Entity as Stages};
use super::service::stages_of;
use crate::error::ApiResult;
use crate::validation::Checks;

/// Where a new or moved record goes: a pipeline of the right kind (the default one when
/// absent) and a stage of it (its first stage when absent). Problems are pushed to `checks`,
/// naming `pipeline_id` / `stage_id`.
pub async fn resolve_placement(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: PipelineKind,
    pipeline_id: Option<PipelineId>,
    stage_id: Option<StageId>,
    checks: &mut Checks,
) -> ApiResult<Option<(pipeline::Model, stage::Model)>> {
    let stage = match stage_id {
        Some(s) => {
            let found = Stages::find_by_id(s.0)
                .filter(stage::Column::TenantId.eq(tenant.0))
                .one(db)
                .await?;
            if found.is_none() {
                checks.push(FieldError::new("stage_id", "unknown_stage", "no such stage"));
                return Ok(None);
            }
            found
        }
        None => None,
    };
    let pipeline = match (pipeline_id, &stage) {
        (Some(p), _) => {
            Pipelines::find_by_id(p.0)
                .filter(pipeline::Column::TenantId.eq(tenant.0))
                .one(db)
                .await?
        }
        (None, Some(stage)) => Pipelines::find_by_id(stage.pipeline_id).one(db).await?,
        (None, None) => {
            Pipelines::find()
                .filter(pipeline::Column::TenantId.eq(tenant.0))
                .filter(pipeline::Column::Kind.eq(kind.as_str()))
                .filter(pipeline::Column::IsDefault.eq(true))
                .one(db)
                .await?
        }
    };
    let Some(pipeline) = pipeline else {
        checks.push(FieldError::new("pipeline_id", "unknown_pipeline", "no such pipeline"));
        return Ok(None);
    };
    if pipeline.kind != kind.as_str() {
        checks.push(FieldError::new(
            "pipeline_id",
            "wrong_pipeline_kind",
            format!("this is not a {} pipeline", kind.as_str()),
        ));
        return Ok(None);
    }
    let stage = match stage {
        Some(stage) if stage.pipeline_id != pipeline.id => {
            checks.push(FieldError::new(
                "stage_id",
                "stage_not_in_pipeline",
                "the stage belongs to another pipeline",
            ));
            return Ok(None);
        }
        Some(stage) => stage,
        None => match stages_of(db, pipeline.id).await?.into_iter().next() {
            Some(first) => first,
            None => {
                checks.push(FieldError::new(
                    "pipeline_id",
                    "no_stages",
                    "the pipeline has no stages",
                ));
                return Ok(None);
            }
        },
    };
    Ok(Some((pipeline, stage)))
}

/// The first stage of a kind (won, lost …) in a pipeline.
pub async fn first_stage_of_kind(
    db: &impl ConnectionTrait,
    pipeline: Uuid,
    kind: StageKind,
) -> ApiResult<Option<stage::Model>> {
    Ok(stages_of(db, pipeline).await?.into_iter().find(|s| s.kind() == kind))
}

/// A stage of the tenant by id.
pub async fn find_stage(db: &impl ConnectionTrait, tenant: TenantId, id: Uuid) -> ApiResult<Option<stage::Model>> {
    Ok(Stages::find_by_id(id)
        .filter(stage::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?)
}

/// A stage (named by a request's `stage_id`) of a pipeline of `kind`, or a named error.
pub async fn stage_of_kind(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: PipelineKind,
    id: StageId,
    checks: &mut Checks,
) -> ApiResult<Option<stage::Model>> {
    let mut place = Checks::new();
    let found = resolve_placement(db, tenant, kind, None, Some(id), &mut place).await?;
    if !place.is_clean() {
        checks.push(FieldError::new(
            "stage_id",
            "unknown_stage",
            format!("no such stage in a {} pipeline", kind.as_str()),
        ));
    }
    Ok(found.map(|(_, stage)| stage))
}
