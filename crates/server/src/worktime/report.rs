//! `GET /worktime`: per user per day first in, last out, active, idle, late, early leave and
//! overtime, with "online now". Sessions are read once for the period and grouped in Rust.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use voronka_insights::sales::Period;
use voronka_insights::worktime::{Span, day_figures, minutes};
use voronka_types::worktime::{UserWorkTime, WeekSchedule, WorkDay, WorkSessionSpan, WorkTimeReport, WorkTotals};
use voronka_types::{TenantId, UserId};

use super::activity::zone_of;
use super::entity::work_session::{self, Entity as WorkSessions};
use super::schedule::{self, require_self_or_team, shift_on};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::users::entity::{self as user, Entity as Users};
use crate::users::service::find_in_tenant;

/// The longest period a work-time or KPI query reads: 366 days.
pub const MAX_DAYS: i64 = 366;

/// `from`/`to` (company days): `to` defaults to today, `from` to the 7 days ending at `to`;
/// `from` after `to` names `from`, a period over [`MAX_DAYS`] names `to`.
pub fn period(from: Option<NaiveDate>, to: Option<NaiveDate>, today: NaiveDate) -> ApiResult<Period> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(6));
    if from > to {
        return Err(ApiError::field("from", "after_to", "must not be after `to`"));
    }
    let period = Period { from, to };
    if period.days() > MAX_DAYS {
        return Err(ApiError::field(
            "to",
            "period_too_long",
            format!(
                "a period may span at most {MAX_DAYS} days; this one spans {}",
                period.days()
            ),
        ));
    }
    Ok(period)
}

/// The users a caller asks about: `user_id` (self, or anyone with the team permission; 404 for
/// other tenants), or without it the caller alone or, with the team permission, the whole team.
pub async fn users_in_view(
    db: &impl ConnectionTrait,
    principal: &Principal,
    asked: Option<UserId>,
) -> ApiResult<Vec<user::Model>> {
    let tenant = principal.tenant()?;
    if let Some(asked) = asked {
        let found = find_in_tenant(db, tenant, asked).await?;
        require_self_or_team(principal, asked)?;
        return Ok(vec![found]);
    }
    if principal.has(schedule::TEAM_PERMISSION) {
        return Ok(Users::find()
            .filter(user::Column::TenantId.eq(tenant.0))
            .order_by_asc(user::Column::Name)
            .order_by_asc(user::Column::Id)
            .all(db)
            .await?);
    }
    let (me, _) = principal.require_user()?;
    Ok(vec![find_in_tenant(db, tenant, me).await?])
}

/// Builds the report for `users` over `period` as of `now`.
pub async fn build(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    users: Vec<user::Model>,
    period: Period,
    now: DateTime<Utc>,
    gap: TimeDelta,
) -> ApiResult<WorkTimeReport> {
    let zone = zone_of(db, tenant).await?;
    let ids: Vec<UserId> = users.iter().map(|u| UserId(u.id)).collect();
    let schedules = schedule::read_many(db, tenant, &ids).await?;
    let sessions = WorkSessions::find()
        .filter(work_session::Column::TenantId.eq(tenant.0))
        .filter(work_session::Column::UserId.is_in(ids.iter().map(|u| u.0)))
        .filter(work_session::Column::Day.gte(period.from))
        .filter(work_session::Column::Day.lte(period.to))
        .order_by_asc(work_session::Column::StartedAt)
        .all(db)
        .await?;
    let mut by_user: HashMap<UserId, BTreeMap<NaiveDate, Vec<Span>>> = HashMap::new();
    for s in sessions {
        by_user
            .entry(UserId(s.user_id))
            .or_default()
            .entry(s.day)
            .or_default()
            .push(Span::new(s.started_at, s.last_seen_at.max(s.started_at)));
    }
    let last_seen = last_seen(db, tenant, &ids).await?;
    let today = now.with_timezone(&zone).date_naive();
    let users = users
        .into_iter()
        .map(|u| {
            let id = UserId(u.id);
            let default_week = WeekSchedule::default();
            let week = schedules.get(&id).unwrap_or(&default_week);
            let days = by_user.remove(&id).unwrap_or_default();
            let seen = last_seen.get(&id).copied();
            let online_now = seen.is_some_and(|(at, closed)| !closed && now - at <= gap && at <= now);
            let counted_from = u.start_date.map_or(period.from, |d| d.max(period.from));
            let absent_days = absent_days(week, zone, counted_from, period.to.min(today), &days);
            user_work_time(u, week, zone, days, online_now, seen.map(|(at, _)| at), absent_days)
        })
        .collect();
    Ok(WorkTimeReport {
        from: period.from,
        to: period.to,
        time_zone: zone.name().to_owned(),
        idle_gap_minutes: gap.num_minutes(),
        users,
    })
}

