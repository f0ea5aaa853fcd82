//! A pipeline as a kanban board, for leads and deals alike: per stage the count, the amounts
//! per currency and the first cards in board order, with a cursor to load more of a column.
//! Boards narrowed by nothing but an owner take their counts and amounts from the
//! `stage_totals` roll-up.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Asterisk, Query, SelectStatement, UnionType, ValueType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, ModelTrait, Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;
use voronka_types::pipelines::{Board, BoardColumn, PipelineKind};
use voronka_types::{Direction, PipelineId, TenantId};

use super::records::{self, StagedRecord};
use super::totals::{self, TotalsSource};
use super::{placement, service};
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

/// The first `per_stage` records of each stage in board order, read in one query (a UNION
/// ALL of one ordered, limited part per stage, so each part walks the board index).
async fn first_cards<E>(
    db: &impl ConnectionTrait,
    base: &Select<E>,
    stages: &[Uuid],
    per_stage: u64,
) -> ApiResult<HashMap<Uuid, Vec<E::Model>>>
where
    E: StagedRecord,
    E::Model: Sync,
{
    let mut union: Option<SelectStatement> = None;
    for (i, stage) in stages.iter().enumerate() {
        let column = base
            .clone()
            .filter(E::stage().eq(*stage))
            .order_by(E::rank(), Order::Asc)
            .order_by(E::id(), Order::Asc)
            .limit(per_stage)
            .into_query();
        let part = Query::select()
            .column(Asterisk)
            .from_subquery(column, Alias::new(format!("column_{i}")))
            .to_owned();
        match union.as_mut() {
            Some(union) => {
                union.union(UnionType::All, part);
            }
            None => union = Some(part),
        }
    }
    let Some(union) = union else {
        return Ok(HashMap::new());
    };
    let rows = E::find()
        .from_raw_sql(db.get_database_backend().build(&union))
        .all(db)
        .await?;
    let mut by_stage: HashMap<Uuid, Vec<E::Model>> = HashMap::new();
    for row in rows {
        let stage = <Uuid as ValueType>::try_from(row.get(E::stage()))
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("a card without a stage")))?;
        by_stage.entry(stage).or_default().push(row);
    }
    for column in by_stage.values_mut() {
        column.sort_by_key(E::rank_of);
    }
    Ok(by_stage)
}

/// Builds the board of a pipeline of `kind` (the default one when absent) from the records
/// of `base` (already filtered and scoped); `cards` turns rows into cards (keeping their
/// order). `totals` says whether the column counts and sums can come from the roll-up (when
/// `base` is every record of the tenant, or of one owner) or must be counted.
#[allow(clippy::too_many_arguments)]
pub async fn build<E, T, F, Fut>(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    kind: PipelineKind,
    pipeline_id: Option<PipelineId>,
    base: Select<E>,
    totals: TotalsSource,
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
    let ids: Vec<Uuid> = stages.iter().map(|s| s.id).collect();
    let rolled_up = match totals {
        TotalsSource::RolledUp { owner } => Some(totals::of_stages(db, tenant, E::ENTITY, &ids, owner).await?),
        TotalsSource::Counted => None,
    };
    let mut first = first_cards(db, &base, &ids, per_stage).await?;
    let mut columns = Vec::new();
    let mut rows_in_order = Vec::new();
    for stage in stages {
        let (count, sums) = match &rolled_up {
            Some(totals) => totals.get(&stage.id).cloned().unwrap_or_default(),
            None => records::column_totals::<E>(db, base.clone(), stage.id).await?,
        };
        let rows = first.remove(&stage.id).unwrap_or_default();
        let next_cursor = match rows.last().map(E::rank_of) {
            Some((rank, id)) if count > rows.len() as u64 => {
                Some(sorting::cursor_after(&spec, SortValue::Int(rank), id))
            }
            _ => None,
        };
        columns.push((
            BoardColumn {
                stage: stage.into(),
                count,
                sums: sums
                    .into_iter()
                    .map(|(currency, minor)| money::to_dto(minor, &currency))
                    .collect(),
                cards: Vec::new(),
                next_cursor,
            },
            rows.len(),
        ));
        rows_in_order.extend(rows);
    }
    // One pass over every card (for leads: one query for all their contacts).
    let mut cards = cards(rows_in_order).await?.into_iter();
    Ok(Board {
        pipeline_id: pipeline.id.into(),
        columns: columns
            .into_iter()
            .map(|(mut column, len)| {
                column.cards = cards.by_ref().take(len).collect();
                column
            })
            .collect(),
    })
}
