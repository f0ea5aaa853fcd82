//! `/api/v1/webhooks`: subscriptions, secrets, rights, tenants and the SSRF guard.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::api_keys::CreatedApiKey;
use voronka_types::webhooks::{Webhook, WebhookEvent};
use voronka_types::{Page, Role};

use crate::helpers::*;

/// Subscribes `url` to `events` as `token`; answers the created subscription (full secret).
pub async fn subscribe(app: &TestApp, token: &str, url: &str, events: &[&str]) -> Webhook {
    let body = json!({"url": url, "events": events, "description": "Our shop"});
    ok_json(
        app.post("/api/v1/webhooks", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn an_owner_subscribes_and_sees_the_secret_in_full_only_on_create_and_rotation() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let created = subscribe(
        &app,
        token,
        "https://hooks.example.com/in",
        &["lead.created", "contact.created"],
    )
    .await;
    assert!(created.secret.starts_with("whsec_") && created.secret.len() > 40);
    assert_eq!(
        created.events,
        [WebhookEvent::ContactCreated, WebhookEvent::LeadCreated]
    );
    assert!(created.active);
    assert_eq!(created.description.as_deref(), Some("Our shop"));

    let path = format!("/api/v1/webhooks/{}", created.id);
    let read: Webhook = ok_json(app.get(&path, token).await, StatusCode::OK).await;
    assert!(read.secret.ends_with('…') && created.secret.starts_with(read.secret.trim_end_matches('…')));
    let all: Vec<Webhook> = ok_json(app.get("/api/v1/webhooks", token).await, StatusCode::OK).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].secret, read.secret, "lists mask the secret too");

    let rotated: Webhook = ok_json(
        app.post(&format!("{path}/rotate-secret"), Some(token), &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(rotated.secret.starts_with("whsec_") && rotated.secret != created.secret);

    let changed: Webhook = ok_json(
        app.patch(
            &path,
            token,
            &json!({"events": ["deal.won"], "active": false, "description": null}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.events, [WebhookEvent::DealWon]);
    assert!(!changed.active && changed.description.is_none());

    assert_eq!(app.delete(&path, token).await.status(), StatusCode::NO_CONTENT);
    problem(app.get(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn bad_subscriptions_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let cases: [(Value, &str); 5] = [
        (json!({"url": "ftp://example.com/x", "events": ["lead.created"]}), "url"),
        (json!({"url": "/relative", "events": ["lead.created"]}), "url"),
        (json!({"url": "https://example.com/", "events": []}), "events"),
        (
            json!({"url": "https://example.com/", "events": ["lead.created", "lead.eaten"]}),
            "events[1]",
        ),
        (json!({"events": ["lead.created"]}), "url"),
    ];
    for (body, field) in cases {
        let response = app.post("/api/v1/webhooks", Some(token), &body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let problem: voronka_types::Problem = response.json().await.unwrap();
        names_field(&problem, field);
    }
    let created = subscribe(&app, token, "https://example.com/", &["lead.created"]).await;
    let response = app
        .patch(
            &format!("/api/v1/webhooks/{}", created.id),
            token,
            &json!({"url": "gopher://x"}),
        )
        .await;
    names_field(
        &problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "url",
    );
}

#[tokio::test]
async fn private_and_loopback_targets_are_refused_unless_the_instance_allows_them() {
    let app = spawn_app_with(|config| config.allow_private_webhook_targets = false).await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://10.0.0.7/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://localhost/hook",
    ] {
        let body = json!({"url": url, "events": ["lead.created"]});
        let response = app.post("/api/v1/webhooks", Some(token), &body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        names_field(&problem, "url");
    }
    let public = json!({"url": "http://93.184.216.34/hook", "events": ["lead.created"]});
    let response = app.post("/api/v1/webhooks", Some(token), &public).await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "a public address literal is fine"
    );
}

#[tokio::test]
async fn managers_cannot_manage_webhooks_but_a_key_with_the_scope_can() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let created = subscribe(&app, token, "https://example.com/", &["lead.created"]).await;
    let (_, manager) = app.user_with_role(token, Role::Manager).await;
    let (_, head) = app.user_with_role(token, Role::HeadOfSales).await;
    for who in [&manager.access_token, &head.access_token] {
        problem(
            app.get("/api/v1/webhooks", who).await,
            StatusCode::FORBIDDEN,
            "permission_denied",
        )
        .await;
        let body = json!({"url": "https://example.com/", "events": ["lead.created"]});
        problem(
            app.post("/api/v1/webhooks", Some(who), &body).await,
            StatusCode::FORBIDDEN,
            "permission_denied",
        )
        .await;
        let path = format!("/api/v1/webhooks/{}/deliveries", created.id);
        problem(app.get(&path, who).await, StatusCode::FORBIDDEN, "permission_denied").await;
    }

    let key: CreatedApiKey = ok_json(
        app.post(
            "/api/v1/api-keys",
            Some(token),
            &json!({"name": "Shop", "scopes": ["webhooks.manage"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let listed: Vec<Webhook> = ok_json(app.get("/api/v1/webhooks", &key.secret).await, StatusCode::OK).await;
    assert_eq!(listed.len(), 1);
    subscribe(&app, &key.secret, "https://example.com/2", &["deal.won"]).await;
}

#[tokio::test]
async fn another_companys_webhooks_are_not_found() {
    let app = spawn_app().await;
    let acme = app.register("Acme").await;
    let other = app.register("Other").await;
    let created = subscribe(&app, &acme.access_token, "https://example.com/", &["lead.created"]).await;
    let token = &other.access_token;
    let path = format!("/api/v1/webhooks/{}", created.id);
    problem(app.get(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, token, &json!({"active": false})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(app.delete(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    for action in ["rotate-secret", "test"] {
        let response = app.post(&format!("{path}/{action}"), Some(token), &json!({})).await;
        problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    problem(
        app.get(&format!("{path}/deliveries"), token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let listed: Vec<Webhook> = ok_json(app.get("/api/v1/webhooks", token).await, StatusCode::OK).await;
    assert!(listed.is_empty());
    let page: Page<Value> = ok_json(
        app.get(&format!("{path}/deliveries"), &acme.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page.total, 0);
}
