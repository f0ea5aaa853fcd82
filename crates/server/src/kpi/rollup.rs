//! The KPI roll-up on PostgreSQL (`kpi_days`, migration `m20261129_000002_kpi_days`): each
//! manager's counts per company-local day.
//!
//! Triggers note the days a write touches in `kpi_dirty`. Before the roll-up is read,
//! [`refresh`] recomputes the noted days from the tables, so the figures always match them.
//! A change of the company's time zone or currency rebuilds its roll-up. Tasks overdue from
//! today on are counted from the tables by the caller: they become overdue as time passes.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use uuid::Uuid;
use voronka_insights::sales::Period;

use super::days::count_of;
use super::tally::Board;
use crate::ai::window::Company;
use crate::error::ApiResult;

/// Days recomputed per statement.
const CHUNK: usize = 1000;

/// Whether `db` keeps the roll-up (PostgreSQL only).
pub fn kept_by(db: &impl ConnectionTrait) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

fn statement(sql: impl Into<String>, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// Recomputes the days of `days` (manager, local day) from the tables.
const RECOMPUTE: &str = "
INSERT INTO kpi_days (tenant_id, user_id, day, leads_received, leads_with_deal, response_secs, deals_created,
  deals_won, deals_lost, revenue_minor, deals_won_other_currencies, tasks_completed, tasks_overdue)
SELECT $1, k.user_id, k.day, l.received, l.with_deal, l.waits, dc.n, dl.won, dl.lost, dl.revenue, dl.other, tc.n, tov.n
FROM (VALUES {keys}) AS k(user_id, day)
CROSS JOIN LATERAL (SELECT timezone($2, k.day::timestamp) AS s, timezone($2, (k.day + 1)::timestamp) AS e) w
CROSS JOIN LATERAL (
  SELECT COUNT(*) AS received, COUNT(deal_id) AS with_deal,
    COALESCE(array_agg(LEAST(GREATEST(trunc(EXTRACT(EPOCH FROM first_response_at - created_at)), 0), 2147483647)::integer)
      FILTER (WHERE first_response_at IS NOT NULL), '{}') AS waits
  FROM leads WHERE tenant_id = $1 AND owner_id = k.user_id AND created_at >= w.s AND created_at < w.e) l
CROSS JOIN LATERAL (
  SELECT COUNT(*) AS n FROM deals
  WHERE tenant_id = $1 AND owner_id = k.user_id AND created_at >= w.s AND created_at < w.e) dc
CROSS JOIN LATERAL (
  SELECT COUNT(*) FILTER (WHERE status = 'won') AS won, COUNT(*) FILTER (WHERE status = 'lost') AS lost,
    CAST(COALESCE(SUM(amount_minor) FILTER (WHERE status = 'won' AND currency = $3), 0) AS BIGINT) AS revenue,
    COUNT(*) FILTER (WHERE status = 'won' AND currency <> $3) AS other
  FROM deals WHERE tenant_id = $1 AND owner_id = k.user_id AND status IN ('won', 'lost')
    AND closed_at >= w.s AND closed_at < w.e) dl
CROSS JOIN LATERAL (
  SELECT COUNT(*) AS n FROM tasks
  WHERE tenant_id = $1 AND assignee_id = k.user_id AND status = 'completed'
    AND completed_at >= w.s AND completed_at < w.e) tc
CROSS JOIN LATERAL (
  SELECT COUNT(*) AS n FROM tasks
  WHERE tenant_id = $1 AND assignee_id = k.user_id AND due_at >= w.s AND due_at < w.e
    AND (completed_at IS NULL OR completed_at > due_at)) tov
ON CONFLICT (tenant_id, user_id, day) DO UPDATE SET
  leads_received = excluded.leads_received, leads_with_deal = excluded.leads_with_deal,
  response_secs = excluded.response_secs, deals_created = excluded.deals_created,
  deals_won = excluded.deals_won, deals_lost = excluded.deals_lost, revenue_minor = excluded.revenue_minor,
  deals_won_other_currencies = excluded.deals_won_other_currencies,
  tasks_completed = excluded.tasks_completed, tasks_overdue = excluded.tasks_overdue";

/// Every day of the company that has an event, noted as dirty (for a rebuild).
const MARK_ALL: &str = "
INSERT INTO kpi_dirty (tenant_id, user_id, day, marked_at)
SELECT $1::uuid, user_id, day, clock_timestamp() FROM (
  SELECT owner_id AS user_id, CAST(timezone($2, created_at) AS date) AS day FROM leads WHERE tenant_id = $1
  UNION SELECT owner_id, CAST(timezone($2, created_at) AS date) FROM deals WHERE tenant_id = $1
  UNION SELECT owner_id, CAST(timezone($2, closed_at) AS date) FROM deals WHERE tenant_id = $1
  UNION SELECT assignee_id, CAST(timezone($2, completed_at) AS date) FROM tasks WHERE tenant_id = $1
  UNION SELECT assignee_id, CAST(timezone($2, due_at) AS date) FROM tasks WHERE tenant_id = $1
) d WHERE user_id IS NOT NULL AND day IS NOT NULL
ON CONFLICT (tenant_id, user_id, day) DO UPDATE SET marked_at = excluded.marked_at";

/// Brings the company's roll-up up to date with its tables.
pub async fn refresh(db: &impl ConnectionTrait, company: &Company) -> ApiResult<()> {
    let tenant = company.tenant.0;
    let zone = company.zone.name();
    let state = db
        .query_one_raw(statement(
            "SELECT time_zone, currency FROM kpi_rollup_state WHERE tenant_id = $1",
            vec![tenant.into()],
        ))
        .await?;
    let current = match &state {
        Some(row) => {
            let (time_zone, currency): (String, String) = (row.try_get("", "time_zone")?, row.try_get("", "currency")?);
            time_zone == zone && currency == company.currency
        }
        None => false,
    };
    if !current {
        db.execute_raw(statement(
            "DELETE FROM kpi_days WHERE tenant_id = $1",
            vec![tenant.into()],
        ))
        .await?;
        db.execute_raw(statement(MARK_ALL, vec![tenant.into(), zone.into()]))
            .await?;
    }
    let dirty = db
        .query_all_raw(statement(
            "SELECT user_id, day, marked_at FROM kpi_dirty WHERE tenant_id = $1",
            vec![tenant.into()],
        ))
        .await?;
    let mut days: Vec<(Uuid, NaiveDate, DateTime<Utc>)> = Vec::with_capacity(dirty.len());
    for row in &dirty {
        days.push((
            row.try_get("", "user_id")?,
            row.try_get("", "day")?,
            row.try_get("", "marked_at")?,
        ));
    }
    for chunk in days.chunks(CHUNK) {
        recompute(db, company, chunk).await?;
    }
    if !current {
        db.execute_raw(statement(
            "INSERT INTO kpi_rollup_state (tenant_id, time_zone, currency) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, currency = excluded.currency",
            vec![tenant.into(), zone.into(), company.currency.clone().into()],
        ))
        .await?;
    }
    Ok(())
}

/// Recomputes `days` and forgets them as dirty unless marked again meanwhile.
async fn recompute(
    db: &impl ConnectionTrait,
    company: &Company,
    days: &[(Uuid, NaiveDate, DateTime<Utc>)],
) -> ApiResult<()> {
    let fixed = 3;
    let keys: Vec<String> = (0..days.len())
        .map(|i| format!("(${}::uuid, ${}::date)", fixed + 2 * i + 1, fixed + 2 * i + 2))
        .collect();
    let mut values: Vec<Value> = vec![
        company.tenant.0.into(),
        company.zone.name().into(),
        company.currency.clone().into(),
    ];
    for (user, day, _) in days {
        values.push((*user).into());
        values.push((*day).into());
    }
    db.execute_raw(statement(RECOMPUTE.replace("{keys}", &keys.join(", ")), values))
        .await?;
    let seen: Vec<String> = (0..days.len())
        .map(|i| {
            format!(
                "(${}::uuid, ${}::date, ${}::timestamptz)",
                3 * i + 2,
                3 * i + 3,
                3 * i + 4
            )
        })
        .collect();
    let mut values: Vec<Value> = vec![company.tenant.0.into()];
    for (user, day, marked_at) in days {
        values.push((*user).into());
        values.push((*day).into());
        values.push((*marked_at).into());
    }
    db.execute_raw(statement(
        format!(
            "DELETE FROM kpi_dirty WHERE tenant_id = $1 AND (user_id, day, marked_at) IN (VALUES {})",
            seen.join(", ")
        ),
        values,
    ))
    .await?;
    Ok(())
}

/// Adds the roll-up of `ids` over `period` to `board`; tasks overdue only for the days
/// before `today` (the caller counts the rest as of now).
pub async fn add(
    db: &impl ConnectionTrait,
    company: &Company,
    ids: &[Uuid],
    period: Period,
    today: NaiveDate,
    board: &mut Board,
) -> ApiResult<()> {
    let (from, to) = (period.from, period.to);
    if from > to || ids.is_empty() {
        return Ok(());
    }
    refresh(db, company).await?;
    let managers: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 4)).collect();
    let mut values: Vec<Value> = vec![company.tenant.0.into(), from.into(), to.into()];
    values.extend(ids.iter().map(|id| Value::from(*id)));
    let rows = db
        .query_all_raw(statement(
            format!(
                "SELECT user_id, day, leads_received, leads_with_deal, response_secs, deals_created, deals_won, \
                 deals_lost, revenue_minor, deals_won_other_currencies, tasks_completed, tasks_overdue \
                 FROM kpi_days WHERE tenant_id = $1 AND day >= $2 AND day <= $3 AND user_id IN ({})",
                managers.join(", ")
            ),
            values,
        ))
        .await?;
    for row in &rows {
        let day: NaiveDate = row.try_get("", "day")?;
        let tally = board.at(row.try_get("", "user_id")?, day);
        let waits: Vec<i32> = row.try_get("", "response_secs")?;
        tally.leads_received += count_of(row, "leads_received")?;
        tally.leads_with_deal += count_of(row, "leads_with_deal")?;
        tally.leads_taken += waits.len() as u64;
        tally
            .response_minutes
            .extend(waits.iter().map(|secs| *secs as f64 / 60.0));
        tally.deals_created += count_of(row, "deals_created")?;
        tally.deals_won += count_of(row, "deals_won")?;
        tally.deals_lost += count_of(row, "deals_lost")?;
        tally.revenue_minor += row.try_get::<i64>("", "revenue_minor")?;
        tally.deals_won_other_currencies += count_of(row, "deals_won_other_currencies")?;
        tally.tasks_completed += count_of(row, "tasks_completed")?;
        if day < today {
            tally.tasks_overdue += count_of(row, "tasks_overdue")?;
        }
    }
    Ok(())
}
