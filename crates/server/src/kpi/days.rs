//! The KPI's events counted per manager and day in the company's time zone.
//!
//! PostgreSQL groups them in SQL (`timezone(zone, at)::date`), so a year of a million leads
//! comes back as one row per manager and day. SQLite has no time zones: it groups by the instant
//! itself and the day is found in Rust. The figures are the same either way (the KPI tests run
//! on both databases).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult};
use uuid::Uuid;

use crate::ai::window::Company;
use crate::error::ApiResult;

/// Whose events, in which company, between which instants.
pub struct Window<'a> {
    pub company: &'a Company,
    pub ids: &'a [Uuid],
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Events of one manager on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayCount {
    pub who: Uuid,
    pub day: NaiveDate,
    pub count: u64,
}

/// Leads of one manager received on one day: how many, how many became a deal, and the
/// seconds from arrival to the first human response of each one taken into work.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadDay {
    pub received: u64,
    pub with_deal: u64,
    pub waits_secs: Vec<i64>,
}

/// Deals of one manager closed on one day with one status and currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedDay {
    pub who: Uuid,
    pub day: NaiveDate,
    pub won: bool,
    pub currency: String,
    pub count: u64,
    pub amount_minor: i64,
}

const DAY: &str = "local_day";

fn col(name: &str) -> SimpleExpr {
    Expr::col(Alias::new(name))
}

/// The company-local day of `column` (PostgreSQL) or the instant itself (SQLite).
fn day_expr(backend: DbBackend, w: &Window<'_>, column: &str) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            format!("CAST(timezone($1, \"{column}\") AS date)"),
            [w.company.zone.name()],
        ),
        _ => col(column),
    }
}

fn day_of(backend: DbBackend, w: &Window<'_>, row: &QueryResult) -> ApiResult<NaiveDate> {
    Ok(match backend {
        DbBackend::Postgres => row.try_get::<NaiveDate>("", DAY)?,
        _ => w.company.day_of(row.try_get::<DateTime<Utc>>("", DAY)?),
    })
}

/// `SELECT who, local_day … FROM table WHERE tenant AND who IN ids AND start <= at < end
/// GROUP BY who, local_day`, to which the caller adds its measures and conditions.
fn grouped(
    backend: DbBackend,
    w: &Window<'_>,
    table: &str,
    who: &str,
    at: &str,
    until: DateTime<Utc>,
) -> SelectStatement {
    let mut query = Query::select();
    query
        .expr_as(col(who), Alias::new("who"))
        .expr_as(day_expr(backend, w, at), Alias::new(DAY))
        .from(Alias::new(table))
        .and_where(col("tenant_id").eq(w.company.tenant.0))
        .and_where(col(who).is_in(w.ids.iter().copied()))
        .and_where(col(at).gte(w.start))
        .and_where(col(at).lt(until))
        .group_by_col(Alias::new("who"))
        .group_by_col(Alias::new(DAY));
    query
}

/// A count column as a `u64` (never negative).
pub fn count_of(row: &QueryResult, column: &str) -> ApiResult<u64> {
    Ok(u64::try_from(row.try_get::<i64>("", column)?).unwrap_or(0))
}

async fn counted(db: &impl ConnectionTrait, w: &Window<'_>, mut query: SelectStatement) -> ApiResult<Vec<DayCount>> {
    let backend = db.get_database_backend();
    query.expr_as(Expr::cust("COUNT(*)"), Alias::new("n"));
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|row| {
            Ok(DayCount {
                who: row.try_get("", "who")?,
                day: day_of(backend, w, row)?,
                count: count_of(row, "n")?,
            })
        })
        .collect()
}

