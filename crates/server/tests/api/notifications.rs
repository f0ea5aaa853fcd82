use chrono::{TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::json;
use voronka_types::notifications::{MarkedRead, Notification, UnreadCount};
use voronka_types::{Page, Role};

use crate::helpers::*;
use crate::tasks::add_task;

async fn notifications(app: &TestApp, token: &str, query: &str) -> Page<Notification> {
    ok_json(
        app.get(&format!("/api/v1/notifications{query}"), token).await,
        StatusCode::OK,
    )
    .await
}

async fn unread(app: &TestApp, token: &str) -> u64 {
    let count: UnreadCount = ok_json(
        app.get("/api/v1/notifications/unread-count", token).await,
        StatusCode::OK,
    )
    .await;
    count.unread
}

#[tokio::test]
async fn a_reminder_due_in_the_past_fires_once_with_one_notification_and_one_mail() {
    let app = spawn_app().await;
    let owner = app.register("Remind Co").await;
    let t = owner.access_token.as_str();
    let task = add_task(
        &app,
        t,
        json!({"title": "Call Boris", "remind_at": Utc::now() - TimeDelta::minutes(1),
               "due_at": Utc::now() + TimeDelta::hours(1)}),
    )
    .await;
    assert_eq!(unread(&app, t).await, 0, "nothing before the job runs");
    assert_eq!(app.run_jobs().await, 2, "the reminder, then its e-mail");
    let page = notifications(&app, t, "").await;
    assert_eq!(page.total, 1);
    let reminder = &page.items[0];
    assert_eq!(reminder.kind, "task.reminder");
    assert_eq!(reminder.title, "Reminder: Call Boris");
    assert!(reminder.body.starts_with("Due "), "{}", reminder.body);
    assert_eq!(
        (reminder.entity_type.as_str(), reminder.entity_id),
        ("task", Some(task.id.0))
    );
    let mail = app.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, owner.user.email);
    assert_eq!(mail[0].subject, "Reminder: Call Boris");
    assert!(mail[0].body.contains("http://voronka.test"));
    assert_eq!(app.run_jobs().await, 0, "nothing runs twice");
    assert_eq!((unread(&app, t).await, app.sent_mail().len()), (1, 1));
}

#[tokio::test]
async fn a_completed_tasks_reminder_does_nothing() {
    let app = spawn_app().await;
    let owner = app.register("Done Co").await;
    let t = owner.access_token.as_str();
    let task = add_task(
        &app,
        t,
        json!({"title": "Already done", "remind_at": Utc::now() - TimeDelta::minutes(1)}),
    )
    .await;
    let response = app
        .post(&format!("/api/v1/tasks/{}/complete", task.id), Some(t), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.run_jobs().await, 1, "the reminder job runs and finds nothing to do");
    assert_eq!(unread(&app, t).await, 0);
    assert!(app.sent_mail().is_empty());
}

