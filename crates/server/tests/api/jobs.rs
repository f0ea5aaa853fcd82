use std::time::Duration;

use chrono::{TimeDelta, Utc};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use voronka_server::config::{Config, SmtpTls};
use voronka_server::jobs::{self, JobStatus, NewJob, entity as job, queue};
use voronka_server::mail::Mailer;
use voronka_server::{clock, notifications};
use voronka_types::notifications::UnreadCount;
use voronka_types::{JobId, Role};

use crate::helpers::*;
use crate::tasks::add_task;

const LEASE: Duration = Duration::from_secs(300);

async fn stored(app: &TestApp, id: JobId) -> job::Model {
    queue::find(&app.state.db, id).await.unwrap().expect("the job exists")
}

async fn email_job(app: &TestApp) -> job::Model {
    job::Entity::find()
        .filter(job::Column::Kind.eq(notifications::email::JOB_KIND))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("an e-mail job was queued")
}

/// An app state whose SMTP server refuses every connection.
fn with_broken_smtp(app: &TestApp) -> voronka_server::AppState {
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config {
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: closed_port,
        smtp_tls: SmtpTls::None,
        ..Config::default()
    };
    let mut state = app.state.clone();
    state.mailer = Mailer::from_config(&config).unwrap();
    state
}

/// A manager with a fresh "task assigned" notification whose e-mail job is queued.
async fn queued_assignment_mail(app: &TestApp) -> job::Model {
    let owner = app.register("Mail Co").await;
    let (manager, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    add_task(
        app,
        &owner.access_token,
        json!({"title": "Yours", "assignee_id": manager.id}),
    )
    .await;
    email_job(app).await
}

#[tokio::test]
async fn only_one_of_two_racing_claims_wins() {
    let app = spawn_app().await;
    let id = jobs::enqueue(&app.state.db, NewJob::new("test.noop", None, json!({}), Utc::now()))
        .await
        .unwrap();
    let now = clock::now();
    let (a, b) = tokio::join!(
        queue::claim(&app.state.db, id, "worker-a", now, LEASE),
        queue::claim(&app.state.db, id, "worker-b", now, LEASE),
    );
    let winners: Vec<job::Model> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(winners.len(), 1, "exactly one claim wins");
    let claimed = stored(&app, id).await;
    assert_eq!(claimed.status, JobStatus::Running.as_str());
    assert_eq!(claimed.attempts, 1);
    assert_eq!(claimed.locked_by, winners[0].locked_by);
    let late = queue::claim(&app.state.db, id, "worker-c", now + TimeDelta::seconds(1), LEASE)
        .await
        .unwrap();
    assert!(late.is_none(), "a held lease is not claimed again");
}

#[tokio::test]
async fn a_reminder_runs_once_when_two_workers_race_for_it() {
    let app = spawn_app().await;
    let owner = app.register("Race Co").await;
    add_task(
        &app,
        &owner.access_token,
        json!({"title": "Once", "remind_at": Utc::now() - TimeDelta::seconds(5)}),
    )
    .await;
    tokio::join!(jobs::run_due(&app.state), jobs::run_due(&app.state));
    app.run_jobs().await;
    let count: UnreadCount = ok_json(
        app.get("/api/v1/notifications/unread-count", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(count.unread, 1);
    assert_eq!(app.sent_mail().len(), 1);
}

#[tokio::test]
async fn a_failed_attempt_is_retried_after_a_backoff_and_then_succeeds() {
    let app = spawn_app().await;
    let mail_job = queued_assignment_mail(&app).await;
    let now = clock::now();
    assert_eq!(jobs::run_due_at(&with_broken_smtp(&app), now).await, 1);
    let failed_once = stored(&app, JobId(mail_job.id)).await;
    assert_eq!(failed_once.status, JobStatus::Pending.as_str());
    assert_eq!(failed_once.attempts, 1);
    assert!(failed_once.last_error.as_deref().unwrap_or_default().contains("SMTP"));
    assert!(failed_once.locked_by.is_none());
    let wait = failed_once.run_at - now;
    assert_eq!(wait, TimeDelta::seconds(30), "the first retry waits the base delay");
    assert_eq!(jobs::run_due_at(&app.state, now).await, 0, "not before its time");
    assert!(app.sent_mail().is_empty());
    assert_eq!(jobs::run_due_at(&app.state, now + TimeDelta::seconds(31)).await, 1);
    let done = stored(&app, JobId(mail_job.id)).await;
    assert_eq!((done.status.as_str(), done.attempts), ("done", 2));
    assert_eq!(app.sent_mail().len(), 1);
}

#[tokio::test]
async fn a_job_out_of_attempts_is_marked_failed_with_its_last_error() {
    let app = spawn_app().await;
    let mail_job = queued_assignment_mail(&app).await;
    let broken = with_broken_smtp(&app);
    let retry = NewJob::new(
        notifications::email::JOB_KIND,
        mail_job.tenant_id.map(Into::into),
        serde_json::from_str(&mail_job.payload).unwrap(),
        Utc::now(),
    )
    .max_attempts(2);
    let id = jobs::enqueue(&app.state.db, retry).await.unwrap();
    let mut now = clock::now();
    for _ in 0..2 {
        jobs::run_due_at(&broken, now).await;
        now += TimeDelta::hours(2);
    }
    let failed = stored(&app, id).await;
    assert_eq!((failed.status.as_str(), failed.attempts), ("failed", 2));
    assert!(failed.last_error.is_some());
    jobs::run_due_at(&app.state, now + TimeDelta::days(1)).await;
    assert_eq!(stored(&app, id).await.status, "failed", "failed jobs stay failed");
}

#[tokio::test]
async fn a_job_whose_worker_died_is_claimed_again_once_its_lease_expires() {
    let app = spawn_app().await;
    let mail_job = queued_assignment_mail(&app).await;
    let now = clock::now();
    let crashed = queue::claim(&app.state.db, JobId(mail_job.id), "crashed-worker", now, LEASE)
        .await
        .unwrap();
    assert!(crashed.is_some());
    assert_eq!(jobs::run_due_at(&app.state, now).await, 0, "the lease still holds");
    let after_lease = now + TimeDelta::from_std(LEASE).unwrap() + TimeDelta::seconds(1);
    assert_eq!(jobs::run_due_at(&app.state, after_lease).await, 1);
    let done = stored(&app, JobId(mail_job.id)).await;
    assert_eq!((done.status.as_str(), done.attempts), ("done", 2));
    assert!(done.locked_by.is_none() && done.locked_until.is_none());
    assert_eq!(app.sent_mail().len(), 1);
    // The crashed worker coming back cannot overwrite the outcome.
    let stale = job::Model {
        attempts: 1,
        locked_by: Some("crashed-worker".into()),
        ..done.clone()
    };
    assert!(
        !queue::complete(&app.state.db, &stale, "crashed-worker", after_lease)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn unknown_kinds_and_unreadable_payloads_fail_at_once() {
    let app = spawn_app().await;
    let now = clock::now();
    let unknown = jobs::enqueue(&app.state.db, NewJob::new("no.such.kind", None, json!({}), now))
        .await
        .unwrap();
    let garbled = jobs::enqueue(
        &app.state.db,
        NewJob::new(notifications::email::JOB_KIND, None, json!({"bogus": 1}), now),
    )
    .await
    .unwrap();
    assert_eq!(app.run_jobs().await, 2);
    let unknown = stored(&app, unknown).await;
    assert_eq!((unknown.status.as_str(), unknown.attempts), ("failed", 1));
    assert!(unknown.last_error.unwrap().contains("unknown job kind `no.such.kind`"));
    let garbled = stored(&app, garbled).await;
    assert_eq!(garbled.status, "failed");
    assert!(garbled.last_error.unwrap().contains("unreadable payload"));
}

#[tokio::test]
async fn a_job_queued_in_a_rolled_back_transaction_never_exists() {
    let app = spawn_app().await;
    let txn = app.state.db.begin().await.unwrap();
    let id = jobs::enqueue(&txn, NewJob::new("test.noop", None, json!({}), Utc::now()))
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    assert!(queue::find(&app.state.db, id).await.unwrap().is_none());
    assert_eq!(app.run_jobs().await, 0);
}

#[tokio::test]
async fn the_background_worker_delivers_a_due_reminder_by_itself() {
    let app = spawn_app_with(|config| {
        config.jobs_enabled = true;
        config.jobs_poll_ms = 50;
    })
    .await;
    let owner = app.register("Worker Co").await;
    add_task(
        &app,
        &owner.access_token,
        json!({"title": "Automatic", "remind_at": Utc::now() - TimeDelta::seconds(1)}),
    )
    .await;
    let mut delivered = false;
    for _ in 0..100 {
        if !app.sent_mail().is_empty() {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(delivered, "the worker should send the reminder within five seconds");
    let count: UnreadCount = ok_json(
        app.get("/api/v1/notifications/unread-count", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(count.unread, 1);
}

#[tokio::test]
async fn a_worker_stops_promptly_when_the_server_stops() {
    let app = spawn_app().await;
    let worker = jobs::spawn_worker(app.state.clone());
    tokio::time::sleep(Duration::from_millis(50)).await;
    let stopped = tokio::time::timeout(Duration::from_secs(2), worker.stop(Duration::from_secs(1))).await;
    assert!(
        stopped.is_ok(),
        "an idle worker stops at once instead of finishing its pause"
    );
}

#[tokio::test]
async fn done_jobs_are_pruned_after_a_week_and_failed_ones_kept() {
    let app = spawn_app().await;
    let now = clock::now();
    let done = jobs::enqueue(&app.state.db, NewJob::new("test.noop", None, json!({}), now))
        .await
        .unwrap();
    let claimed = queue::claim(&app.state.db, done, "w", now, LEASE)
        .await
        .unwrap()
        .unwrap();
    assert!(queue::complete(&app.state.db, &claimed, "w", now).await.unwrap());
    let failed = jobs::enqueue(&app.state.db, NewJob::new("no.such.kind", None, json!({}), now))
        .await
        .unwrap();
    jobs::run_due_at(&app.state, now).await;
    assert_eq!(
        queue::prune_done(&app.state.db, now).await.unwrap(),
        0,
        "nothing older yet"
    );
    let pruned = queue::prune_done(&app.state.db, now + TimeDelta::days(8))
        .await
        .unwrap();
    assert_eq!(pruned, 1);
    assert!(queue::find(&app.state.db, done).await.unwrap().is_none());
    assert_eq!(stored(&app, failed).await.status, "failed");
}
