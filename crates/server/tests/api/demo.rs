//! `voronka seed-demo`: a seeded company is a normal company, consistent through the API.

use reqwest::StatusCode;
use voronka_server::demo::{self, DemoOptions};
use voronka_types::contacts::Contact;
use voronka_types::deals::Deal;
use voronka_types::leads::Lead;
use voronka_types::pipelines::{Board, StageChange};
use voronka_types::tasks::Task;
use voronka_types::users::User;
use voronka_types::{Page, Role};

use crate::helpers::*;

fn small(owner_email: &str) -> DemoOptions {
    DemoOptions {
        owner_email: owner_email.to_owned(),
        password: PASSWORD.into(),
        managers: 3,
        contacts: 40,
        leads: 120,
        deals: 30,
        seed: 11,
        batch: 50,
        ..DemoOptions::default()
    }
}

#[tokio::test]
async fn a_seeded_demo_company_shows_its_counts_and_valid_data_through_the_api() {
    let app = spawn_app().await;
    let email = unique_email("demo");
    let mut phases = Vec::new();
    let summary = demo::seed(&app.state, &small(&email), |p| phases.push((p.phase, p.done, p.total)))
        .await
        .unwrap();
    assert_eq!((summary.contacts, summary.leads, summary.deals), (40, 120, 30));
    assert!(phases.contains(&("leads", 50, 120)), "progress per batch: {phases:?}");
    assert!(phases.contains(&("deals", 30, 30)), "{phases:?}");
    assert_eq!(phases.last().map(|p| p.0), Some("work sessions"));
    assert!(summary.tasks > 0 && summary.work_sessions > 0, "{summary:?}");

    let owner = app.login(&email, PASSWORD).await;
    let token = &owner.access_token;
    let leads: Page<Lead> = ok_json(app.get("/api/v1/leads?limit=200", token).await, StatusCode::OK).await;
    assert_eq!(leads.total, 120);
    let contacts: Page<Contact> = ok_json(app.get("/api/v1/contacts?limit=1", token).await, StatusCode::OK).await;
    assert_eq!(contacts.total, 40);
    let deals: Page<Deal> = ok_json(app.get("/api/v1/deals?limit=200", token).await, StatusCode::OK).await;
    assert_eq!(deals.total, 30);
    let tasks: Page<Task> = ok_json(app.get("/api/v1/tasks?limit=1", token).await, StatusCode::OK).await;
    assert_eq!(tasks.total, summary.tasks);
    let board: Board<Lead> = ok_json(
        app.get("/api/v1/leads/board?per_stage=100", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(board.columns.len(), 7);
    assert_eq!(board.columns.iter().map(|c| c.count).sum::<u64>(), 120);
    assert!(board.columns.iter().all(|c| c.cards.len() as u64 == c.count));

    let users: Page<User> = ok_json(app.get("/api/v1/users", token).await, StatusCode::OK).await;
    let managers: Vec<&User> = users.items.iter().filter(|u| u.role == Role::Manager).collect();
    assert_eq!(managers.len(), 3);
    let manager = app.login(&demo::manager_email(&email, 1), PASSWORD).await;
    let own: Page<Lead> = ok_json(
        app.get("/api/v1/leads?limit=200", &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert!(own.items.iter().all(|l| l.owner_id == Some(manager.user.id)));

    for lead in &leads.items {
        let history: Vec<StageChange> = ok_json(
            app.get(&format!("/api/v1/leads/{}/stage-history", lead.id), token)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            history.first().map(|c| c.from_stage_id),
            Some(None),
            "starts from nowhere"
        );
        assert_eq!(history.last().map(|c| c.to_stage_id), Some(lead.stage_id));
        assert_eq!(history.last().map(|c| c.changed_at), Some(lead.stage_changed_at));
        assert!(history.windows(2).all(|w| w[0].changed_at < w[1].changed_at));
    }
    assert!(
        leads.items.iter().any(|l| l.deal_id.is_some()),
        "won leads became deals"
    );

    let with_phone = leads
        .items
        .iter()
        .find(|l| l.contact.phone_e164.as_deref().is_some_and(|p| p.starts_with("+7")))
        .expect("a lead with a Russian phone");
    let digits = &with_phone.contact.phone_e164.as_deref().unwrap_or_default()[2..];
    let typed = format!(
        "8 ({}) {}-{}-{}",
        &digits[0..3],
        &digits[3..6],
        &digits[6..8],
        &digits[8..10]
    );
    let found: Page<Lead> = ok_json(
        app.get(&format!("/api/v1/leads?q={}", urlencode(&typed)), token).await,
        StatusCode::OK,
    )
    .await;
    assert!(found.items.iter().any(|l| l.id == with_phone.id), "found by {typed}");
}

#[tokio::test]
async fn seeding_refuses_an_owner_e_mail_that_is_taken_or_a_weak_password() {
    let app = spawn_app().await;
    let owner = app.register("Taken Ltd").await;
    let taken = demo::seed(&app.state, &small(&owner.user.email), |_| {}).await;
    assert!(taken.unwrap_err().to_string().contains("already exists"));
    let weak = DemoOptions {
        password: "short".into(),
        ..small(&unique_email("demo"))
    };
    assert!(
        demo::seed(&app.state, &weak, |_| {})
            .await
            .unwrap_err()
            .to_string()
            .contains("--password")
    );
}
