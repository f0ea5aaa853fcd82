use reqwest::StatusCode;
use serde_json::json;
use voronka_types::audit::{ActorKind, AuditEntry};
use voronka_types::{Page, Role};

use crate::helpers::*;

#[tokio::test]
async fn changes_are_recorded_with_actor_and_before_after_values() {
    let app = spawn_app().await;
    let owner = app.register("Audit Co").await;
    let (manager, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    app.patch(
        &format!("/api/v1/users/{}", manager.id),
        &owner.access_token,
        &json!({"role": "head_of_sales"}),
    )
    .await;

    let page: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=user", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    let update = page
        .items
        .iter()
        .find(|e| e.action == "user.updated")
        .expect("the role change is logged");
    assert_eq!(update.actor_kind, ActorKind::User);
    assert_eq!(update.actor_id, Some(owner.user.id.0));
    assert_eq!(update.entity_id.as_deref(), Some(manager.id.to_string().as_str()));
    assert_eq!(update.changes.len(), 1);
    assert_eq!(update.changes[0].field, "role");
    assert_eq!(update.changes[0].before, Some(json!("manager")));
    assert_eq!(update.changes[0].after, Some(json!("head_of_sales")));
    assert!(update.request_id.is_some());
    assert!(page.items.iter().any(|e| e.action == "user.created"));
    assert!(
        page.items.windows(2).all(|w| w[0].created_at >= w[1].created_at),
        "newest first"
    );
}

#[tokio::test]
async fn api_key_changes_and_role_edits_are_recorded_too() {
    let app = spawn_app().await;
    let owner = app.register("Audit Keys Co").await;
    let body = json!({"name": "Shop", "scopes": ["ingest"]});
    let created: voronka_types::api_keys::CreatedApiKey = ok_json(
        app.post("/api/v1/api-keys", Some(&owner.access_token), &body).await,
        StatusCode::CREATED,
    )
    .await;
    app.put(
        "/api/v1/roles/guest/permissions",
        &owner.access_token,
        &json!({"permissions": ["reports.read"]}),
    )
    .await;
    let page: Page<AuditEntry> = ok_json(app.get("/api/v1/audit-log", &owner.access_token).await, StatusCode::OK).await;
    let actions: Vec<&str> = page.items.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"api_key.created"));
    assert!(actions.contains(&"role.permissions_changed"));
    assert!(actions.contains(&"tenant.registered"));
    let raw = serde_json::to_string(&page).unwrap();
    assert!(!raw.contains(&created.secret), "secrets never reach the log");
    let only: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?action=api_key.created", &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(only.total, 1);
}

#[tokio::test]
async fn the_log_pages_and_is_for_owners_of_this_company_only() {
    let app = spawn_app().await;
    let a = app.register("Audit A").await;
    let b = app.register("Audit B").await;
    for _ in 0..3 {
        app.user_with_role(&a.access_token, Role::Manager).await;
    }
    let (_, manager) = app.user_with_role(&a.access_token, Role::Manager).await;
    problem(
        app.get("/api/v1/audit-log", &manager.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let first: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?limit=2", &a.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.total, 6, "registration, owner and four managers");
    let next: Page<AuditEntry> = ok_json(
        app.get(
            &format!("/api/v1/audit-log?limit=2&cursor={}", first.next_cursor.unwrap()),
            &a.access_token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(next.items.iter().all(|e| first.items.iter().all(|f| f.id != e.id)));
    let theirs: Page<AuditEntry> = ok_json(app.get("/api/v1/audit-log", &b.access_token).await, StatusCode::OK).await;
    assert_eq!(theirs.total, 2);
    let p = problem(
        app.get("/api/v1/audit-log?from=yesterday", &a.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "from");
}
