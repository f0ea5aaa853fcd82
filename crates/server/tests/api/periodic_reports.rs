//! Periodic reports made by the job queue for the fixed week of sales of `kpi.rs` (Moscow time,
//! 9–15 November 2026), checked against figures computed by hand.

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use voronka_server::reports::periodic::{self, entity as report};
use voronka_server::{jobs, tenants};
use voronka_types::auth::AuthSession;
use voronka_types::notifications::Notification;
use voronka_types::periodic::{PeriodicKind, PeriodicReport, PeriodicReportSummary};
use voronka_types::{Money, Page, Role};

use crate::helpers::*;
use crate::kpi::{Week, a_week_of_sales};
use crate::worktime::{msk, tenant_of};

/// The week of sales, in a company that exists since 1 November.
async fn a_week_on_record(app: &TestApp) -> Week {
    let week = a_week_of_sales(app).await;
    tenants::entity::Entity::update_many()
        .col_expr(tenants::entity::Column::CreatedAt, Expr::value(msk("2026-11-01 00:00")))
        .filter(tenants::entity::Column::Id.eq(tenant_of(&week.owner).0))
        .exec(&app.state.db)
        .await
        .unwrap();
    week
}

/// Runs the company's periodic-reports job as if the clock showed `local` (Moscow time).
async fn run_reports_at(app: &TestApp, owner: &AuthSession, local: &str) {
    let at: DateTime<Utc> = msk(local);
    let job = jobs::NewJob::new(periodic::JOB_KIND, Some(tenant_of(owner)), json!({}), at);
    jobs::enqueue(&app.state.db, job).await.unwrap();
    assert!(jobs::run_due_at(&app.state, at).await >= 1);
}

async fn stored(app: &TestApp, kind: PeriodicKind) -> u64 {
    report::Entity::find()
        .filter(report::Column::Kind.eq(kind.as_str()))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn list(app: &TestApp, token: &str, query: &str) -> Page<PeriodicReportSummary> {
    ok_json(app.get(&format!("/api/v1/reports{query}"), token).await, StatusCode::OK).await
}

async fn the_weekly(app: &TestApp, token: &str) -> PeriodicReport {
    let page = list(app, token, "?kind=weekly").await;
    let [summary] = &page.items[..] else {
        panic!("one weekly report expected: {:?}", page.items)
    };
    ok_json(
        app.get(&format!("/api/v1/reports/{}", summary.id), token).await,
        StatusCode::OK,
    )
    .await
}

fn money(amount: &str, currency: &str) -> Money {
    Money {
        amount: amount.into(),
        currency: currency.into(),
    }
}

#[tokio::test]
async fn the_job_after_a_finished_week_keeps_one_weekly_report_with_the_hand_computed_figures() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    assert_eq!(
        stored(&app, PeriodicKind::Weekly).await,
        1,
        "once, however often the job runs"
    );
    assert_eq!(stored(&app, PeriodicKind::Daily).await, 1, "Sunday 15 November");
    assert_eq!(
        stored(&app, PeriodicKind::Monthly).await,
        0,
        "October ended before the company began"
    );

    let report = the_weekly(&app, &week.owner.access_token).await;
    let summary = &report.summary;
    assert_eq!(
        (summary.from.to_string(), summary.to.to_string()),
        ("2026-11-09".into(), "2026-11-15".into())
    );
    assert_eq!(
        (summary.leads_received, summary.deals_won, summary.active_hours),
        (6, 4, 8.0)
    );
    assert_eq!(
        summary.revenue_won,
        [money("170000.50", "RUB"), money("1000.00", "USD")]
    );

    let team = report.body.team.as_ref().expect("the owner sees the team");
    assert_eq!(
        (team.kpi.leads_taken, team.kpi.first_response_median_minutes),
        (5, Some(20.0))
    );
    assert_eq!(team.kpi.revenue_won.amount, "170000.50");
    assert_eq!((team.work.active_minutes, team.work.days_worked), (480, 3));
    assert_eq!((team.work.late_days, team.work.early_leave_days), (1, 3));
    assert_eq!(report.body.managers.len(), 3, "the owner, Anna and Boris");

    let anna = report
        .body
        .managers
        .iter()
        .find(|m| m.user_id == Some(week.anna.id))
        .unwrap();
    assert_eq!(
        (anna.kpi.leads_received, anna.kpi.deals_won, anna.kpi.deals_lost),
        (5, 3, 1)
    );
    assert_eq!(anna.kpi.revenue_won.amount, "150000.50");
    assert_eq!(
        anna.revenue_won_by_currency,
        [money("150000.50", "RUB"), money("1000.00", "USD")]
    );
    assert_eq!((anna.work.active_minutes, anna.work.absent_days), (360, 3));
    let days: Vec<String> = anna.days.iter().map(|d| d.start.to_string()).collect();
    assert_eq!(days, ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"]);
}

#[tokio::test]
async fn a_ready_report_is_announced_to_the_owner_in_russian_and_not_to_managers() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    let weekly = the_weekly(&app, &week.owner.access_token).await;
    let mine: Page<Notification> = ok_json(
        app.get("/api/v1/notifications", &week.owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    let ready: Vec<&Notification> = mine.items.iter().filter(|n| n.kind == "report.ready").collect();
    assert_eq!(ready.len(), 2, "the weekly and Sunday's daily report");
    let announced = ready.iter().find(|n| n.entity_id == Some(weekly.summary.id.0)).unwrap();
    assert_eq!(announced.title, "Недельный отчёт за 9–15 ноября готов");
    assert_eq!(announced.entity_type, "report");
    let annas: Page<Notification> = ok_json(
        app.get("/api/v1/notifications", &week.anna_session.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert!(annas.items.iter().all(|n| n.kind != "report.ready"));
}

#[tokio::test]
async fn a_manager_sees_only_their_own_row_and_no_team_totals() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    let report = the_weekly(&app, &week.boris_session.access_token).await;
    assert!(report.body.team.is_none());
    let [boris] = &report.body.managers[..] else {
        panic!("one row expected")
    };
    assert_eq!(boris.user_id, Some(week.boris.id));
    assert_eq!((boris.kpi.leads_received, boris.work.late_days), (1, 1));
    let summary = &report.summary;
    assert_eq!((summary.leads_received, summary.deals_won), (1, 1));
    assert_eq!(summary.revenue_won, [money("20000.00", "RUB")]);
}

#[tokio::test]
async fn reports_are_listed_newest_period_first_in_pages_and_filtered_by_kind() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    for night in ["2026-11-16 00:05", "2026-11-17 00:05", "2026-11-18 00:05"] {
        run_reports_at(&app, &week.owner, night).await;
    }
    let token = &week.owner.access_token;
    let first = list(&app, token, "?limit=3").await;
    let shown = |page: &Page<PeriodicReportSummary>| -> Vec<String> {
        page.items
            .iter()
            .map(|r| format!("{} {}", r.kind.as_str(), r.from))
            .collect()
    };
    assert_eq!(first.total, 4);
    assert_eq!(
        shown(&first),
        ["daily 2026-11-17", "daily 2026-11-16", "daily 2026-11-15"]
    );
    let cursor = first.next_cursor.clone().expect("a second page");
    let second = list(&app, token, &format!("?limit=3&cursor={cursor}")).await;
    assert_eq!(shown(&second), ["weekly 2026-11-09"]);
    assert!(second.next_cursor.is_none());
    let daily = list(&app, token, "?kind=daily").await;
    assert_eq!((daily.total, daily.items.len()), (3, 3));

    let bad = app.get("/api/v1/reports?kind=yearly", token).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "kind",
    );
    let unknown = voronka_server::pagination::encode_cursor(uuid::Uuid::now_v7());
    let bad = app.get(&format!("/api/v1/reports?cursor={unknown}"), token).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );
    let saved = app.get("/api/v1/reports/saved", token).await;
    assert_eq!(saved.status(), StatusCode::OK, "the saved reports keep their path");
}