#[tokio::test]
async fn a_moved_reminder_fires_only_at_its_new_time() {
    let app = spawn_app().await;
    let owner = app.register("Moved Co").await;
    let t = owner.access_token.as_str();
    let task = add_task(
        &app,
        t,
        json!({"title": "Meet", "remind_at": Utc::now() + TimeDelta::hours(1)}),
    )
    .await;
    assert_eq!(app.run_jobs().await, 0, "not due yet");
    let moved = app
        .patch(
            &format!("/api/v1/tasks/{}", task.id),
            t,
            &json!({"remind_at": Utc::now() - TimeDelta::minutes(1)}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(unread(&app, t).await, 1);
    // Two hours on, the job queued for the old time runs and sees the reminder has moved.
    let later = Utc::now() + TimeDelta::hours(2);
    assert_eq!(voronka_server::jobs::run_due_at(&app.state, later).await, 1);
    assert_eq!((unread(&app, t).await, app.sent_mail().len()), (1, 1));
}

#[tokio::test]
async fn assigning_a_task_to_someone_else_notifies_them() {
    let app = spawn_app().await;
    let owner = app.register("Assign Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (o, m) = (owner.access_token.as_str(), manager.access_token.as_str());
    let task = add_task(&app, o, json!({"title": "Prepare the contract"})).await;
    assert_eq!(unread(&app, o).await, 0, "nobody is told about their own task");
    let response = app
        .patch(
            &format!("/api/v1/tasks/{}", task.id),
            o,
            &json!({"assignee_id": manager_user.id}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = notifications(&app, m, "").await;
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].kind, "task.assigned");
    assert_eq!(page.items[0].title, "New task: Prepare the contract");
    assert!(page.items[0].body.contains("Assign Co Owner"), "{}", page.items[0].body);
    app.run_jobs().await;
    let mail = app.sent_mail();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, manager_user.email);
}

#[tokio::test]
async fn notifications_are_counted_listed_newest_first_and_marked_read() {
    let app = spawn_app().await;
    let owner = app.register("Inbox Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let m = manager.access_token.as_str();
    for title in ["one", "two", "three"] {
        add_task(
            &app,
            &owner.access_token,
            json!({"title": title, "assignee_id": manager_user.id}),
        )
        .await;
    }
    assert_eq!(unread(&app, m).await, 3);
    let first_page = notifications(&app, m, "?limit=2").await;
    assert_eq!(first_page.total, 3);
    let titles: Vec<&str> = first_page.items.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(titles, ["New task: three", "New task: two"]);
    let rest = notifications(&app, m, &format!("?limit=2&cursor={}", first_page.next_cursor.unwrap())).await;
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].title, "New task: one");

    let oldest = &rest.items[0];
    let path = format!("/api/v1/notifications/{}/read", oldest.id);
    let read: Notification = ok_json(app.post(&path, Some(m), &json!({})).await, StatusCode::OK).await;
    assert!(read.read_at.is_some());
    let again: Notification = ok_json(app.post(&path, Some(m), &json!({})).await, StatusCode::OK).await;
    assert_eq!(again.read_at, read.read_at, "reading twice keeps the first time");
    assert_eq!(unread(&app, m).await, 2);
    assert_eq!(notifications(&app, m, "?unread=true").await.total, 2);

    let marked: MarkedRead = ok_json(
        app.post("/api/v1/notifications/read-all", Some(m), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(marked.marked, 2);
    assert_eq!(unread(&app, m).await, 0);
    assert_eq!(notifications(&app, m, "?unread=true").await.total, 0);
    assert_eq!(notifications(&app, m, "").await.total, 3);
    let p = problem(
        app.get("/api/v1/notifications?unread=maybe", m).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "unread");
}

#[tokio::test]
async fn nobody_sees_or_marks_another_users_notifications() {
    let app = spawn_app().await;
    let owner = app.register("Private Co").await;
    let other_company = app.register("Elsewhere Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    add_task(
        &app,
        &owner.access_token,
        json!({"title": "For the manager", "assignee_id": manager_user.id}),
    )
    .await;
    let theirs = notifications(&app, &manager.access_token, "").await.items[0].id;
    for token in [&owner.access_token, &other_company.access_token] {
        assert_eq!(notifications(&app, token, "").await.total, 0);
        assert_eq!(unread(&app, token).await, 0);
        problem(
            app.post(&format!("/api/v1/notifications/{theirs}/read"), Some(token), &json!({}))
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        let marked: MarkedRead = ok_json(
            app.post("/api/v1/notifications/read-all", Some(token), &json!({}))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(marked.marked, 0);
    }
    assert_eq!(
        unread(&app, &manager.access_token).await,
        1,
        "still unread for its owner"
    );
    problem(
        app.post(
            "/api/v1/notifications/nope/read",
            Some(&manager.access_token),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn api_keys_and_anonymous_callers_have_no_notifications() {
    let app = spawn_app().await;
    let owner = app.register("Key Co").await;
    let key: voronka_types::api_keys::CreatedApiKey = ok_json(
        app.post(
            "/api/v1/api-keys",
            Some(&owner.access_token),
            &json!({"name": "Bot", "scopes": ["tasks.read.all"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    for path in ["/api/v1/notifications", "/api/v1/notifications/unread-count"] {
        problem(app.get(path, &key.secret).await, StatusCode::FORBIDDEN, "user_required").await;
    }
    problem(
        app.post("/api/v1/notifications/read-all", Some(&key.secret), &json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "user_required",
    )
    .await;
    let anonymous = app
        .request(reqwest::Method::GET, "/api/v1/notifications", None)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
