//! `GET /api/v1/tasks`: filters, and keyset pages ordered by due time (soonest first, tasks
//! without a due time last), then id. The cursor carries both keys.
// The shared `pagination` helper pages by id alone; this one may move there later.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::NullOrdering;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use voronka_types::tasks::{DueFilter, Task, TaskStatus};
use voronka_types::{ContactId, DealId, FieldError, LeadId, Page, UserId};

use super::dates;
use super::entity::{self, Column};
use super::service::visible;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::search;

/// Where the previous page ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskCursor {
    pub due_at: Option<DateTime<Utc>>,
    pub id: Uuid,
}

impl TaskCursor {
    fn of(task: &entity::Model) -> Self {
        Self {
            due_at: task.due_at,
            id: task.id,
        }
    }

    /// Opaque to clients: a flag, the due time in microseconds and the id.
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(25);
        bytes.push(u8::from(self.due_at.is_some()));
        bytes.extend_from_slice(&self.due_at.map_or(0, |d| d.timestamp_micros()).to_be_bytes());
        bytes.extend_from_slice(self.id.as_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode(raw: &str) -> ApiResult<Self> {
        let invalid = || ApiError::field("cursor", "invalid_cursor", "the cursor is not one this API gave out");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        let [flag, rest @ ..] = bytes.as_slice() else {
            return Err(invalid());
        };
        let (micros, id) = rest.split_at_checked(8).ok_or_else(invalid)?;
        let micros = i64::from_be_bytes(micros.try_into().map_err(|_| invalid())?);
        let id = Uuid::from_slice(id).map_err(|_| invalid())?;
        let due_at = match flag {
            0 => None,
            1 => Some(DateTime::from_timestamp_micros(micros).ok_or_else(invalid)?),
            _ => return Err(invalid()),
        };
        Ok(Self { due_at, id })
    }

    /// Rows that come after this cursor in (due time, nulls last; id) order.
    fn after(&self) -> Condition {
        match self.due_at {
            Some(due) => Condition::any()
                .add(Column::DueAt.gt(due))
                .add(Condition::all().add(Column::DueAt.eq(due)).add(Column::Id.gt(self.id)))
                .add(Column::DueAt.is_null()),
            None => Condition::all()
                .add(Column::DueAt.is_null())
                .add(Column::Id.gt(self.id)),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct TaskFilter {
    pub assignee_id: Option<UserId>,
    /// Only tasks assigned to the caller.
    pub mine: bool,
    pub status: Option<TaskStatus>,
    pub due: Option<DueFilter>,
    pub contact_id: Option<ContactId>,
    pub lead_id: Option<LeadId>,
    pub deal_id: Option<DealId>,
    /// Part of the title, any case.
    pub q: Option<String>,
}

/// Tasks the caller may see, soonest due first.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: TaskFilter,
    cursor: Option<TaskCursor>,
    limit: u64,
) -> ApiResult<Page<Task>> {
    let tenant = by.tenant()?;
    let mut query = visible(by)?;
    if filter.mine {
        let me = by.user_id().ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "mine",
                "user_required",
                "an API key has no tasks of its own; filter by assignee_id",
            )])
        })?;
        query = query.filter(Column::AssigneeId.eq(me.0));
    }
    if let Some(assignee) = filter.assignee_id {
        query = query.filter(Column::AssigneeId.eq(assignee.0));
    }
    if let Some(status) = filter.status {
        query = query.filter(Column::Status.eq(status.as_str()));
    }
    if let Some(contact) = filter.contact_id {
        query = query.filter(Column::ContactId.eq(contact.0));
    }
    if let Some(lead) = filter.lead_id {
        query = query.filter(Column::LeadId.eq(lead.0));
    }
    if let Some(deal) = filter.deal_id {
        query = query.filter(Column::DealId.eq(deal.0));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        query = query.filter(Column::SearchTitle.like(search::contains(&q.to_lowercase())));
    }
    if let Some(due) = filter.due {
        let now = clock::now();
        query = match due {
            DueFilter::Overdue => query
                .filter(Column::Status.eq(TaskStatus::Open.as_str()))
                .filter(Column::DueAt.lt(now)),
            DueFilter::Today => {
                let (start, end) = dates::today(dates::tenant_zone(db, tenant).await?, now);
                query.filter(Column::DueAt.gte(start)).filter(Column::DueAt.lt(end))
            }
            DueFilter::Upcoming => {
                let (_, tomorrow) = dates::today(dates::tenant_zone(db, tenant).await?, now);
                query.filter(Column::DueAt.gte(tomorrow))
            }
            DueFilter::NoDate => query.filter(Column::DueAt.is_null()),
        };
    }
    let total = query.clone().count(db).await?;
    if let Some(cursor) = cursor {
        query = query.filter(cursor.after());
    }
    let mut rows = query
        .order_by_with_nulls(Column::DueAt, Order::Asc, NullOrdering::Last)
        .order_by_asc(Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| TaskCursor::of(row).encode())
    } else {
        None
    };
    Ok(Page {
        items: rows.into_iter().map(Into::into).collect(),
        next_cursor,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_with_and_without_a_due_time() {
        for due_at in [None, Some(clock::now())] {
            let cursor = TaskCursor {
                due_at,
                id: Uuid::now_v7(),
            };
            assert_eq!(TaskCursor::decode(&cursor.encode()).unwrap(), cursor);
        }
    }

    #[test]
    fn garbage_cursors_are_refused() {
        for raw in [
            "",
            "not-a-cursor",
            &URL_SAFE_NO_PAD.encode([7u8; 25]),
            &URL_SAFE_NO_PAD.encode([1u8; 10]),
        ] {
            assert!(TaskCursor::decode(raw).is_err(), "{raw:?}");
        }
    }
}
