//! Sales KPI per manager and for the team on a fixed week (Moscow time, 9–15 November 2026),
//! checked against figures computed by hand.

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;
use voronka_server::{deals, leads, messages, notes, pipelines, tasks};
use voronka_types::auth::AuthSession;
use voronka_types::kpi::KpiReport;
use voronka_types::tasks::Task;
use voronka_types::users::User;
use voronka_types::{Role, UserId};

use crate::crm::{add_deal, add_lead};
use crate::helpers::*;
use crate::worktime::{active, msk, tenant_of};

pub struct Week {
    pub owner: AuthSession,
    pub anna: User,
    pub anna_session: AuthSession,
    pub boris: User,
    pub boris_session: AuthSession,
}

pub async fn a_moscow_shop(app: &TestApp) -> AuthSession {
    let owner = app.register_russian().await;
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

/// A lead of `owner` that arrived at `created` (Moscow time).
pub async fn lead_at(app: &TestApp, token: &str, owner: UserId, created: &str, source: &str) -> Uuid {
    let lead = add_lead(
        app,
        token,
        json!({"contact": {"name": format!("Client {created}")}, "owner_id": owner, "source": source}),
    )
    .await;
    leads::entity::Entity::update_many()
        .col_expr(leads::entity::Column::CreatedAt, Expr::value(msk(created)))
        .filter(leads::entity::Column::Id.eq(lead.id.0))
        .exec(&app.state.db)
        .await
        .unwrap();
    lead.id.0
}

async fn note_on(app: &TestApp, week: &Week, lead: Uuid, author: UserId, at: DateTime<Utc>) {
    notes::entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant_of(&week.owner).0),
        kind: Set("call".into()),
        body: Set("called".into()),
        call_direction: Set(Some("outbound".into())),
        call_duration_secs: Set(Some(60)),
        call_outcome: Set(None),
        lead_id: Set(Some(lead)),
        deal_id: Set(None),
        contact_id: Set(None),
        author_id: Set(Some(author.0)),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

async fn message_on(app: &TestApp, week: &Week, lead: Uuid, author: UserId, at: DateTime<Utc>) {
    let contact = leads::entity::Entity::find_by_id(lead)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .contact_id;
    messages::entity::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant_of(&week.owner).0),
        lead_id: Set(lead),
        contact_id: Set(contact),
        direction: Set("outbound".into()),
        channel: Set("whatsapp".into()),
        body: Set("Hello".into()),
        author_id: Set(Some(author.0)),
        sent_at: Set(at),
        created_at: Set(at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

async fn move_by(app: &TestApp, week: &Week, lead: Uuid, actor: UserId, at: DateTime<Utc>) {
    let found = leads::entity::Entity::find_by_id(lead)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    pipelines::entity::stage_change::ActiveModel {
        tenant_id: Set(tenant_of(&week.owner).0),
        entity: Set("lead".into()),
        record_id: Set(lead),
        pipeline_id: Set(found.pipeline_id),
        from_stage_id: Set(Some(found.stage_id)),
        to_stage_id: Set(found.stage_id),
        actor_id: Set(Some(actor.0)),
        changed_at: Set(at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// A deal of `owner` created on Monday 9 November and closed `won`/`lost` at `closed`.
async fn deal_closed(
    app: &TestApp,
    token: &str,
    owner: UserId,
    amount: &str,
    currency: &str,
    status: &str,
    closed: &str,
) -> Uuid {
    let deal = add_deal(
        app,
        token,
        json!({"title": format!("Deal {closed}"), "owner_id": owner, "amount": amount, "currency": currency}),
    )
    .await;
    deals::entity::Entity::update_many()
        .col_expr(deals::entity::Column::CreatedAt, Expr::value(msk("2026-11-09 11:00")))
        .col_expr(deals::entity::Column::Status, Expr::value(status))
        .col_expr(deals::entity::Column::ClosedAt, Expr::value(Some(msk(closed))))
        .filter(deals::entity::Column::Id.eq(deal.id.0))
        .exec(&app.state.db)
        .await
        .unwrap();
    deal.id.0
}

/// A task of `assignee` due at `due`, completed at `done` (or still open).
async fn task_due(app: &TestApp, token: &str, assignee: UserId, due: &str, done: Option<&str>) {
    let task: Task = ok_json(
        app.post(
            "/api/v1/tasks",
            Some(token),
            &json!({"title": format!("Call back {due}"), "assignee_id": assignee, "due_at": msk(due)}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let mut update = tasks::entity::Entity::update_many()
        .col_expr(tasks::entity::Column::DueAt, Expr::value(Some(msk(due))))
        .filter(tasks::entity::Column::Id.eq(task.id.0));
    if let Some(done) = done {
        update = update
            .col_expr(tasks::entity::Column::Status, Expr::value("completed"))
            .col_expr(tasks::entity::Column::CompletedAt, Expr::value(Some(msk(done))));
    }
    update.exec(&app.state.db).await.unwrap();
}

/// Anna: five leads on Monday at 10:00 answered after 5 (call), 10 (message), 30 (stage move)
/// and 20 minutes (a call before a message at 60), one never; four deals (won 100,000.00 RUB
/// on Tuesday, 50,000.50 RUB on Wednesday, 1,000 USD on Thursday, lost on Thursday), the
/// first lead turned into the first deal; tasks: done early, open past due, done late; six
/// active hours. Boris: one lead on Wednesday answered after 40 minutes, 20,000 RUB won, two
/// active hours.
pub async fn a_week_of_sales(app: &TestApp) -> Week {
    let owner = a_moscow_shop(app).await;
    let (anna, anna_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (boris, boris_session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let week = Week {
        owner,
        anna,
        anna_session,
        boris,
        boris_session,
    };
    let token = week.owner.access_token.clone();
    let (anna, boris) = (week.anna.id, week.boris.id);
    let monday = msk("2026-11-09 10:00");
    let mut anna_leads = Vec::new();
    for source in ["website", "website", "instagram", "whatsapp", "instagram"] {
        anna_leads.push(lead_at(app, &token, anna, "2026-11-09 10:00", source).await);
    }
    note_on(app, &week, anna_leads[0], anna, monday + TimeDelta::minutes(5)).await;
    message_on(app, &week, anna_leads[1], anna, monday + TimeDelta::minutes(10)).await;
    move_by(app, &week, anna_leads[2], anna, monday + TimeDelta::minutes(30)).await;
    message_on(app, &week, anna_leads[3], anna, monday + TimeDelta::minutes(60)).await;
    note_on(app, &week, anna_leads[3], anna, monday + TimeDelta::minutes(20)).await;
    let first_deal = deal_closed(app, &token, anna, "100000", "RUB", "won", "2026-11-10 15:00").await;
    leads::entity::Entity::update_many()
        .col_expr(leads::entity::Column::DealId, Expr::value(Some(first_deal)))
        .filter(leads::entity::Column::Id.eq(anna_leads[0]))
        .exec(&app.state.db)
        .await
        .unwrap();
    deal_closed(app, &token, anna, "50000.50", "RUB", "won", "2026-11-11 15:00").await;
    deal_closed(app, &token, anna, "1000", "USD", "won", "2026-11-12 15:00").await;
    deal_closed(app, &token, anna, "7000", "RUB", "lost", "2026-11-12 16:00").await;
    task_due(app, &token, anna, "2026-11-10 12:00", Some("2026-11-10 11:00")).await;
    task_due(app, &token, anna, "2026-11-11 12:00", None).await;
    task_due(app, &token, anna, "2026-11-12 12:00", Some("2026-11-12 13:00")).await;
    let tenant = tenant_of(&week.owner);
    active(app, tenant, anna, "2026-11-09 09:00", "2026-11-09 13:00").await;
    active(app, tenant, anna, "2026-11-10 09:00", "2026-11-10 11:00").await;

    let boris_lead = lead_at(app, &token, boris, "2026-11-11 12:00", "website").await;
    note_on(app, &week, boris_lead, boris, msk("2026-11-11 12:40")).await;
    deal_closed(app, &token, boris, "20000", "RUB", "won", "2026-11-11 17:00").await;
    active(app, tenant, boris, "2026-11-11 10:00", "2026-11-11 12:00").await;
    week
}

fn kpi_path(query: &str) -> String {
    format!("/api/v1/kpi?from=2026-11-09&to=2026-11-15{query}")
}

#[tokio::test]
async fn the_team_kpi_of_a_week_matches_the_hand_computed_figures() {
    let app = spawn_app().await;
    let week = a_week_of_sales(&app).await;
    let report: KpiReport = ok_json(app.get(&kpi_path(""), &week.owner.access_token).await, StatusCode::OK).await;
    assert_eq!(
        (report.currency.as_str(), report.time_zone.as_str()),
        ("RUB", "Europe/Moscow")
    );
    let anna = report
        .managers
        .iter()
        .find(|r| r.user_id == Some(week.anna.id))
        .unwrap();
    let a = &anna.total;
    assert_eq!((a.leads_received, a.leads_taken), (5, 4));
    // 5, 10, 20, 30: median 15; p90 at rank 2.7 → 20 + 0.7 × 10.
    assert_eq!(a.first_response_median_minutes, Some(15.0));
    assert_eq!(a.first_response_p90_minutes, Some(27.0));
    assert_eq!((a.deals_created, a.deals_won, a.deals_lost), (4, 3, 1));
    assert_eq!((a.lead_to_deal, a.deal_to_won), (Some(0.2), Some(0.75)));
    assert_eq!(a.revenue_won.amount, "150000.50");
    assert_eq!(a.deals_won_other_currencies, 1);
    assert_eq!(a.average_deal_size.as_ref().unwrap().amount, "75000.25");
    assert_eq!((a.tasks_completed, a.tasks_overdue), (2, 2));
    assert_eq!(a.active_hours, 6.0);
    assert_eq!(a.leads_taken_per_active_hour, Some(0.67));
    assert_eq!(a.deals_won_per_active_hour, Some(0.5));
    assert_eq!(a.revenue_per_active_hour.as_ref().unwrap().amount, "25000.08");
    assert_eq!(anna.buckets.len(), 1, "one week");

    let team = &report.team.total;
    assert_eq!((team.leads_received, team.leads_taken, team.deals_won), (6, 5, 4));
    // 5, 10, 20, 30, 40: median 20; p90 at rank 3.6 → 30 + 0.6 × 10.
    assert_eq!(team.first_response_median_minutes, Some(20.0));
    assert_eq!(team.first_response_p90_minutes, Some(36.0));
    assert_eq!(team.revenue_won.amount, "170000.50");
    assert_eq!(team.active_hours, 8.0);
}

#[tokio::test]
async fn the_kpi_follows_every_change_made_after_it_was_first_read() {
    let app = spawn_app().await;
    let week = a_week_of_sales(&app).await;
    let token = week.owner.access_token.clone();
    let read = || async { ok_json::<KpiReport>(app.get(&kpi_path(""), &token).await, StatusCode::OK).await };
    let row = |report: &KpiReport, who: UserId| {
        report
            .managers
            .iter()
            .find(|r| r.user_id == Some(who))
            .unwrap()
            .total
            .clone()
    };
    let (anna, boris) = (week.anna.id, week.boris.id);
    let first = read().await;
    assert_eq!(first.team.total.leads_received, 6);

    // After the first read (on PostgreSQL it built the roll-up): Boris gets a lead on Thursday
    // and answers it in 15 minutes, Anna's open task turns out done before it was due, and
    // Boris's won deal is handed to Anna.
    let lead = lead_at(&app, &token, boris, "2026-11-12 09:00", "website").await;
    note_on(&app, &week, lead, boris, msk("2026-11-12 09:15")).await;
    tasks::entity::Entity::update_many()
        .col_expr(tasks::entity::Column::Status, Expr::value("completed"))
        .col_expr(
            tasks::entity::Column::CompletedAt,
            Expr::value(Some(msk("2026-11-11 11:00"))),
        )
        .filter(tasks::entity::Column::AssigneeId.eq(anna.0))
        .filter(tasks::entity::Column::Status.eq("open"))
        .exec(&app.state.db)
        .await
        .unwrap();
    deals::entity::Entity::update_many()
        .col_expr(deals::entity::Column::OwnerId, Expr::value(Some(anna.0)))
        .filter(deals::entity::Column::OwnerId.eq(boris.0))
        .exec(&app.state.db)
        .await
        .unwrap();

    let second = read().await;
    let (a, b) = (row(&second, anna), row(&second, boris));
    assert_eq!((a.tasks_completed, a.tasks_overdue), (3, 1));
    assert_eq!((a.deals_won, a.revenue_won.amount.as_str()), (4, "170000.50"));
    assert_eq!((b.leads_received, b.leads_taken, b.deals_won), (2, 2, 0));
    // Boris answered in 40 and 15 minutes.
    assert_eq!(b.first_response_median_minutes, Some(27.5));
    assert_eq!(second.team.total.leads_received, 7);

    // Counted afresh (the roll-up forgotten) the figures are the same.
    use sea_orm::ConnectionTrait;
    app.state
        .db
        .execute_unprepared("DELETE FROM kpi_rollup_state")
        .await
        .unwrap();
    assert_eq!(read().await.managers, second.managers);

    // A new time zone moves the days: Monday 00:30 in Moscow is Sunday in London.
    lead_at(&app, &token, anna, "2026-11-16 00:30", "website").await;
    let response = app
        .patch("/api/v1/settings", &token, &json!({"time_zone": "Europe/London"}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let london = read().await;
    assert_eq!(london.time_zone, "Europe/London");
    assert_eq!(london.team.total.leads_received, 8);
}

#[tokio::test]
async fn todays_leads_and_overdue_tasks_count_as_they_happen() {
    let app = spawn_app().await;
    let owner = a_moscow_shop(&app).await;
    let token = owner.access_token.clone();
    let (anna, _) = app.user_with_role(&token, Role::Manager).await;
    let today = Utc::now().with_timezone(&chrono_tz::Europe::Moscow).date_naive();
    // From yesterday, so a test run just after midnight still sees the task due a minute ago.
    let path = format!("/api/v1/kpi?from={}&to={today}", today.pred_opt().unwrap());
    let read = || async {
        let report: KpiReport = ok_json(app.get(&path, &token).await, StatusCode::OK).await;
        let total = &report.team.total;
        (total.leads_received, total.tasks_overdue, total.tasks_completed)
    };
    assert_eq!(read().await, (0, 0, 0));

    add_lead(
        &app,
        &token,
        json!({"contact": {"name": "Walk-in"}, "owner_id": anna.id, "source": "phone"}),
    )
    .await;
    let due = Utc::now() - TimeDelta::minutes(1);
    let task: Task = ok_json(
        app.post(
            "/api/v1/tasks",
            Some(&token),
            &json!({"title": "Call back", "assignee_id": anna.id, "due_at": due}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(read().await, (1, 1, 0));

    let done = app
        .post(&format!("/api/v1/tasks/{}/complete", task.id), Some(&token), &json!({}))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(read().await, (1, 1, 1), "done after it was due: still late");
}

#[tokio::test]
async fn first_responses_recorded_before_leads_kept_them_are_found_by_the_migration() {
    let app = spawn_app().await;
    let week = a_week_of_sales(&app).await;
    let figures = |report: &KpiReport| {
        let t = &report.team.total;
        (
            t.leads_taken,
            t.first_response_median_minutes,
            t.first_response_p90_minutes,
        )
    };
    let before: KpiReport = ok_json(app.get(&kpi_path(""), &week.owner.access_token).await, StatusCode::OK).await;
    assert_eq!(figures(&before), (5, Some(20.0), Some(36.0)));

    use voronka_migrations::{Migrator, MigratorTrait};
    // Down past the KPI roll-up (m20261129_000002) and the first responses (…000001).
    Migrator::down(&app.state.db, Some(2)).await.unwrap();
    Migrator::up(&app.state.db, None).await.unwrap();
    let after: KpiReport = ok_json(app.get(&kpi_path(""), &week.owner.access_token).await, StatusCode::OK).await;
    assert_eq!(figures(&after), figures(&before));
    assert_eq!(after.managers, before.managers);
}

#[tokio::test]
async fn daily_buckets_put_each_event_on_its_moscow_day() {
    let app = spawn_app().await;
    let week = a_week_of_sales(&app).await;
    let path = kpi_path(&format!("&granularity=day&user_id={}", week.anna.id));
    let report: KpiReport = ok_json(app.get(&path, &week.owner.access_token).await, StatusCode::OK).await;
    let [anna] = &report.managers[..] else { panic!() };
    let days: Vec<String> = anna.buckets.iter().map(|b| b.start.to_string()).collect();
    assert_eq!(days, ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"]);
    let monday = &anna.buckets[0].figures;
    assert_eq!(
        (monday.leads_received, monday.deals_created, monday.active_hours),
        (5, 4, 4.0)
    );
    let tuesday = &anna.buckets[1].figures;
    assert_eq!(
        (tuesday.deals_won, tuesday.revenue_won.amount.as_str()),
        (1, "100000.00")
    );
    assert_eq!((tuesday.tasks_completed, tuesday.tasks_overdue), (1, 0));
    let thursday = &anna.buckets[3].figures;
    assert_eq!(
        (thursday.deals_won, thursday.deals_lost, thursday.tasks_overdue),
        (1, 1, 1)
    );
    assert_eq!(thursday.revenue_won.amount, "0.00");
}

#[tokio::test]
async fn a_manager_sees_only_their_own_row_and_not_a_colleagues() {
    let app = spawn_app().await;
    let week = a_week_of_sales(&app).await;
    let own: KpiReport = ok_json(
        app.get(&kpi_path(""), &week.boris_session.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(own.managers.len(), 1);
    assert_eq!(own.managers[0].user_id, Some(week.boris.id));
    assert_eq!(own.team.total.leads_received, 1);
    let path = kpi_path(&format!("&user_id={}", week.anna.id));
    let denied = app.get(&path, &week.boris_session.access_token).await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
    let _ = &week.anna_session;
}

#[tokio::test]
async fn kpi_queries_are_checked_and_other_companies_stay_hidden() {
    let app = spawn_app().await;
    let owner = a_moscow_shop(&app).await;
    let token = &owner.access_token;
    let reversed = app.get("/api/v1/kpi?from=2026-11-20&to=2026-11-19", token).await;
    names_field(
        &problem(reversed, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "from",
    );
    let long = app.get("/api/v1/kpi?from=2025-01-01&to=2026-11-19", token).await;
    names_field(
        &problem(long, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "to",
    );
    let hourly = app.get("/api/v1/kpi?granularity=hour", token).await;
    names_field(
        &problem(hourly, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "granularity",
    );
    let other = app.register("Other Co").await;
    let path = format!("/api/v1/kpi?user_id={}", other.user.id);
    problem(app.get(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
}
