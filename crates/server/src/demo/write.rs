//! Writing demo rows fast: multi-row INSERTs as large as the database's limit on bound
//! values allows, inside the caller's batch transaction.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Iterable, Set};
use uuid::Uuid;

use super::funnel::Move;
use crate::pipelines::entity::{record_tag, stage_change};

/// Bound values per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// Inserts `rows` of one table in as few statements as the bind limit allows.
pub async fn insert_rows<E, A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<u64, DbErr>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let per_statement = (MAX_BINDS / E::Column::iter().count().max(1)).max(1);
    let total = rows.len() as u64;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        E::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(total)
}

/// History rows of `entity` (`lead` or `deal`) for these moves.
pub fn stage_changes(tenant: Uuid, entity: &str, moves: Vec<Move>) -> Vec<stage_change::ActiveModel> {
    moves
        .into_iter()
        .map(|m| stage_change::ActiveModel {
            tenant_id: Set(tenant),
            entity: Set(entity.to_owned()),
            record_id: Set(m.record),
            pipeline_id: Set(m.pipeline),
            from_stage_id: Set(m.from),
            to_stage_id: Set(m.to),
            actor_id: Set(m.actor),
            changed_at: Set(m.at),
            ..Default::default()
        })
        .collect()
}

/// The lower-cased tag rows the `tag` filter reads, as `records::replace_tags` writes them.
pub fn record_tags(tenant: Uuid, entity: &str, record: Uuid, tags: &[String]) -> Vec<record_tag::ActiveModel> {
    let mut lowered: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
    lowered.sort();
    lowered.dedup();
    lowered
        .into_iter()
        .map(|tag| record_tag::ActiveModel {
            record_id: Set(record),
            tenant_id: Set(tenant),
            entity: Set(entity.to_owned()),
            tag: Set(tag),
        })
        .collect()
}