/// Leads received in the window, per owner and day. PostgreSQL answers each group's response
/// times as an array; SQLite one row per arrival instant with each lead's first response.
pub async fn leads(db: &impl ConnectionTrait, w: &Window<'_>) -> ApiResult<Vec<(Uuid, NaiveDate, LeadDay)>> {
    let backend = db.get_database_backend();
    let mut query = grouped(backend, w, "leads", "owner_id", "created_at", w.end);
    query
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(Expr::cust("COUNT(deal_id)"), Alias::new("with_deal"));
    if backend == DbBackend::Postgres {
        query.expr_as(
            Expr::cust(
                "array_agg(GREATEST(trunc(EXTRACT(EPOCH FROM first_response_at - created_at)), 0)::bigint) \
                 FILTER (WHERE first_response_at IS NOT NULL)",
            ),
            Alias::new("waits"),
        );
    } else {
        // Grouped by the instant, so every lead of a group arrived at `local_day`.
        query.expr_as(
            Expr::cust("json_group_array(first_response_at) FILTER (WHERE first_response_at IS NOT NULL)"),
            Alias::new("waits"),
        );
    }
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|row| {
            let waits_secs = if backend == DbBackend::Postgres {
                row.try_get::<Option<Vec<i64>>>("", "waits")?.unwrap_or_default()
            } else {
                let arrived: DateTime<Utc> = row.try_get("", DAY)?;
                let responses: String = row.try_get("", "waits")?;
                sqlite_waits(arrived, &responses)
            };
            let day = LeadDay {
                received: count_of(row, "n")?,
                with_deal: count_of(row, "with_deal")?,
                waits_secs,
            };
            Ok((row.try_get("", "who")?, day_of(backend, w, row)?, day))
        })
        .collect()
}

/// Seconds from `arrived` to each first response in a SQLite JSON array of stored instants.
fn sqlite_waits(arrived: DateTime<Utc>, responses: &str) -> Vec<i64> {
    let stored: Vec<String> = serde_json::from_str(responses).unwrap_or_default();
    stored
        .iter()
        .filter_map(|text| parse_stored(text))
        .map(|responded| Ord::max((responded - arrived).num_seconds(), 0))
        .collect()
}

/// An instant as SQLite stores it (`2026-11-22 10:00:00.123456+00:00`, or RFC 3339).
fn parse_stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%:z")
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// Deals created in the window, per owner and day.
pub async fn deals_created(db: &impl ConnectionTrait, w: &Window<'_>) -> ApiResult<Vec<DayCount>> {
    let query = grouped(db.get_database_backend(), w, "deals", "owner_id", "created_at", w.end);
    counted(db, w, query).await
}

/// Deals won or lost in the window, per owner, closing day, status and currency.
pub async fn deals_closed(db: &impl ConnectionTrait, w: &Window<'_>) -> ApiResult<Vec<ClosedDay>> {
    let backend = db.get_database_backend();
    let mut query = grouped(backend, w, "deals", "owner_id", "closed_at", w.end);
    query
        .column(Alias::new("status"))
        .column(Alias::new("currency"))
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .expr_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), Alias::new("amount"))
        .and_where(col("status").is_in(["won", "lost"]))
        .group_by_col(Alias::new("status"))
        .group_by_col(Alias::new("currency"));
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|row| {
            Ok(ClosedDay {
                who: row.try_get("", "who")?,
                day: day_of(backend, w, row)?,
                won: row.try_get::<String>("", "status")? == "won",
                currency: row.try_get("", "currency")?,
                count: count_of(row, "n")?,
                amount_minor: row.try_get::<Option<i64>>("", "amount")?.unwrap_or(0),
            })
        })
        .collect()
}

/// Tasks completed in the window, per assignee and completion day.
pub async fn tasks_completed(db: &impl ConnectionTrait, w: &Window<'_>) -> ApiResult<Vec<DayCount>> {
    let mut query = grouped(
        db.get_database_backend(),
        w,
        "tasks",
        "assignee_id",
        "completed_at",
        w.end,
    );
    query.and_where(col("status").eq("completed"));
    counted(db, w, query).await
}

/// Tasks due in the window before `now` and not done by their due time, per assignee and due day.
pub async fn tasks_overdue(db: &impl ConnectionTrait, w: &Window<'_>, now: DateTime<Utc>) -> ApiResult<Vec<DayCount>> {
    let until = Ord::min(w.end, now);
    let mut query = grouped(db.get_database_backend(), w, "tasks", "assignee_id", "due_at", until);
    query.and_where(col("completed_at").is_null().or(col("completed_at").gt(col("due_at"))));
    counted(db, w, query).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_response_times_are_whole_seconds_after_arrival_and_never_negative() {
        let arrived: DateTime<Utc> = "2026-11-20T10:00:00.900Z".parse().unwrap();
        let responses =
            r#"["2026-11-20 10:05:00.100000+00:00","2026-11-20 09:00:00+00:00","2026-11-20T11:00:00Z","junk"]"#;
        assert_eq!(sqlite_waits(arrived, responses), vec![299, 0, 3599]);
        assert!(sqlite_waits(arrived, "not json").is_empty());
    }
}
