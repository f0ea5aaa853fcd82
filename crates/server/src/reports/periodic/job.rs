//! The per-company job `reports.periodic`: when it runs it generates the finished periods not
//! yet generated (yesterday, last week, last month in the company's time zone; on the first
//! run only the latest of each kind, and never a period that ended before the company
//! existed), then queues itself for the next local midnight plus a few minutes.
//!
//! It is queued when a company registers or is seeded ([`ensure_scheduled`]) and, for
//! companies from before, once at server start ([`ensure_all`]).

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_types::TenantId;
use voronka_types::periodic::PeriodicKind;

use super::entity::{Column, Entity as Reports};
use super::store;
use crate::ai::window::Company;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, Job, JobError, JobStatus, NewJob, entity as job};
use crate::mail::Mailer;
use crate::startup::AppState;
use crate::tenants;

pub const JOB_KIND: &str = "reports.periodic";

/// How long after local midnight the job runs, so the day's last writes are in.
pub fn after_midnight() -> Duration {
    Duration::minutes(5)
}

/// A new company's first run waits at least this long: its first day has little to report.
pub fn first_run_delay() -> Duration {
    Duration::hours(6)
}

/// At most this many missed periods of a kind are caught up after an outage.
fn catch_up_limit(kind: PeriodicKind) -> usize {
    match kind {
        PeriodicKind::Daily => 31,
        PeriodicKind::Weekly => 5,
        PeriodicKind::Monthly => 2,
    }
}

/// The period of `kind` that contains `day`.
pub fn period_of(kind: PeriodicKind, day: NaiveDate) -> Period {
    match kind {
        PeriodicKind::Daily => Period { from: day, to: day },
        PeriodicKind::Weekly => {
            let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
            Period {
                from,
                to: from + Duration::days(6),
            }
        }
        PeriodicKind::Monthly => {
            let from = day.with_day(1).unwrap_or(day);
            let to = from
                .checked_add_months(Months::new(1))
                .map_or(from, |next| next - Duration::days(1));
            Period { from, to }
        }
    }
}

/// The latest period of `kind` that has ended by the start of `today`.
pub fn latest_finished(kind: PeriodicKind, today: NaiveDate) -> Period {
    let current = period_of(kind, today);
    period_of(kind, current.from - Duration::days(1))
}

/// The finished periods of `kind` to generate on `today`, oldest first: the latest one, plus
/// those missed since `last_generated` (its start), at most [`catch_up_limit`]; none that
/// ended before `company_since`.
pub fn due_periods(
    kind: PeriodicKind,
    today: NaiveDate,
    last_generated: Option<NaiveDate>,
    company_since: NaiveDate,
) -> Vec<Period> {
    let latest = latest_finished(kind, today);
    let mut due = vec![latest];
    if let Some(last) = last_generated {
        let mut period = latest;
        while due.len() < catch_up_limit(kind) {
            period = period_of(kind, period.from - Duration::days(1));
            if period.from <= last {
                break;
            }
            due.push(period);
        }
    }
    due.retain(|p| p.to >= company_since && last_generated.is_none_or(|last| p.from > last));
    due.reverse();
    due
}

/// The next run after `now`: the coming local midnight plus [`after_midnight`].
pub fn next_run(company: &Company, now: DateTime<Utc>) -> DateTime<Utc> {
    company.end_of(company.day_of(now)) + after_midnight()
}

