//! Webhook delivery against a local receiver: events from the CRM, signatures, retries, the
//! delivery log, re-sends, rollbacks, restarts and the SSRF guard at send time.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use voronka_server::config::Config;
use voronka_server::jobs::{self, entity as job, queue};
use voronka_server::{clock, webhooks};
use voronka_types::deals::Deal;
use voronka_types::leads::Lead;
use voronka_types::pipelines::PipelineKind;
use voronka_types::webhooks::{DeliveryStatus, Webhook, WebhookDelivery};
use voronka_types::{JobId, Page};

use crate::crm::*;
use crate::helpers::*;
use crate::webhook_receiver::Receiver;
use crate::webhooks::subscribe;

async fn deliveries(app: &TestApp, token: &str, hook: &Webhook) -> Vec<WebhookDelivery> {
    let path = format!("/api/v1/webhooks/{}/deliveries", hook.id);
    let page: Page<WebhookDelivery> = ok_json(app.get(&path, token).await, StatusCode::OK).await;
    page.items
}

async fn webhook(app: &TestApp, token: &str, hook: &Webhook) -> Webhook {
    ok_json(
        app.get(&format!("/api/v1/webhooks/{}", hook.id), token).await,
        StatusCode::OK,
    )
    .await
}

/// Runs the due jobs as if the clock showed `later` from now.
async fn run_jobs_after(app: &TestApp, later: TimeDelta) -> usize {
    jobs::run_due_at(&app.state, clock::now() + later).await
}

async fn add_contact(app: &TestApp, token: &str, name: &str) -> serde_json::Value {
    let body = json!({"name": name});
    ok_json(
        app.post("/api/v1/contacts", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn a_new_contact_reaches_the_receiver_signed_with_the_subscription_secret() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created", "contact.updated"]).await;
    let contact = add_contact(&app, token, "Ivan").await;
    assert!(receiver.received().is_empty(), "nothing is sent inside the request");
    app.run_jobs().await;

    let got = receiver.received();
    assert_eq!(got.len(), 1);
    let request = &got[0];
    assert!(request.signature_verifies(&hook.secret));
    assert_eq!(request.header("content-type"), "application/json");
    assert!(request.header("user-agent").starts_with("Voronka-Webhooks/"));
    let sent_at: i64 = request.header("webhook-timestamp").parse().unwrap();
    assert!((clock::now().timestamp() - sent_at).abs() < 60);
    let body = request.json();
    assert_eq!(body["type"], "contact.created");
    assert_eq!(body["data"], contact, "the data is the contact as the API shows it");
    assert!(chrono::DateTime::parse_from_rfc3339(body["timestamp"].as_str().unwrap()).is_ok());

    let log = deliveries(&app, token, &hook).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].id.to_string(), request.header("webhook-id"));
    assert_eq!(
        (log[0].status, log[0].attempts, log[0].last_response_code),
        (DeliveryStatus::Delivered, 1, Some(200))
    );
    assert!(log[0].last_latency_ms.is_some() && log[0].delivered_at.is_some());

    let path = format!("/api/v1/contacts/{}", contact["id"].as_str().unwrap());
    app.patch(&path, token, &json!({"city": "Berlin"})).await;
    app.run_jobs().await;
    assert_eq!(receiver.types(), ["contact.created", "contact.updated"]);
    assert_eq!(receiver.received()[1].json()["data"]["city"], "Berlin");
}

