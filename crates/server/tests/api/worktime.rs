//! Managers' work time: schedules, heartbeats turned into sessions, and the per-day report
//! (late start, idle gap, early leave, overtime) checked against hand-computed figures.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use reqwest::StatusCode;
use serde_json::json;
use voronka_server::worktime::activity;
use voronka_types::auth::AuthSession;
use voronka_types::users::User;
use voronka_types::worktime::{DayHours, SetWorkSchedule, WeekSchedule, WorkSchedule, WorkTimeReport};
use voronka_types::{Role, TenantId, UserId};

use crate::helpers::*;

const MOSCOW: Tz = chrono_tz::Europe::Moscow;
const GAP: TimeDelta = TimeDelta::minutes(10);

/// An instant given in Moscow time, e.g. `2026-11-09 09:20`.
pub fn msk(local: &str) -> DateTime<Utc> {
    format!("{}T{}:00+03:00", &local[..10], &local[11..]).parse().unwrap()
}

pub async fn moscow_company(app: &TestApp) -> AuthSession {
    let owner = app.register("Time Co").await;
    let response = app
        .patch(
            "/api/v1/settings",
            &owner.access_token,
            &json!({"time_zone": "Europe/Moscow"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    owner
}

pub fn tenant_of(session: &AuthSession) -> TenantId {
    session.user.tenant_id.unwrap()
}

/// Heartbeats every 5 minutes from `from` to `to` (Moscow time, same day), both included.
pub async fn active(app: &TestApp, tenant: TenantId, user: UserId, from: &str, to: &str) {
    let (mut at, end) = (msk(from), msk(to));
    while at <= end {
        activity::record(&app.state.db, tenant, user, MOSCOW, at, GAP)
            .await
            .unwrap();
        at += TimeDelta::minutes(5);
    }
}

/// Anna: Monday 9 November late by 20 min, a 30-minute pause at noon, gone 15 min early;
/// one hour on Saturday. Boris: Monday 08:50–18:10 straight.
async fn a_week_of_two_managers(app: &TestApp, owner: &AuthSession) -> (User, AuthSession, User, AuthSession) {
    let tenant = tenant_of(owner);
    let (anna, anna_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (boris, boris_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    active(app, tenant, anna.id, "2026-11-09 09:20", "2026-11-09 12:00").await;
    active(app, tenant, anna.id, "2026-11-09 12:30", "2026-11-09 17:40").await;
    activity::check_out(&app.state.db, tenant, anna.id, MOSCOW, msk("2026-11-09 17:45"), GAP)
        .await
        .unwrap();
    active(app, tenant, anna.id, "2026-11-14 10:00", "2026-11-14 11:00").await;
    active(app, tenant, boris.id, "2026-11-09 08:50", "2026-11-09 18:10").await;
    (anna, anna_session, boris, boris_session)
}

fn week(user: Option<UserId>) -> String {
    let user = user.map(|u| format!("&user_id={u}")).unwrap_or_default();
    format!("/api/v1/worktime?from=2026-11-09&to=2026-11-15{user}")
}

#[tokio::test]
async fn heartbeats_become_sessions_with_late_start_idle_pause_early_leave_and_weekend_overtime() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, _, boris, _) = a_week_of_two_managers(&app, &owner).await;
    let report: WorkTimeReport =
        ok_json(app.get(&week(Some(anna.id)), &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(
        (report.time_zone.as_str(), report.idle_gap_minutes),
        ("Europe/Moscow", 10)
    );
    let [anna_time] = &report.users[..] else {
        panic!("{report:?}")
    };
    let [monday, saturday] = &anna_time.days[..] else {
        panic!("{anna_time:?}")
    };
    assert_eq!(monday.first_in, msk("2026-11-09 09:20"));
    assert_eq!(monday.last_out, msk("2026-11-09 17:45"));
    assert_eq!(monday.sessions.len(), 2);
    assert_eq!(monday.sessions[1].start, msk("2026-11-09 12:30"));
    assert_eq!(monday.active_minutes, 160 + 315);
    assert_eq!(monday.idle_minutes, 30);
    assert_eq!(monday.late_minutes, 20);
    assert_eq!(monday.early_leave_minutes, 15);
    assert_eq!(monday.overtime_minutes, 0);
    assert_eq!(monday.scheduled, Some(DayHours::new("09:00", "18:00")));
    assert_eq!(saturday.scheduled, None);
    assert_eq!((saturday.active_minutes, saturday.overtime_minutes), (60, 60));
    let totals = &anna_time.totals;
    assert_eq!((totals.days_worked, totals.absent_days), (2, 4));
    assert_eq!((totals.active_minutes, totals.overtime_minutes), (535, 60));

    let report: WorkTimeReport = ok_json(
        app.get(&week(Some(boris.id)), &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    let boris_monday = &report.users[0].days[0];
    assert_eq!((boris_monday.active_minutes, boris_monday.idle_minutes), (560, 0));
    assert_eq!((boris_monday.late_minutes, boris_monday.early_leave_minutes), (0, 0));
    assert_eq!(boris_monday.overtime_minutes, 20);
}

#[tokio::test]
async fn a_session_running_past_midnight_is_split_into_two_days() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    active(&app, tenant_of(&owner), anna.id, "2026-11-10 23:40", "2026-11-10 23:55").await;
    active(&app, tenant_of(&owner), anna.id, "2026-11-11 00:00", "2026-11-11 00:20").await;
    let report: WorkTimeReport =
        ok_json(app.get(&week(Some(anna.id)), &owner.access_token).await, StatusCode::OK).await;
    let days = &report.users[0].days;
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].last_out, msk("2026-11-11 00:00"));
    assert_eq!(days[1].first_in, msk("2026-11-11 00:00"));
    assert_eq!((days[0].active_minutes, days[1].active_minutes), (20, 20));
}

#[tokio::test]
async fn the_head_sees_the_team_and_a_manager_only_themselves() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, anna_session, boris, _) = a_week_of_two_managers(&app, &owner).await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let team: WorkTimeReport = ok_json(app.get(&week(None), &head.access_token).await, StatusCode::OK).await;
    assert_eq!(team.users.len(), 4);
    let own: WorkTimeReport = ok_json(app.get(&week(None), &anna_session.access_token).await, StatusCode::OK).await;
    assert_eq!(own.users.len(), 1);
    assert_eq!(own.users[0].user_id, anna.id);
    let denied = app.get(&week(Some(boris.id)), &anna_session.access_token).await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn sign_in_and_heartbeats_show_a_user_online_until_they_sign_out() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, anna_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let beat = app
        .request(
            reqwest::Method::POST,
            "/api/v1/worktime/heartbeat",
            Some(&anna_session.access_token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(beat.status(), StatusCode::NO_CONTENT);
    let path = format!("/api/v1/worktime?user_id={}", anna.id);
    let report: WorkTimeReport = ok_json(app.get(&path, &owner.access_token).await, StatusCode::OK).await;
    assert!(report.users[0].online_now);
    assert_eq!(
        report.users[0].days.len(),
        1,
        "sign-in and heartbeat make one session today"
    );
    let logout = app
        .post(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": anna_session.refresh_token}),
        )
        .await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let report: WorkTimeReport = ok_json(app.get(&path, &owner.access_token).await, StatusCode::OK).await;
    assert!(!report.users[0].online_now);
    assert!(report.users[0].last_seen_at.is_some());
}

#[tokio::test]
async fn work_time_periods_are_checked() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let token = &owner.access_token;
    let reversed = app.get("/api/v1/worktime?from=2026-11-20&to=2026-11-19", token).await;
    names_field(
        &problem(reversed, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "from",
    );
    let long = app.get("/api/v1/worktime?from=2025-11-01&to=2026-11-19", token).await;
    names_field(
        &problem(long, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "to",
    );
    let garbled = app.get("/api/v1/worktime?from=yesterday", token).await;
    let garbled = problem(garbled, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    names_field(&garbled, "from");
}

#[tokio::test]
async fn another_companys_user_is_not_found() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let other = app.register("Other Co").await;
    let path = format!("/api/v1/worktime?user_id={}", other.user.id);
    problem(
        app.get(&path, &owner.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let path = format!("/api/v1/users/{}/schedule", other.user.id);
    problem(
        app.get(&path, &owner.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let body = SetWorkSchedule {
        days: WeekSchedule::default(),
    };
    problem(
        app.put(&path, &owner.access_token, &body).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_head_sets_a_schedule_that_the_report_then_uses() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, anna_session, _, _) = a_week_of_two_managers(&app, &owner).await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let path = format!("/api/v1/users/{}/schedule", anna.id);
    let default: WorkSchedule = ok_json(app.get(&path, &anna_session.access_token).await, StatusCode::OK).await;
    assert!(default.is_default);
    assert_eq!(default.days, WeekSchedule::default());
    let days = WeekSchedule {
        monday: Some(DayHours::new("10:00", "17:00")),
        saturday: Some(DayHours::new("10:00", "14:00")),
        ..WeekSchedule::default()
    };
    let saved: WorkSchedule = ok_json(
        app.put(&path, &head.access_token, &SetWorkSchedule { days: days.clone() })
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!saved.is_default);
    assert_eq!((saved.days, saved.time_zone.as_str()), (days, "Europe/Moscow"));
    let report: WorkTimeReport = ok_json(app.get(&week(Some(anna.id)), &head.access_token).await, StatusCode::OK).await;
    let [monday, saturday] = &report.users[0].days[..] else {
        panic!()
    };
    // 09:20–12:00 and 12:30–17:45 against 10:00–17:00: 40 + 45 minutes outside.
    assert_eq!(
        (monday.late_minutes, monday.early_leave_minutes, monday.overtime_minutes),
        (0, 0, 85)
    );
    assert_eq!((saturday.late_minutes, saturday.overtime_minutes), (0, 0));
    assert_eq!(saturday.early_leave_minutes, 180);
}

#[tokio::test]
async fn only_owners_and_heads_set_schedules_and_the_hours_must_make_sense() {
    let app = spawn_app().await;
    let owner = moscow_company(&app).await;
    let (anna, anna_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (boris, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let path = format!("/api/v1/users/{}/schedule", anna.id);
    let body = SetWorkSchedule {
        days: WeekSchedule::default(),
    };
    let denied = app.put(&path, &anna_session.access_token, &body).await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
    let colleague = format!("/api/v1/users/{}/schedule", boris.id);
    problem(
        app.get(&colleague, &anna_session.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let days = WeekSchedule {
        monday: Some(DayHours::new("18:00", "09:00")),
        wednesday: Some(DayHours::new("9", "18:00")),
        ..WeekSchedule::default()
    };
    let bad = app.put(&path, &owner.access_token, &SetWorkSchedule { days }).await;
    let bad = problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    names_field(&bad, "days.monday.end");
    names_field(&bad, "days.wednesday.start");
}