async fn pending(db: &impl ConnectionTrait, tenant: Uuid, statuses: &[JobStatus]) -> ApiResult<u64> {
    Ok(job::Entity::find()
        .filter(job::Column::Kind.eq(JOB_KIND))
        .filter(job::Column::TenantId.eq(tenant))
        .filter(job::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .count(db)
        .await?)
}

/// Queues the company's job (first run at least [`first_run_delay`] after `now`) unless one is
/// pending or running. Call it inside the transaction that creates the company.
pub async fn ensure_scheduled(db: &impl ConnectionTrait, tenant: TenantId, now: DateTime<Utc>) -> ApiResult<()> {
    if pending(db, tenant.0, &[JobStatus::Pending, JobStatus::Running]).await? > 0 {
        return Ok(());
    }
    let company = Company::load(db, tenant).await?;
    let at = Ord::max(next_run(&company, now), now + first_run_delay());
    jobs::enqueue(db, NewJob::new(JOB_KIND, Some(tenant), json!({}), at)).await?;
    Ok(())
}

/// Queues the job of every company that has none (companies from before periodic reports).
pub async fn ensure_all(db: &impl ConnectionTrait, now: DateTime<Utc>) -> ApiResult<usize> {
    let scheduled: HashSet<Option<Uuid>> = job::Entity::find()
        .select_only()
        .column(job::Column::TenantId)
        .filter(job::Column::Kind.eq(JOB_KIND))
        .filter(job::Column::Status.is_in([JobStatus::Pending.as_str(), JobStatus::Running.as_str()]))
        .into_tuple::<Option<Uuid>>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let companies: Vec<Uuid> = tenants::entity::Entity::find()
        .select_only()
        .column(tenants::entity::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut queued = 0;
    for tenant in companies.into_iter().filter(|t| !scheduled.contains(&Some(*t))) {
        ensure_scheduled(db, TenantId(tenant), now).await?;
        queued += 1;
    }
    Ok(queued)
}

/// The job handler: generates the due reports as of the pass's clock, then queues the next run
/// (unless another run of the company is already pending).
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let Some(tenant) = job.tenant else {
        return Err(JobError::Permanent(anyhow::anyhow!("periodic reports need a company")));
    };
    let now = job.now;
    let mut company = match Company::load(&state.db, tenant).await {
        Ok(company) => company,
        Err(ApiError::NotFound(_)) => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    company.today = company.day_of(now);
    let gap = crate::worktime::activity::idle_gap(&state.config);
    generate_due(&state.db, Some(&state.mailer), &company, now, gap).await?;
    if pending(&state.db, tenant.0, &[JobStatus::Pending]).await? == 0 {
        let at = next_run(&company, now);
        jobs::enqueue(&state.db, NewJob::new(JOB_KIND, Some(tenant), json!({}), at)).await?;
    }
    Ok(())
}

/// Generates every due report of the company as of `company.today` (see [`due_periods`]);
/// answers how many were new.
pub async fn generate_due(
    db: &(impl ConnectionTrait + sea_orm::TransactionTrait),
    mailer: Option<&Mailer>,
    company: &Company,
    now: DateTime<Utc>,
    gap: chrono::TimeDelta,
) -> ApiResult<usize> {
    let since = tenants::service::find(db, company.tenant)
        .await?
        .map_or(company.today, |t| company.day_of(t.created_at));
    let mut generated = 0;
    for kind in PeriodicKind::ALL {
        let last: Option<NaiveDate> = Reports::find()
            .select_only()
            .column(Column::PeriodFrom)
            .filter(Column::CompanyId.eq(company.tenant.0))
            .filter(Column::Kind.eq(kind.as_str()))
            .order_by_desc(Column::PeriodFrom)
            .limit(1)
            .into_tuple()
            .one(db)
            .await?;
        for period in due_periods(kind, company.today, last, since) {
            if store::generate(db, mailer, company, kind, period, now, gap)
                .await?
                .is_some()
            {
                generated += 1;
            }
        }
    }
    Ok(generated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn spans(periods: &[Period]) -> Vec<String> {
        periods.iter().map(|p| format!("{}..{}", p.from, p.to)).collect()
    }

    #[test]
    fn the_latest_finished_periods_are_yesterday_last_week_and_last_month() {
        let monday = day("2026-11-16");
        let show = |k| {
            let p = latest_finished(k, monday);
            format!("{}..{}", p.from, p.to)
        };
        assert_eq!(show(PeriodicKind::Daily), "2026-11-15..2026-11-15");
        assert_eq!(show(PeriodicKind::Weekly), "2026-11-09..2026-11-15");
        assert_eq!(show(PeriodicKind::Monthly), "2026-10-01..2026-10-31");
        let p = latest_finished(PeriodicKind::Monthly, day("2026-03-01"));
        assert_eq!((p.from, p.to), (day("2026-02-01"), day("2026-02-28")));
    }

    #[test]
    fn a_first_run_makes_only_the_latest_report_and_later_runs_catch_up_what_was_missed() {
        let today = day("2026-11-20");
        let since = day("2020-01-01");
        let first = due_periods(PeriodicKind::Daily, today, None, since);
        assert_eq!(spans(&first), ["2026-11-19..2026-11-19"]);
        let after_outage = due_periods(PeriodicKind::Daily, today, Some(day("2026-11-16")), since);
        assert_eq!(
            spans(&after_outage),
            [
                "2026-11-17..2026-11-17",
                "2026-11-18..2026-11-18",
                "2026-11-19..2026-11-19"
            ]
        );
        assert!(due_periods(PeriodicKind::Weekly, today, Some(day("2026-11-09")), since).is_empty());
        let long_ago = due_periods(PeriodicKind::Daily, today, Some(day("2025-01-01")), since);
        assert_eq!(long_ago.len(), 31);
    }

    #[test]
    fn no_report_covers_only_days_before_the_company_existed() {
        let due = due_periods(PeriodicKind::Monthly, day("2026-11-16"), None, day("2026-11-02"));
        assert!(due.is_empty());
        let due = due_periods(PeriodicKind::Weekly, day("2026-11-16"), None, day("2026-11-15"));
        assert_eq!(spans(&due), ["2026-11-09..2026-11-15"]);
    }
}