#[tokio::test]
async fn leads_stage_moves_and_won_or_lost_deals_are_sent_to_the_subscriptions_that_listen() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let deaf = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let events = ["lead.created", "lead.stage_changed", "deal.won", "deal.lost"];
    let hook = subscribe(&app, token, &receiver.url, &events).await;
    subscribe(&app, token, &deaf.url, &["task.overdue"]).await;

    let leads = default_pipeline(&app, token, PipelineKind::Lead).await;
    let lead = add_lead(&app, token, json!({"contact": {"name": "Olga"}})).await;
    let call = stage(&leads, "wants_call");
    let moved: Lead = ok_json(
        app.patch(
            &format!("/api/v1/leads/{}", lead.id),
            token,
            &json!({"stage_id": call.id}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let other = add_lead(&app, token, json!({"contact": {"name": "Petr"}})).await;
    let bulk = json!({"ids": [other.id], "action": "move", "stage_id": call.id});
    let response = app.post("/api/v1/leads/bulk", Some(token), &bulk).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap());

    let deals = default_pipeline(&app, token, PipelineKind::Deal).await;
    let deal = add_deal(&app, token, json!({"title": "Fence", "amount": "500"})).await;
    let won: Deal = ok_json(
        app.patch(
            &format!("/api/v1/deals/{}", deal.id),
            token,
            &json!({"stage_id": stage(&deals, "won").id}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let lost = add_deal(&app, token, json!({"title": "Gate", "amount": "50"})).await;
    let body = json!({"stage_id": stage(&deals, "lost").id, "close_reason": "Too expensive"});
    app.patch(&format!("/api/v1/deals/{}", lost.id), token, &body).await;
    app.run_jobs().await;

    let mut types = receiver.types();
    types.sort();
    assert_eq!(
        types,
        [
            "deal.lost",
            "deal.won",
            "lead.created",
            "lead.created",
            "lead.stage_changed",
            "lead.stage_changed"
        ]
    );
    let received = receiver.received();
    assert!(received.iter().all(|r| r.signature_verifies(&hook.secret)));
    let first_move = received
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "lead.stage_changed" && b["data"]["id"] == json!(lead.id))
        .expect("the single move is sent");
    assert_eq!(first_move["data"], {
        let mut data = serde_json::to_value(&moved).unwrap();
        data["previous_stage_id"] = json!(lead.stage_id);
        data
    });
    let win = received
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "deal.won")
        .unwrap();
    assert_eq!(win["data"], serde_json::to_value(&won).unwrap());
    assert!(deaf.received().is_empty(), "a subscription gets only its events");
}

#[tokio::test]
async fn a_failed_attempt_is_retried_with_backoff_and_logged_with_its_code() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[500]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created"]).await;
    add_contact(&app, token, "Ivan").await;
    app.run_jobs().await;

    let log = deliveries(&app, token, &hook).await;
    assert_eq!(
        (log[0].status, log[0].attempts, log[0].last_response_code),
        (DeliveryStatus::Pending, 1, Some(500))
    );
    assert!(log[0].last_error.as_deref().unwrap().contains("500"));
    assert!(webhook(&app, token, &hook).await.failing_since.is_some());
    assert_eq!(app.run_jobs().await, 0, "the retry waits");

    run_jobs_after(&app, TimeDelta::seconds(10)).await;
    let log = deliveries(&app, token, &hook).await;
    assert_eq!(
        (log[0].status, log[0].attempts, log[0].last_response_code),
        (DeliveryStatus::Delivered, 2, Some(200))
    );
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].header("webhook-id"),
        got[1].header("webhook-id"),
        "the id is stable across retries"
    );
    assert!(got[1].signature_verifies(&hook.secret));
    assert!(
        webhook(&app, token, &hook).await.failing_since.is_none(),
        "a success clears the flag"
    );
}

#[tokio::test]
async fn after_a_day_of_failures_the_delivery_fails_and_the_subscription_is_switched_off() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    receiver.always(503);
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created"]).await;
    add_contact(&app, token, "Ivan").await;
    let mut later = TimeDelta::zero();
    for _ in 0..12 {
        run_jobs_after(&app, later).await;
        later += TimeDelta::hours(12);
    }
    let attempts = webhooks::delivery::MAX_ATTEMPTS;
    assert_eq!(receiver.received().len(), attempts as usize);
    let log = deliveries(&app, token, &hook).await;
    assert_eq!(
        (log[0].status, log[0].attempts, log[0].last_response_code),
        (DeliveryStatus::Failed, attempts, Some(503))
    );
    let flagged = webhook(&app, token, &hook).await;
    assert!(!flagged.active && flagged.failing_since.is_some());
    assert!(flagged.disabled_reason.unwrap().contains("503"));

    add_contact(&app, token, "Petr").await;
    assert_eq!(
        deliveries(&app, token, &hook).await.len(),
        1,
        "a switched-off webhook gets nothing new"
    );
    let resend = format!("/api/v1/webhooks/{}/deliveries/{}/resend", hook.id, log[0].id);
    problem(
        app.post(&resend, Some(token), &json!({})).await,
        StatusCode::CONFLICT,
        "webhook_inactive",
    )
    .await;

    let on: Webhook = ok_json(
        app.patch(
            &format!("/api/v1/webhooks/{}", hook.id),
            token,
            &json!({"active": true}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(on.active && on.failing_since.is_none() && on.disabled_reason.is_none());
}

#[tokio::test]
async fn a_delivery_can_be_sent_again_and_a_test_ping_sent_on_demand() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created"]).await;
    add_contact(&app, token, "Ivan").await;
    app.run_jobs().await;
    let first = deliveries(&app, token, &hook).await.remove(0);

    let path = format!("/api/v1/webhooks/{}/deliveries/{}/resend", hook.id, first.id);
    let queued: WebhookDelivery = ok_json(app.post(&path, Some(token), &json!({})).await, StatusCode::ACCEPTED).await;
    assert_eq!(queued.status, DeliveryStatus::Pending);
    app.run_jobs().await;
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].header("webhook-id"), first.id.to_string());
    assert_eq!(got[1].body, got[0].body, "the same event, byte for byte");
    let again = deliveries(&app, token, &hook).await.remove(0);
    assert_eq!((again.status, again.attempts), (DeliveryStatus::Delivered, 2));

    let ping: WebhookDelivery = ok_json(
        app.post(&format!("/api/v1/webhooks/{}/test", hook.id), Some(token), &json!({}))
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(ping.event_type, "webhook.test");
    app.run_jobs().await;
    assert_eq!(receiver.types().last().unwrap(), "webhook.test");
    let log = deliveries(&app, token, &hook).await;
    assert_eq!(log[0].id, ping.id, "newest first");

    let other = app.register("Other").await;
    let response = app.post(&path, Some(&other.access_token), &json!({})).await;
    problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let missing = format!(
        "/api/v1/webhooks/{}/deliveries/{}/resend",
        hook.id,
        uuid::Uuid::now_v7()
    );
    problem(
        app.post(&missing, Some(token), &json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_change_that_rolls_back_sends_nothing() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created", "lead.created"]).await;
    let bad = json!({"contact": {"name": "Olga"}, "amount": "-5"});
    assert_eq!(
        app.post("/api/v1/leads", Some(token), &bad).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.run_jobs().await, 0);
    assert!(receiver.received().is_empty());
    assert!(deliveries(&app, token, &hook).await.is_empty());
}

#[tokio::test]
async fn a_delivery_whose_worker_died_is_picked_up_again_after_the_lease() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created"]).await;
    add_contact(&app, token, "Ivan").await;
    let queued = job::Entity::find()
        .filter(job::Column::Kind.eq(webhooks::delivery::JOB_KIND))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a delivery job");
    let lease = Duration::from_secs(app.state.config.jobs_lease_secs);
    let claimed = queue::claim(&app.state.db, JobId(queued.id), "crashed-worker", clock::now(), lease).await;
    assert!(claimed.unwrap().is_some(), "a worker took the job and then died");
    assert_eq!(app.run_jobs().await, 0, "the claim holds during its lease");

    run_jobs_after(&app, TimeDelta::seconds(lease.as_secs() as i64 + 5)).await;
    assert_eq!(receiver.received().len(), 1);
    let log = deliveries(&app, token, &hook).await;
    assert_eq!(log[0].status, DeliveryStatus::Delivered);
}

#[tokio::test]
async fn a_target_that_became_private_is_refused_at_send_time() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["contact.created"]).await;
    add_contact(&app, token, "Ivan").await;
    let mut strict = app.state.clone();
    strict.config = Arc::new(Config {
        allow_private_webhook_targets: false,
        ..(*app.state.config).clone()
    });
    jobs::run_due(&strict).await;
    assert!(receiver.received().is_empty());
    let log = deliveries(&app, token, &hook).await;
    assert_eq!(
        (log[0].status, log[0].last_response_code),
        (DeliveryStatus::Pending, None)
    );
    assert!(log[0].last_error.as_deref().unwrap().contains("not a public address"));
}

