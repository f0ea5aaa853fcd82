//! What leads and deals share as records that sit in a pipeline stage: board order (rank),
//! stage history, bulk moves when a stage goes away, status kept in step with the stage kind,
//! tags for filtering, and the per-stage totals of a board column.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, LikeExpr, Query, SelectStatement, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set,
};
use uuid::Uuid;
use voronka_types::pipelines::{StageChange, StageKind};
use voronka_types::{TenantId, UserId};

use super::entity::record_tag::{self, Entity as RecordTags};
use super::entity::stage;
use super::entity::stage_change::{self, Entity as StageChanges};
use crate::error::{ApiError, ApiResult};

/// Gap left between neighbours when a card is placed at the top, the bottom or between two
/// cards; when two neighbours are closer than this the column below is shifted down once.
pub const RANK_GAP: i64 = 1 << 20;

/// A table of records that live in a pipeline stage (leads, deals).
pub trait StagedRecord: EntityTrait {
    /// `lead` or `deal`: the record kind in `stage_changes` and `record_tags`.
    const ENTITY: &'static str;
    fn id() -> Self::Column;
    fn tenant() -> Self::Column;
    fn pipeline() -> Self::Column;
    fn stage() -> Self::Column;
    fn status() -> Self::Column;
    fn rank() -> Self::Column;
    fn amount() -> Self::Column;
    fn currency() -> Self::Column;
    fn stage_changed_at() -> Self::Column;
    fn updated_at() -> Self::Column;
    /// The board position of a row: its rank, ties broken by id.
    fn rank_of(model: &Self::Model) -> (i64, Uuid);
}

/// How many records a pipeline or a stage holds.
pub async fn count_in<E: StagedRecord>(db: &impl ConnectionTrait, column: E::Column, id: Uuid) -> ApiResult<u64>
where
    E::Model: Sync,
{
    Ok(E::find().filter(column.eq(id)).count(db).await?)
}

/// A rank that puts a record above every card of the stage.
pub async fn top_rank<E: StagedRecord>(db: &impl ConnectionTrait, stage_id: Uuid) -> ApiResult<i64> {
    let first: Option<i64> = E::find()
        .select_only()
        .column(E::rank())
        .filter(E::stage().eq(stage_id))
        .order_by(E::rank(), Order::Asc)
        .into_tuple()
        .one(db)
        .await?;
    Ok(first.map_or(0, |rank| rank.saturating_sub(RANK_GAP)))
}

/// The rank for a record placed right after `after` (a card of the same stage) in board
/// order, or at the top when `after` is `None`. Makes room by shifting the cards below when
/// the neighbours sit too close.
pub async fn rank_after<E: StagedRecord>(
    db: &impl ConnectionTrait,
    stage_id: Uuid,
    after: Option<Uuid>,
    moving: Uuid,
) -> ApiResult<i64> {
    let Some(after) = after else {
        return top_rank::<E>(db, stage_id).await;
    };
    let anchor: Option<(i64, Uuid)> = E::find()
        .select_only()
        .column(E::rank())
        .column(E::id())
        .filter(E::id().eq(after))
        .filter(E::stage().eq(stage_id))
        .filter(E::id().ne(moving))
        .into_tuple()
        .one(db)
        .await?;
    let Some((anchor_rank, anchor_id)) = anchor else {
        return Err(ApiError::field(
            "after_id",
            "not_in_stage",
            "the card to place it after is not in the target stage",
        ));
    };
    let below = Condition::any().add(E::rank().gt(anchor_rank)).add(
        Condition::all()
            .add(E::rank().eq(anchor_rank))
            .add(E::id().gt(anchor_id)),
    );
    let next: Option<i64> = E::find()
        .select_only()
        .column(E::rank())
        .filter(E::stage().eq(stage_id))
        .filter(E::id().ne(moving))
        .filter(below.clone())
        .order_by(E::rank(), Order::Asc)
        .order_by(E::id(), Order::Asc)
        .into_tuple()
        .one(db)
        .await?;
    match next {
        None => Ok(anchor_rank.saturating_add(RANK_GAP)),
        Some(next) if next - anchor_rank >= 2 => Ok(anchor_rank + (next - anchor_rank) / 2),
        Some(_) => {
            E::update_many()
                .col_expr(E::rank(), Expr::col(E::rank()).add(RANK_GAP))
                .filter(E::stage().eq(stage_id))
                .filter(E::id().ne(moving))
                .filter(below)
                .exec(db)
                .await?;
            Ok(anchor_rank + RANK_GAP / 2)
        }
    }
}