fn user_work_time(
    u: user::Model,
    week: &WeekSchedule,
    zone: Tz,
    days: BTreeMap<NaiveDate, Vec<Span>>,
    online_now: bool,
    last_seen_at: Option<DateTime<Utc>>,
    absent_days: u32,
) -> UserWorkTime {
    let mut totals = WorkTotals {
        absent_days,
        ..WorkTotals::default()
    };
    let days: Vec<WorkDay> = days
        .into_iter()
        .filter_map(|(date, spans)| {
            let bounds = voronka_insights::worktime::bounds(&spans)?;
            let shift = shift_on(week, zone, date);
            let figures = day_figures(&spans, shift.as_ref().map(|(_, span)| *span));
            let day = WorkDay {
                date,
                scheduled: shift.map(|(hours, _)| hours),
                first_in: bounds.start,
                last_out: bounds.end,
                active_minutes: minutes(figures.active_secs),
                idle_minutes: minutes(figures.idle_secs),
                late_minutes: minutes(figures.late_secs),
                early_leave_minutes: minutes(figures.early_leave_secs),
                overtime_minutes: minutes(figures.overtime_secs),
                sessions: spans
                    .iter()
                    .map(|s| WorkSessionSpan {
                        start: s.start,
                        end: s.end,
                    })
                    .collect(),
            };
            totals.days_worked += 1;
            totals.active_minutes += day.active_minutes;
            totals.idle_minutes += day.idle_minutes;
            totals.late_minutes += day.late_minutes;
            totals.early_leave_minutes += day.early_leave_minutes;
            totals.overtime_minutes += day.overtime_minutes;
            Some(day)
        })
        .collect();
    UserWorkTime {
        user_id: UserId(u.id),
        name: u.name,
        online_now,
        last_seen_at,
        totals,
        days,
    }
}

/// Scheduled days from `from` to `to` without any session.
fn absent_days(
    week: &WeekSchedule,
    zone: Tz,
    from: NaiveDate,
    to: NaiveDate,
    worked: &BTreeMap<NaiveDate, Vec<Span>>,
) -> u32 {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| shift_on(week, zone, *d).is_some() && !worked.contains_key(d))
        .count() as u32
}

/// Each user's latest signal and whether that session was checked out.
async fn last_seen(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    users: &[UserId],
) -> ApiResult<HashMap<UserId, (DateTime<Utc>, bool)>> {
    let mut latest: HashMap<UserId, (DateTime<Utc>, bool)> = HashMap::new();
    for user in users {
        let row: Option<(DateTime<Utc>, Option<DateTime<Utc>>)> = WorkSessions::find()
            .select_only()
            .column(work_session::Column::LastSeenAt)
            .column(work_session::Column::ClosedAt)
            .filter(work_session::Column::TenantId.eq(tenant.0))
            .filter(work_session::Column::UserId.eq(user.0))
            .order_by_desc(work_session::Column::LastSeenAt)
            .limit(1)
            .into_tuple()
            .one(db)
            .await?;
        if let Some((at, closed)) = row {
            latest.insert(*user, (at, closed.is_some()));
        }
    }
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn periods_are_at_most_a_leap_year_and_never_reversed() {
        let today = day("2026-11-23");
        let p = period(None, None, today).unwrap();
        assert_eq!((p.from, p.to), (day("2026-11-17"), today));
        assert!(period(Some(day("2025-11-23")), Some(day("2026-11-23")), today).is_ok());
        let long = period(Some(day("2025-11-22")), Some(day("2026-11-23")), today).unwrap_err();
        assert_eq!(long.problem().errors[0].field, "to");
        let reversed = period(Some(day("2026-11-24")), Some(day("2026-11-23")), today).unwrap_err();
        assert_eq!(reversed.problem().errors[0].field, "from");
    }

    #[test]
    fn absent_days_count_scheduled_days_without_work() {
        let zone = Tz::UTC;
        let mut worked = BTreeMap::new();
        worked.insert(day("2026-11-23"), vec![]);
        // Monday 23 to Sunday 29: five working days, one worked.
        let absent = absent_days(
            &WeekSchedule::default(),
            zone,
            day("2026-11-23"),
            day("2026-11-29"),
            &worked,
        );
        assert_eq!(absent, 4);
    }
}
