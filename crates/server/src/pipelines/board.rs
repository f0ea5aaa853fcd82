//! A pipeline as a kanban board, for leads and deals alike: per stage the count, the amounts
//! per currency and the first cards in board order, with a cursor to load more of a column.
//! Unfiltered boards take their counts and amounts from the `stage_totals` roll-up.

use sea_orm::{ColumnTrait, ConnectionTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use voronka_types::pipelines::{Board, BoardColumn, PipelineKind};
use voronka_types::{Direction, PipelineId, TenantId};

use super::records::{self, StagedRecord};
use super::{placement, service, totals};
use crate::error::{ApiError, ApiResult};
use crate::money;
use crate::sorting::{self, SortSpec, SortValue};
use crate::validation::Checks;

/// The order of a board column, as the list endpoints call it (`sort=position`).
pub fn position_spec<E: StagedRecord>(direction: Option<Direction>) -> SortSpec<E> {
    SortSpec {
        name: "position",
        column: Some(E::rank()),
        nullable: false,
        direction: direction.unwrap_or(Direction::Asc),
    }
}

/// Builds the board of a pipeline of `kind` (the default one when absent) from the records
/// of `base` (already filtered and scoped); `cards` turns each column's rows into cards.
/// `unfiltered` says that `base` holds every record of the tenant in the pipeline (no filter,
/// no row scope): then the column totals come from the roll-up instead of being counted.
#[allow(clippy::too_many_arguments)]
pub async fn build<E, T, F, Fut>(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: PipelineKind,
    pipeline_id: Option<PipelineId>,
    base: Select<E>,
    unfiltered: bool,
    per_stage: u64,
    cards: F,
) -> ApiResult<Board<T>>
where
    E: StagedRecord,
    E::Model: Sync,
    F: Fn(Vec<E::Model>) -> Fut,
    Fut: Future<Output = ApiResult<Vec<T>>>,
{
    let mut checks = Checks::new();
    let place = placement::resolve_placement(db, tenant, kind, pipeline_id, None, &mut checks).await?;
    checks.finish()?;
    let Some((pipeline, _)) = place else {
        return Err(ApiError::NotFound("pipeline"));
    };
    let spec = position_spec::<E>(None);
    let stages = service::stages(db, pipeline.id).await?;
    let rolled_up = if unfiltered {
        let ids: Vec<_> = stages.iter().map(|s| s.id).collect();
        Some(totals::of_stages(db, tenant, E::ENTITY, &ids).await?)
    } else {
        None
    };
    let mut columns = Vec::new();
    for stage in stages {
        let (count, sums) = match &rolled_up {
            Some(totals) => totals.get(&stage.id).cloned().unwrap_or_default(),
            None => records::column_totals::<E>(db, base.clone(), stage.id).await?,
        };
        let rows = base
            .clone()
            .filter(E::stage().eq(stage.id))
            .order_by(E::rank(), Order::Asc)
            .order_by(E::id(), Order::Asc)
            .limit(per_stage)
            .all(db)
            .await?;
        let next_cursor = match rows.last().map(E::rank_of) {
            Some((rank, id)) if count > rows.len() as u64 => {
                Some(sorting::cursor_after(&spec, SortValue::Int(rank), id))
            }
            _ => None,
        };
        columns.push(BoardColumn {
            stage: stage.into(),
            count,
            sums: sums
                .into_iter()
                .map(|(currency, minor)| money::to_dto(minor, &currency))
                .collect(),
            cards: cards(rows).await?,
            next_cursor,
        });
    }
    Ok(Board {
        pipeline_id: pipeline.id.into(),
        columns,
    })
}