/// What a move does to a record: its new board rank (when it was placed) and its new stage
/// (when it changed), as of `at`; the move is already in the stage history.
pub struct Moved {
    pub rank: Option<i64>,
    pub stage: Option<stage::Model>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Moves a record to `target` (a stage, perhaps its own) and/or after the card `after`
/// (`Some(None)` = top): computes the rank and keeps a stage change in the history.
#[allow(clippy::too_many_arguments)]
pub async fn plan_move<E: StagedRecord>(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    actor: Option<UserId>,
    record: Uuid,
    current_stage: Uuid,
    target: Option<&stage::Model>,
    after: Option<Option<Uuid>>,
) -> ApiResult<Moved> {
    let at = crate::clock::now();
    let stage_id = target.map_or(current_stage, |s| s.id);
    let moved = target.filter(|s| s.id != current_stage);
    let rank = match (moved, after) {
        (None, None) => None,
        (_, after) => Some(rank_after::<E>(db, stage_id, after.flatten(), record).await?),
    };
    if let Some(stage) = moved {
        record_change(
            db,
            tenant,
            E::ENTITY,
            record,
            stage.pipeline_id,
            Some(current_stage),
            stage.id,
            actor,
            at,
        )
        .await?;
    }
    Ok(Moved {
        rank,
        stage: moved.cloned(),
        at,
    })
}

/// Keeps one stage move in the history.
#[allow(clippy::too_many_arguments)]
pub async fn record_change(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: &str,
    record: Uuid,
    pipeline: Uuid,
    from: Option<Uuid>,
    to: Uuid,
    actor: Option<UserId>,
    at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    StageChanges::insert(stage_change::ActiveModel {
        tenant_id: Set(tenant.0),
        entity: Set(entity.to_owned()),
        record_id: Set(record),
        pipeline_id: Set(pipeline),
        from_stage_id: Set(from),
        to_stage_id: Set(to),
        actor_id: Set(actor.map(|a| a.0)),
        changed_at: Set(at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A record's stage moves, oldest first.
pub async fn history(db: &impl ConnectionTrait, entity: &str, record: Uuid) -> ApiResult<Vec<StageChange>> {
    Ok(StageChanges::find()
        .filter(stage_change::Column::RecordId.eq(record))
        .filter(stage_change::Column::Entity.eq(entity))
        .order_by(stage_change::Column::Id, Order::Asc)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Moves every record matching `selection` to `to` (keeping history), returns how many moved.
pub async fn move_selected<E: StagedRecord>(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    selection: Condition,
    to: &stage::Model,
    actor: Option<UserId>,
    at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<u64> {
    let moving = selection.add(E::stage().ne(to.id)).add(E::tenant().eq(tenant.0));
    let source: SelectStatement = Query::select()
        .column(E::tenant())
        .expr(Expr::val(E::ENTITY))
        .column(E::id())
        .column(E::pipeline())
        .column(E::stage())
        .expr(Expr::val(to.id))
        .expr(Expr::val(actor.map(|a| a.0)))
        .expr(Expr::val(at))
        .from(E::default())
        .cond_where(moving.clone())
        .to_owned();
    let insert = Query::insert()
        .into_table(StageChanges)
        .columns([
            stage_change::Column::TenantId,
            stage_change::Column::Entity,
            stage_change::Column::RecordId,
            stage_change::Column::PipelineId,
            stage_change::Column::FromStageId,
            stage_change::Column::ToStageId,
            stage_change::Column::ActorId,
            stage_change::Column::ChangedAt,
        ])
        .select_from(source)
        .map_err(|e| ApiError::Internal(e.into()))?
        .to_owned();
    db.execute(&insert).await?;
    let moved = E::update_many()
        .col_expr(E::pipeline(), Expr::val(to.pipeline_id))
        .col_expr(E::stage(), Expr::val(to.id))
        .col_expr(E::status(), Expr::val(to.kind.clone()))
        .col_expr(E::stage_changed_at(), Expr::val(at))
        .col_expr(E::updated_at(), Expr::val(at))
        .filter(moving)
        .exec(db)
        .await?;
    Ok(moved.rows_affected)
}

/// Keeps the records' status in step after a stage changed kind.
pub async fn restatus<E: StagedRecord>(db: &impl ConnectionTrait, stage_id: Uuid, kind: StageKind) -> ApiResult<()> {
    E::update_many()
        .col_expr(E::status(), Expr::val(kind.as_str()))
        .filter(E::stage().eq(stage_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Rewrites a record's tags (lower-cased) used by the `tag` filter.
pub async fn replace_tags(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: &str,
    record: Uuid,
    tags: &[String],
) -> ApiResult<()> {
    RecordTags::delete_many()
        .filter(record_tag::Column::RecordId.eq(record))
        .exec(db)
        .await?;
    let mut lowered: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
    lowered.sort();
    lowered.dedup();
    if lowered.is_empty() {
        return Ok(());
    }
    let rows = lowered.into_iter().map(|tag| record_tag::ActiveModel {
        record_id: Set(record),
        tenant_id: Set(tenant.0),
        entity: Set(entity.to_owned()),
        tag: Set(tag),
    });
    RecordTags::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Deletes the tag rows of records (when the records go).
pub async fn remove_tags(db: &impl ConnectionTrait, records: &[Uuid]) -> ApiResult<()> {
    for chunk in records.chunks(500) {
        RecordTags::delete_many()
            .filter(record_tag::Column::RecordId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Ids of the tenant's records of `entity` that carry `tag` (any case).
pub fn with_tag(tenant: TenantId, entity: &str, tag: &str) -> SelectStatement {
    Query::select()
        .column(record_tag::Column::RecordId)
        .from(RecordTags)
        .and_where(Expr::col(record_tag::Column::TenantId).eq(tenant.0))
        .and_where(Expr::col(record_tag::Column::Entity).eq(entity))
        .and_where(Expr::col(record_tag::Column::Tag).eq(tag.trim().to_lowercase()))
        .to_owned()
}

/// Ids of the tenant's records whose `text` column is `LIKE` `term` or whose contact is among
/// `contacts` (a subquery of contact ids). Written as a UNION rather than one `OR` so that
/// each half can use its own index (a trigram index on the text, the contact index) instead
/// of every record of the tenant being read to test the `OR`.
pub fn text_or_contact<E: StagedRecord>(
    tenant: TenantId,
    text: E::Column,
    term: LikeExpr,
    contact: E::Column,
    contacts: Option<SelectStatement>,
) -> SelectStatement {
    let of_tenant = || {
        Query::select()
            .column(E::id())
            .from(E::default())
            .and_where(Expr::col(E::tenant()).eq(tenant.0))
            .to_owned()
    };
    let mut ids = of_tenant().and_where(Expr::col(text).like(term)).to_owned();
    if let Some(contacts) = contacts {
        ids.union(
            UnionType::Distinct,
            of_tenant()
                .and_where(Expr::col(contact).in_subquery(contacts))
                .to_owned(),
        );
    }
    ids
}

/// How many of the selected records sit in a stage, and their amounts per currency
/// (minor units, currencies in alphabetical order).
pub async fn column_totals<E: StagedRecord>(
    db: &impl ConnectionTrait,
    selection: Select<E>,
    stage_id: Uuid,
) -> ApiResult<(u64, BTreeMap<String, i64>)>
where
    E::Model: Sync,
{
    let in_stage = selection.filter(E::stage().eq(stage_id));
    let count = in_stage.clone().count(db).await?;
    let sums: Vec<(Option<String>, Option<i64>)> = in_stage
        .select_only()
        .column(E::currency())
        .column_as(Expr::col(E::amount()).sum().cast_as("BIGINT"), "total")
        .filter(E::amount().is_not_null())
        .group_by(E::currency())
        .into_tuple()
        .all(db)
        .await?;
    let sums = sums
        .into_iter()
        .filter_map(|(currency, total)| Some((currency?, total?)))
        .collect();
    Ok((count, sums))
}
