//! Work schedules: reading one (the default when none is set), replacing it (owner and head of
//! sales), and the scheduled hours of a day as instants.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use voronka_insights::worktime::Span;
use voronka_types::worktime::{DayHours, SetWorkSchedule, WeekSchedule, WorkSchedule};
use voronka_types::{FieldError, Permission, TenantId, UserId};

use super::activity::zone_of;
use super::entity::work_schedule::{self, Entity as WorkSchedules};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::users::service::find_in_tenant;
use crate::validation::Checks;

/// Who may read and set other users' schedules and work time: owners and heads of sales.
pub const TEAM_PERMISSION: Permission = Permission::UsersManage;

/// 403 unless the caller is `user` or may read the team.
pub fn require_self_or_team(principal: &Principal, user: UserId) -> ApiResult<()> {
    if principal.user_id() == Some(user) {
        return Ok(());
    }
    principal.require(TEAM_PERMISSION)
}

/// A user's schedule; 404 for users of other tenants.
pub async fn get(db: &impl ConnectionTrait, principal: &Principal, user: UserId) -> ApiResult<WorkSchedule> {
    let tenant = principal.tenant()?;
    find_in_tenant(db, tenant, user).await?;
    require_self_or_team(principal, user)?;
    read(db, tenant, user).await
}

/// Replaces a user's schedule (owner and head of sales); audited.
pub async fn set(
    db: &impl ConnectionTrait,
    principal: &Principal,
    user: UserId,
    req: SetWorkSchedule,
) -> ApiResult<WorkSchedule> {
    principal.require(TEAM_PERMISSION)?;
    let tenant = principal.tenant()?;
    find_in_tenant(db, tenant, user).await?;
    check(&req.days)?;
    let before = read(db, tenant, user).await?;
    let days = serde_json::to_string(&req.days).map_err(|e| ApiError::Internal(e.into()))?;
    WorkSchedules::insert(work_schedule::ActiveModel {
        user_id: Set(user.0),
        tenant_id: Set(tenant.0),
        days: Set(days),
        updated_at: Set(clock::now()),
    })
    .on_conflict(
        OnConflict::column(work_schedule::Column::UserId)
            .update_columns([work_schedule::Column::Days, work_schedule::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    audit::record(
        db,
        principal,
        AuditEvent::new("user.schedule_set", "user", Some(user.0.to_string()))
            .before(json!(before.days))
            .after(json!(req.days)),
    )
    .await?;
    read(db, tenant, user).await
}

/// The stored schedule or the default.
pub async fn read(db: &impl ConnectionTrait, tenant: TenantId, user: UserId) -> ApiResult<WorkSchedule> {
    let stored = WorkSchedules::find_by_id(user.0)
        .filter(work_schedule::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?;
    let zone = zone_of(db, tenant).await?;
    let (days, is_default) = match stored.and_then(|s| serde_json::from_str::<WeekSchedule>(&s.days).ok()) {
        Some(days) => (days, false),
        None => (WeekSchedule::default(), true),
    };
    Ok(WorkSchedule {
        user_id: user,
        time_zone: zone.name().to_owned(),
        is_default,
        days,
    })
}

/// The schedules of several users of a tenant (the default for those without one).
pub async fn read_many(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    users: &[UserId],
) -> ApiResult<std::collections::HashMap<UserId, WeekSchedule>> {
    let stored = WorkSchedules::find()
        .filter(work_schedule::Column::TenantId.eq(tenant.0))
        .filter(work_schedule::Column::UserId.is_in(users.iter().map(|u| u.0)))
        .all(db)
        .await?;
    let mut found: std::collections::HashMap<UserId, WeekSchedule> = stored
        .into_iter()
        .filter_map(|s| Some((UserId(s.user_id), serde_json::from_str(&s.days).ok()?)))
        .collect();
    for user in users {
        found.entry(*user).or_default();
    }
    Ok(found)
}

/// `HH:MM` on a 24-hour clock.
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim();
    if raw.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(raw, "%H:%M").ok()
}

/// Every day's hours are `HH:MM` with the end after the start; errors name `days.<day>.<end>`.
pub fn check(days: &WeekSchedule) -> ApiResult<()> {
    let mut checks = Checks::new();
    for (name, hours) in days.days() {
        let Some(hours) = hours else { continue };
        let start = parse_time(&hours.start);
        let end = parse_time(&hours.end);
        if start.is_none() {
            checks.push(FieldError::new(
                format!("days.{name}.start"),
                "invalid_time",
                "a time as HH:MM, e.g. 09:00",
            ));
        }
        if end.is_none() {
            checks.push(FieldError::new(
                format!("days.{name}.end"),
                "invalid_time",
                "a time as HH:MM, e.g. 18:00",
            ));
        }
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            checks.push(FieldError::new(
                format!("days.{name}.end"),
                "end_before_start",
                "the end must be after the start",
            ));
        }
    }
    checks.finish()
}

/// The scheduled hours of `day` as instants in `zone`, or `None` on a day off.
pub fn shift_on(days: &WeekSchedule, zone: Tz, day: NaiveDate) -> Option<(DayHours, Span)> {
    let hours = days.on(day.weekday().num_days_from_monday())?;
    let start = local(zone, day, parse_time(&hours.start)?);
    let end = local(zone, day, parse_time(&hours.end)?);
    Some((hours.clone(), Span::new(start, end)))
}

fn local(zone: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = day.and_time(time);
    naive
        .and_local_timezone(zone)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        // A time skipped by a clock change: an hour later exists.
        .or_else(|| {
            (naive + chrono::TimeDelta::hours(1))
                .and_local_timezone(zone)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        })
        .unwrap_or_else(|| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_strict_hh_mm() {
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("09:30:00"), None);
    }

    #[test]
    fn an_end_before_the_start_names_the_day() {
        let days = WeekSchedule {
            tuesday: Some(DayHours::new("18:00", "09:00")),
            friday: Some(DayHours::new("9am", "18:00")),
            ..WeekSchedule::default()
        };
        let fields: Vec<String> = check(&days)
            .unwrap_err()
            .problem()
            .errors
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["days.tuesday.end", "days.friday.start"]);
    }

    #[test]
    fn the_default_shift_is_in_the_company_zone_and_weekends_are_off() {
        let zone: Tz = "Europe/Moscow".parse().unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (_, shift) = shift_on(&WeekSchedule::default(), zone, monday).unwrap();
        assert_eq!(shift.start.to_rfc3339(), "2026-11-23T06:00:00+00:00");
        assert_eq!(shift.end.to_rfc3339(), "2026-11-23T15:00:00+00:00");
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert!(shift_on(&WeekSchedule::default(), zone, saturday).is_none());
    }
}
