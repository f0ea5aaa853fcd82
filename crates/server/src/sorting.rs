//! Keyset pages in any sort order: the cursor carries the sort key and id of the last row,
//! so the next page continues exactly after it however many rows arrive meanwhile. Nullable
//! sort keys put rows without a value last, in both directions.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{NullOrdering, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use voronka_types::{Direction, Page};

use crate::error::{ApiError, ApiResult};

/// The sort key of one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SortValue {
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
    Date(NaiveDate),
    Null,
}

impl SortValue {
    fn to_value(&self) -> Option<Value> {
        match self {
            SortValue::Int(v) => Some((*v).into()),
            SortValue::Text(v) => Some(v.clone().into()),
            SortValue::Time(v) => Some((*v).into()),
            SortValue::Date(v) => Some((*v).into()),
            SortValue::Null => None,
        }
    }
}

impl From<Option<i64>> for SortValue {
    fn from(v: Option<i64>) -> Self {
        v.map_or(SortValue::Null, SortValue::Int)
    }
}

impl From<Option<DateTime<Utc>>> for SortValue {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        v.map_or(SortValue::Null, SortValue::Time)
    }
}

impl From<Option<NaiveDate>> for SortValue {
    fn from(v: Option<NaiveDate>) -> Self {
        v.map_or(SortValue::Null, SortValue::Date)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Cursor {
    /// The sort it belongs to, e.g. `score:desc`.
    s: String,
    v: SortValue,
    i: Uuid,
}

/// What page of a list a request asks for: the sort, an optional direction overriding the
/// sort's natural one, the cursor of the previous page and the page size.
#[derive(Debug, Clone)]
pub struct PageRequest<S> {
    pub sort: S,
    pub direction: Option<Direction>,
    pub cursor: Option<String>,
    pub limit: u64,
}

/// How a list is ordered: by `column` (ties broken by id), or by id alone when `column` is
/// `None` (UUIDv7 ids sort by creation time).
pub struct SortSpec<E: EntityTrait> {
    pub name: &'static str,
    pub column: Option<E::Column>,
    pub nullable: bool,
    pub direction: Direction,
}

impl<E: EntityTrait> SortSpec<E> {
    fn tag(&self) -> String {
        let dir = match self.direction {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        };
        format!("{}:{dir}", self.name)
    }

    fn order(&self) -> Order {
        match self.direction {
            Direction::Asc => Order::Asc,
            Direction::Desc => Order::Desc,
        }
    }
}

fn invalid_cursor() -> ApiError {
    ApiError::field(
        "cursor",
        "invalid_cursor",
        "the cursor is not one this API gave out for this sort",
    )
}

fn encode(spec_tag: String, value: SortValue, id: Uuid) -> String {
    let json = serde_json::to_vec(&Cursor {
        s: spec_tag,
        v: value,
        i: id,
    })
    .unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// Reads a cursor given out for `spec`; anything else is a 422 naming `cursor`.
fn decode<E: EntityTrait>(spec: &SortSpec<E>, cursor: &str) -> ApiResult<(SortValue, Uuid)> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid_cursor())?;
    let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid_cursor())?;
    if cursor.s != spec.tag() {
        return Err(invalid_cursor());
    }
    Ok((cursor.v, cursor.i))
}

/// The rows strictly after (`value`, `id`) in the spec's order.
fn after<E: EntityTrait>(spec: &SortSpec<E>, id_col: E::Column, value: &SortValue, id: Uuid) -> Condition {
    let desc = spec.direction == Direction::Desc;
    let id_after = if desc { id_col.lt(id) } else { id_col.gt(id) };
    let Some(column) = spec.column else {
        return Condition::all().add(id_after);
    };
    match value.to_value() {
        Some(v) => {
            let beyond = if desc {
                column.lt(v.clone())
            } else {
                column.gt(v.clone())
            };
            let mut any = Condition::any()
                .add(beyond)
                .add(Condition::all().add(column.eq(v)).add(id_after));
            if spec.nullable {
                any = any.add(column.is_null());
            }
            any
        }
        None => Condition::all().add(column.is_null()).add(id_after),
    }
}

/// One page of `query` in the order of `spec`, with the total number of matches.
pub async fn sorted_page<E, T>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    id_col: E::Column,
    spec: &SortSpec<E>,
    key_of: impl Fn(&E::Model) -> (SortValue, Uuid),
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<T>>
where
    E: EntityTrait,
    E::Model: Sync,
    T: From<E::Model>,
{
    sorted_page_of(db, query, id_col, spec, key_of, cursor, limit, None).await
}

/// [`sorted_page`] with the total number of matches already known (e.g. from a roll-up),
/// or counted when `None`.
#[allow(clippy::too_many_arguments)]
pub async fn sorted_page_of<E, T>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    id_col: E::Column,
    spec: &SortSpec<E>,
    key_of: impl Fn(&E::Model) -> (SortValue, Uuid),
    cursor: Option<&str>,
    limit: u64,
    known_total: Option<u64>,
) -> ApiResult<Page<T>>
where
    E: EntityTrait,
    E::Model: Sync,
    T: From<E::Model>,
{
    let position = cursor.map(|c| decode(spec, c)).transpose()?;
    let total = match known_total {
        Some(total) => total,
        None => query.clone().count(db).await?,
    };
    let mut query = query;
    if let Some((value, id)) = &position {
        query = query.filter(after(spec, id_col, value, *id));
    }
    if let Some(column) = spec.column {
        query = if spec.nullable {
            query.order_by_with_nulls(column, spec.order(), NullOrdering::Last)
        } else {
            query.order_by(column, spec.order())
        };
    }
    let mut rows = query.order_by(id_col, spec.order()).limit(limit + 1).all(db).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| {
            let (value, id) = key_of(row);
            encode(spec.tag(), value, id)
        })
    } else {
        None
    };
    Ok(Page {
        items: rows.into_iter().map(Into::into).collect(),
        next_cursor,
        total,
    })
}

/// `query` narrowed to rows whose `column` lies between `from` and `to` (inclusive, either end
/// open): the created/updated ranges of every list.
pub fn within<E: EntityTrait>(
    query: Select<E>,
    column: E::Column,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Select<E> {
    let query = match from {
        Some(from) => query.filter(column.gte(from)),
        None => query,
    };
    match to {
        Some(to) => query.filter(column.lte(to)),
        None => query,
    }
}

/// A cursor to continue after a row (used by board columns, whose first page is read apart).
pub fn cursor_after<E: EntityTrait>(spec: &SortSpec<E>, value: SortValue, id: Uuid) -> String {
    encode(spec.tag(), value, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_only_work_for_the_sort_that_made_them() {
        use crate::contacts::entity::contact::{Column, Entity};
        let by_name = SortSpec::<Entity> {
            name: "name",
            column: Some(Column::Name),
            nullable: false,
            direction: Direction::Asc,
        };
        let by_name_desc = SortSpec::<Entity> {
            direction: Direction::Desc,
            ..by_name
        };
        let by_name = SortSpec::<Entity> {
            direction: Direction::Asc,
            ..by_name_desc
        };
        let id = Uuid::now_v7();
        let cursor = cursor_after(&by_name, SortValue::Text("anna".into()), id);
        assert_eq!(decode(&by_name, &cursor).unwrap(), (SortValue::Text("anna".into()), id));
        assert!(decode(&by_name_desc, &cursor).is_err());
        assert!(decode(&by_name, "garbage").is_err());
        assert!(decode(&by_name, &URL_SAFE_NO_PAD.encode(b"{\"s\":1}")).is_err());
    }
}
