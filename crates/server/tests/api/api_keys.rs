use reqwest::{Method, StatusCode};
use serde_json::json;
use voronka_types::api_keys::{ApiKey, CreatedApiKey};
use voronka_types::users::User;
use voronka_types::{Page, Permission, Role};

use crate::helpers::*;

async fn create_key(app: &TestApp, token: &str, scopes: &[&str]) -> CreatedApiKey {
    let body = json!({"name": "Website", "scopes": scopes});
    ok_json(
        app.post("/api/v1/api-keys", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn a_key_is_shown_once_listed_without_its_secret_and_works_in_its_scopes() {
    let app = spawn_app().await;
    let owner = app.register("Keys Co").await;
    let created = create_key(&app, &owner.access_token, &["users.read", "ingest"]).await;
    assert!(created.secret.starts_with("vk_live_"));
    assert!(created.secret.starts_with(&created.key.prefix));
    assert_eq!(created.key.scopes, vec![Permission::UsersRead, Permission::Ingest]);

    let listed_raw = app
        .get("/api/v1/api-keys", &owner.access_token)
        .await
        .text()
        .await
        .unwrap();
    assert!(!listed_raw.contains(&created.secret), "the list never holds the secret");
    let listed: Vec<ApiKey> = serde_json::from_str(&listed_raw).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_none());

    // Bearer and X-API-Key both work, inside the key's tenant and scopes only.
    let page: Page<User> = ok_json(app.get("/api/v1/users", &created.secret).await, StatusCode::OK).await;
    assert!(page.items.iter().all(|u| u.tenant_id == owner.user.tenant_id));
    let via_header = app
        .request(Method::GET, "/api/v1/users", None)
        .header("x-api-key", &created.secret)
        .send()
        .await
        .unwrap();
    assert_eq!(via_header.status(), StatusCode::OK);
    problem(
        app.get("/api/v1/roles/", &created.secret).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.get("/api/v1/audit-log", &created.secret).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    problem(
        app.get("/api/v1/me", &created.secret).await,
        StatusCode::FORBIDDEN,
        "user_required",
    )
    .await;

    let listed: Vec<ApiKey> = ok_json(app.get("/api/v1/api-keys", &owner.access_token).await, StatusCode::OK).await;
    assert!(listed[0].last_used_at.is_some(), "use is recorded");
}

#[tokio::test]
async fn a_revoked_key_stops_working_at_once() {
    let app = spawn_app().await;
    let owner = app.register("Revoke Co").await;
    let created = create_key(&app, &owner.access_token, &["users.read"]).await;
    assert_eq!(app.get("/api/v1/users", &created.secret).await.status(), StatusCode::OK);
    let response = app
        .delete(&format!("/api/v1/api-keys/{}", created.key.id), &owner.access_token)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    problem(
        app.get("/api/v1/users", &created.secret).await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
    problem(
        app.delete(&format!("/api/v1/api-keys/{}", created.key.id), &owner.access_token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let listed: Vec<ApiKey> = ok_json(app.get("/api/v1/api-keys", &owner.access_token).await, StatusCode::OK).await;
    assert!(listed.is_empty());
    problem(
        app.get("/api/v1/users", "vk_live_made_up_key").await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
}

#[tokio::test]
async fn keys_need_a_name_and_scopes_their_creator_holds() {
    let app = spawn_app().await;
    let owner = app.register("Scope Co").await;
    let t = Some(owner.access_token.as_str());
    let p = problem(
        app.post("/api/v1/api-keys", t, &json!({"name": "", "scopes": ["ingest"]}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "name");
    let p = problem(
        app.post("/api/v1/api-keys", t, &json!({"name": "A", "scopes": []}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "scopes");
    let p = problem(
        app.post(
            "/api/v1/api-keys",
            t,
            &json!({"name": "A", "scopes": ["ingest", "root"]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "scopes[1]");

    // A head of sales given api_keys.manage still cannot hand out what they lack.
    let body = json!({"permissions": ["users.read", "api_keys.manage"]});
    app.put("/api/v1/roles/head_of_sales/permissions", &owner.access_token, &body)
        .await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let p = problem(
        app.post(
            "/api/v1/api-keys",
            Some(&head.access_token),
            &json!({"name": "A", "scopes": ["users.read", "audit.read"]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "scopes[1]");
}

#[tokio::test]
async fn managers_cannot_manage_keys_and_other_companies_keys_are_invisible() {
    let app = spawn_app().await;
    let a = app.register("Keys A").await;
    let b = app.register("Keys B").await;
    let (_, manager) = app.user_with_role(&a.access_token, Role::Manager).await;
    problem(
        app.get("/api/v1/api-keys", &manager.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    problem(
        app.post(
            "/api/v1/api-keys",
            Some(&manager.access_token),
            &json!({"name": "A", "scopes": ["leads.write"]}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let b_key = create_key(&app, &b.access_token, &["users.read"]).await;
    problem(
        app.delete(&format!("/api/v1/api-keys/{}", b_key.key.id), &a.access_token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        app.get("/api/v1/users", &b_key.secret).await.status(),
        StatusCode::OK,
        "B's key still works"
    );
}