#[tokio::test]
async fn guests_are_refused_and_other_companies_reports_stay_hidden() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    let weekly = the_weekly(&app, &week.owner.access_token).await;
    let (_, guest) = app.user_with_role(&week.owner.access_token, Role::Guest).await;
    let refused = app.get("/api/v1/reports", &guest.access_token).await;
    problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
    let path = format!("/api/v1/reports/{}", weekly.summary.id);
    problem(
        app.get(&path, &guest.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;

    let stranger = app.register("Other Co").await;
    problem(
        app.get(&path, &stranger.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let export = format!("{path}/export?format=csv");
    problem(
        app.get(&export, &stranger.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs = list(&app, &stranger.access_token, "").await;
    assert_eq!(theirs.total, 0);
}

async fn download(app: &TestApp, token: &str, path: &str) -> Vec<u8> {
    let response = app.get(path, token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = vec![reader.headers().unwrap().iter().map(str::to_owned).collect()];
    rows.extend(reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()));
    rows
}

#[tokio::test]
async fn exports_have_a_row_per_manager_and_a_team_row_in_csv_and_xlsx() {
    let app = spawn_app().await;
    let week = a_week_on_record(&app).await;
    run_reports_at(&app, &week.owner, "2026-11-16 00:05").await;
    let token = &week.owner.access_token;
    let weekly = the_weekly(&app, token).await;
    let path = format!("/api/v1/reports/{}/export", weekly.summary.id);

    let csv = csv_rows(&download(&app, token, &format!("{path}?format=csv")).await);
    assert_eq!(csv[0][..3], ["Менеджер", "Лидов получено", "Лидов взято в работу"]);
    assert_eq!(csv.len(), 5, "header, three people, the team");
    let team = csv.last().unwrap();
    assert_eq!(
        (team[0].as_str(), team[1].as_str(), team[10].as_str()),
        ("Команда", "6", "170000.50")
    );
    assert_eq!(team[11], "170000.50 RUB; 1000.00 USD");

    let bytes = download(&app, token, &format!("{path}?format=xlsx")).await;
    let sheet = xlsx_rows(bytes);
    assert_eq!(sheet, csv, "the same table");

    let own = csv_rows(&download(&app, &week.anna_session.access_token, &path).await);
    assert_eq!(own.len(), 2, "a manager's file has their row and no team row");
    assert_eq!(own[1][1], "5");
}

#[tokio::test]
async fn a_registered_company_gets_its_job_and_older_companies_get_one_at_start() {
    let app = spawn_app().await;
    let owner = app.register("Fresh Co").await;
    let queued = || {
        jobs::entity::Entity::find()
            .filter(jobs::entity::Column::Kind.eq(periodic::JOB_KIND))
            .filter(jobs::entity::Column::TenantId.eq(tenant_of(&owner).0))
            .all(&app.state.db)
    };
    let [first] = &queued().await.unwrap()[..] else {
        panic!("one job queued at registration")
    };
    assert!(first.run_at >= Utc::now() + chrono::TimeDelta::hours(6) - chrono::TimeDelta::minutes(1));
    jobs::entity::Entity::delete_many().exec(&app.state.db).await.unwrap();
    let now = voronka_server::clock::now();
    assert_eq!(periodic::ensure_all(&app.state.db, now).await.unwrap(), 1);
    assert_eq!(
        periodic::ensure_all(&app.state.db, now).await.unwrap(),
        0,
        "already queued"
    );
    assert_eq!(queued().await.unwrap().len(), 1);
}
