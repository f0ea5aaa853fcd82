use chrono::{TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::json;
use voronka_types::audit::AuditEntry;
use voronka_types::contacts::Contact;
use voronka_types::tasks::{Task, TaskPriority, TaskStatus};
use voronka_types::{Page, Role};

use crate::helpers::*;

pub async fn add_task(app: &TestApp, token: &str, body: serde_json::Value) -> Task {
    ok_json(app.post("/api/v1/tasks", Some(token), &body).await, StatusCode::CREATED).await
}

pub async fn add_contact(app: &TestApp, token: &str, name: &str) -> Contact {
    ok_json(
        app.post("/api/v1/contacts", Some(token), &json!({"name": name})).await,
        StatusCode::CREATED,
    )
    .await
}

pub async fn task_ids(app: &TestApp, token: &str, query: &str) -> Vec<voronka_types::TaskId> {
    let page: Page<Task> = ok_json(app.get(&format!("/api/v1/tasks{query}"), token).await, StatusCode::OK).await;
    page.items.into_iter().map(|t| t.id).collect()
}

#[tokio::test]
async fn a_new_task_is_open_normal_priority_and_assigned_to_its_creator() {
    let app = spawn_app().await;
    let owner = app.register("Tasks Co").await;
    let t = owner.access_token.as_str();
    let due = Utc::now() + TimeDelta::days(1);
    let task = add_task(
        &app,
        t,
        json!({"title": "  Call Anna back ", "description": "About the offer\nand the discount", "due_at": due}),
    )
    .await;
    assert_eq!(task.title, "Call Anna back");
    assert_eq!(task.description.as_deref(), Some("About the offer\nand the discount"));
    assert_eq!(task.assignee_id, owner.user.id);
    assert_eq!(task.created_by, Some(owner.user.id));
    assert_eq!((task.priority, task.status), (TaskPriority::Normal, TaskStatus::Open));
    assert!(!task.overdue && task.completed_at.is_none() && task.remind_at.is_none());
    let read: Task = ok_json(app.get(&format!("/api/v1/tasks/{}", task.id), t).await, StatusCode::OK).await;
    assert_eq!(read, task);
    let audit: Page<AuditEntry> = ok_json(
        app.get(&format!("/api/v1/audit-log?entity_type=task&entity_id={}", task.id), t)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(audit.items[0].action, "task.created");
}

#[tokio::test]
async fn bad_task_input_names_the_field_and_saves_nothing() {
    let app = spawn_app().await;
    let owner = app.register("Strict Co").await;
    let stranger = app.register("Other Co").await;
    let (inactive, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let response = app
        .patch(
            &format!("/api/v1/users/{}", inactive.id),
            &owner.access_token,
            &json!({"status": "inactive"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let foreign_contact = add_contact(&app, &stranger.access_token, "Theirs").await;
    let due = Utc::now() + TimeDelta::hours(2);
    let cases = [
        (json!({"title": ""}), "title"),
        (json!({"title": "x".repeat(201)}), "title"),
        (json!({"title": "A", "description": "x".repeat(5001)}), "description"),
        (json!({"title": "A", "priority": "someday"}), "priority"),
        (json!({"title": "A", "due_at": "tomorrow"}), "due_at"),
        (
            json!({"title": "A", "due_at": due, "remind_at": due + TimeDelta::minutes(5)}),
            "remind_at",
        ),
        (
            json!({"title": "A", "assignee_id": uuid::Uuid::now_v7()}),
            "assignee_id",
        ),
        (json!({"title": "A", "assignee_id": stranger.user.id}), "assignee_id"),
        (json!({"title": "A", "assignee_id": inactive.id}), "assignee_id"),
        (json!({"title": "A", "contact_id": uuid::Uuid::now_v7()}), "contact_id"),
        (json!({"title": "A", "contact_id": foreign_contact.id}), "contact_id"),
        (json!({"description": "no title"}), "title"),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/tasks", Some(&owner.access_token), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    assert!(task_ids(&app, &owner.access_token, "").await.is_empty());
}

#[tokio::test]
async fn a_task_is_changed_completed_reopened_and_deleted() {
    let app = spawn_app().await;
    let owner = app.register("Flow Co").await;
    let t = owner.access_token.as_str();
    let past = Utc::now() - TimeDelta::hours(3);
    let task = add_task(
        &app,
        t,
        json!({"title": "Send the offer", "description": "PDF", "due_at": past}),
    )
    .await;
    assert!(task.overdue, "open and past its due time");
    let path = format!("/api/v1/tasks/{}", task.id);
    let changed: Task = ok_json(
        app.patch(
            &path,
            t,
            &json!({"title": "Send the new offer", "priority": "urgent", "description": null}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.title, "Send the new offer");
    assert_eq!((changed.priority, changed.description), (TaskPriority::Urgent, None));
    assert_eq!(changed.due_at, task.due_at, "absent fields stay");
    let p = problem(
        app.patch(&path, t, &json!({"remind_at": past + TimeDelta::hours(1)}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "remind_at");
    let p = problem(
        app.patch(&path, t, &json!({"title": " "})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "title");

    let done: Task = ok_json(
        app.post(&format!("{path}/complete"), Some(t), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(done.status, TaskStatus::Completed);
    assert!(
        done.completed_at.is_some() && !done.overdue,
        "a done task is never overdue"
    );
    let again: Task = ok_json(
        app.post(&format!("{path}/complete"), Some(t), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        again.completed_at, done.completed_at,
        "completing twice keeps the first time"
    );
    let reopened: Task = ok_json(
        app.post(&format!("{path}/reopen"), Some(t), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reopened.status, TaskStatus::Open);
    assert!(reopened.completed_at.is_none() && reopened.overdue);

    let response = app.delete(&path, t).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    let audit: Page<AuditEntry> = ok_json(
        app.get(&format!("/api/v1/audit-log?entity_type=task&entity_id={}", task.id), t)
            .await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = audit.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "task.deleted",
            "task.reopened",
            "task.completed",
            "task.updated",
            "task.created"
        ]
    );
}

#[tokio::test]
async fn managers_see_only_tasks_assigned_to_or_created_by_them() {
    let app = spawn_app().await;
    let owner = app.register("Scope Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (o, m) = (owner.access_token.as_str(), manager.access_token.as_str());
    let owners_own = add_task(&app, o, json!({"title": "Owner's"})).await;
    let for_manager = add_task(&app, o, json!({"title": "For manager", "assignee_id": manager_user.id})).await;
    let managers_own = add_task(&app, m, json!({"title": "Manager's"})).await;
    let delegated = add_task(&app, m, json!({"title": "For owner", "assignee_id": owner.user.id})).await;
    let mut visible = task_ids(&app, m, "").await;
    visible.sort();
    let mut expected = vec![for_manager.id, managers_own.id, delegated.id];
    expected.sort();
    assert_eq!(visible, expected);
    let theirs = format!("/api/v1/tasks/{}", owners_own.id);
    problem(app.get(&theirs, m).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&theirs, m, &json!({"title": "mine now"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.post(&format!("{theirs}/complete"), Some(m), &json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(app.delete(&theirs, m).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(task_ids(&app, o, "").await.len(), 4, "the owner sees every task");
}

#[tokio::test]
async fn roles_without_task_permissions_are_refused() {
    let app = spawn_app().await;
    let owner = app.register("Roles Co").await;
    let task = add_task(&app, &owner.access_token, json!({"title": "Owner's"})).await;
    for role in [Role::Guest, Role::Partner] {
        let (_, session) = app.user_with_role(&owner.access_token, role).await;
        let t = session.access_token.as_str();
        for response in [
            app.get("/api/v1/tasks", t).await,
            app.post("/api/v1/tasks", Some(t), &json!({"title": "x"})).await,
            app.get(&format!("/api/v1/tasks/{}", task.id), t).await,
            app.patch(&format!("/api/v1/tasks/{}", task.id), t, &json!({"title": "x"}))
                .await,
            app.post(&format!("/api/v1/tasks/{}/complete", task.id), Some(t), &json!({}))
                .await,
            app.delete(&format!("/api/v1/tasks/{}", task.id), t).await,
        ] {
            problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
        }
    }
}

#[tokio::test]
async fn another_companys_tasks_answer_404() {
    let app = spawn_app().await;
    let owner = app.register("Mine Co").await;
    let other = app.register("Theirs Co").await;
    let task = add_task(&app, &owner.access_token, json!({"title": "Private"})).await;
    let (path, t) = (format!("/api/v1/tasks/{}", task.id), other.access_token.as_str());
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, t, &json!({"title": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    for action in ["complete", "reopen"] {
        problem(
            app.post(&format!("{path}/{action}"), Some(t), &json!({})).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    problem(app.delete(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.get("/api/v1/tasks/not-an-id", t).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(task_ids(&app, t, "").await.is_empty());
}

#[tokio::test]
async fn an_api_key_names_the_assignee_and_has_no_tasks_of_its_own() {
    let app = spawn_app().await;
    let owner = app.register("Keys Co").await;
    let key: voronka_types::api_keys::CreatedApiKey = ok_json(
        app.post(
            "/api/v1/api-keys",
            Some(&owner.access_token),
            &json!({"name": "Site", "scopes": ["tasks.read.all", "tasks.write"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let p = problem(
        app.post("/api/v1/tasks", Some(&key.secret), &json!({"title": "Call back"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "assignee_id");
    let task = add_task(
        &app,
        &key.secret,
        json!({"title": "Call back", "assignee_id": owner.user.id}),
    )
    .await;
    assert_eq!(task.created_by, None);
    let p = problem(
        app.get("/api/v1/tasks?mine=true", &key.secret).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "mine");
    assert_eq!(task_ids(&app, &key.secret, "").await, vec![task.id]);
}

#[tokio::test]
async fn a_task_links_only_to_a_contact_its_author_can_see() {
    let app = spawn_app().await;
    let owner = app.register("Links Co").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let owners_contact = add_contact(&app, &owner.access_token, "Owner's client").await;
    let managers_contact = add_contact(&app, &manager.access_token, "Manager's client").await;
    let p = problem(
        app.post(
            "/api/v1/tasks",
            Some(&manager.access_token),
            &json!({"title": "Call", "contact_id": owners_contact.id}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "contact_id");
    let task = add_task(
        &app,
        &manager.access_token,
        json!({"title": "Call", "contact_id": managers_contact.id}),
    )
    .await;
    assert_eq!(task.contact_id, Some(managers_contact.id));
    let response = app
        .delete(
            &format!("/api/v1/contacts/{}", managers_contact.id),
            &manager.access_token,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let read: Task = ok_json(
        app.get(&format!("/api/v1/tasks/{}", task.id), &manager.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read.contact_id, None, "the task outlives its contact");
}