#[tokio::test]
async fn an_open_task_past_its_due_time_is_announced_once_unless_completed() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let hook = subscribe(&app, token, &receiver.url, &["task.overdue"]).await;
    let due = clock::now() + TimeDelta::hours(2);
    let late = crate::tasks::add_task(&app, token, json!({"title": "Call back", "due_at": due})).await;
    let done = crate::tasks::add_task(&app, token, json!({"title": "Send offer", "due_at": due})).await;
    app.post(&format!("/api/v1/tasks/{}/complete", done.id), Some(token), &json!({}))
        .await;
    app.run_jobs().await;
    assert!(receiver.received().is_empty(), "not overdue yet");

    run_jobs_after(&app, TimeDelta::hours(3)).await;
    app.run_jobs().await; // the overdue check queued the delivery
    let got = receiver.received();
    assert_eq!(got.len(), 1, "only the open task is overdue");
    assert!(got[0].signature_verifies(&hook.secret));
    let body = got[0].json();
    assert_eq!(body["type"], "task.overdue");
    assert_eq!(body["data"]["id"], json!(late.id));
}

#[tokio::test]
async fn tasks_due_before_the_webhook_existed_and_tasks_reopened_late_are_announced_too() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let early = crate::tasks::add_task(
        &app,
        token,
        json!({"title": "Call back", "due_at": clock::now() + TimeDelta::hours(2)}),
    )
    .await;
    let past = crate::tasks::add_task(
        &app,
        token,
        json!({"title": "Send offer", "due_at": clock::now() - TimeDelta::hours(1)}),
    )
    .await;
    app.post(&format!("/api/v1/tasks/{}/complete", past.id), Some(token), &json!({}))
        .await;
    app.run_jobs().await;
    subscribe(&app, token, &receiver.url, &["task.overdue"]).await;

    run_jobs_after(&app, TimeDelta::hours(3)).await;
    app.run_jobs().await;
    let ids: Vec<serde_json::Value> = receiver
        .received()
        .iter()
        .map(|r| r.json()["data"]["id"].clone())
        .collect();
    assert_eq!(
        ids,
        vec![json!(early.id)],
        "the webhook hears of a task due before it existed"
    );

    app.post(&format!("/api/v1/tasks/{}/reopen", past.id), Some(token), &json!({}))
        .await;
    app.run_jobs().await;
    app.run_jobs().await;
    let ids: Vec<serde_json::Value> = receiver
        .received()
        .iter()
        .map(|r| r.json()["data"]["id"].clone())
        .collect();
    assert_eq!(
        ids,
        vec![json!(early.id), json!(past.id)],
        "reopened past its due time: overdue at once"
    );
}
