//! `Idempotency-Key` replays the first answer; per-key rate limits answer 429.

use reqwest::{Method, StatusCode};
use serde_json::json;
use voronka_types::Page;
use voronka_types::contacts::Contact;
use voronka_types::purchases::Purchase;

use crate::helpers::*;
use crate::ingest::ingest_key;

async fn post_with_key(
    app: &TestApp,
    token: &str,
    path: &str,
    key: &str,
    body: &serde_json::Value,
) -> reqwest::Response {
    app.request(Method::POST, path, Some(token))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_retried_post_with_the_same_key_replays_the_first_answer_and_a_different_body_is_refused() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let body = json!({"external_id": "o-1", "customer_external_id": "c-1", "amount": "100"});
    let first = post_with_key(&app, &key, "/api/v1/ingest/purchases", "retry-1", &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Purchase = first.json().await.unwrap();

    let again = post_with_key(&app, &key, "/api/v1/ingest/purchases", "retry-1", &body).await;
    assert_eq!(again.status(), StatusCode::CREATED, "the first answer, status included");
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Purchase = again.json().await.unwrap();
    assert_eq!(again, first);

    let changed = json!({"external_id": "o-1", "customer_external_id": "c-1", "amount": "200"});
    let refused = problem(
        post_with_key(&app, &key, "/api/v1/ingest/purchases", "retry-1", &changed).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(refused.errors[0].code, "idempotency_key_reused");
    names_field(&refused, "Idempotency-Key");
    let listed: Page<Purchase> = ok_json(app.get("/api/v1/purchases", &key).await, StatusCode::OK).await;
    assert_eq!((listed.total, listed.items[0].amount.amount.as_str()), (1, "100.00"));

    // Keys are the caller's own: a signed-in user's POST with the same key is its own request.
    let contact = json!({"name": "Анна"});
    let made = post_with_key(&app, &owner.access_token, "/api/v1/contacts", "retry-1", &contact).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let replayed = post_with_key(&app, &owner.access_token, "/api/v1/contacts", "retry-1", &contact).await;
    assert_eq!(replayed.status(), StatusCode::CREATED);
    let contacts: Page<Contact> = ok_json(
        app.get("/api/v1/contacts?q=Анна", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(contacts.total, 1, "the replay made no second contact");
}

#[tokio::test]
async fn refused_requests_are_not_kept_so_a_corrected_retry_with_the_key_goes_through() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let bad = json!({"external_id": "o-1", "customer_external_id": "c-1", "amount": "-1"});
    let first = post_with_key(&app, &key, "/api/v1/ingest/purchases", "k-2", &bad).await;
    assert_eq!(first.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let replay = post_with_key(&app, &key, "/api/v1/ingest/purchases", "k-2", &bad).await;
    assert_eq!(replay.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        replay.headers()["idempotent-replayed"],
        "true",
        "a 422 is an answer too"
    );

    let no_scope = ingest_key(&app, &owner.access_token, &["contacts.read.all"]).await;
    let good = json!({"external_id": "o-1", "customer_external_id": "c-1", "amount": "1"});
    let forbidden = post_with_key(&app, &no_scope, "/api/v1/ingest/purchases", "k-3", &good).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert!(forbidden.headers().get("idempotent-replayed").is_none());

    let blank = post_with_key(&app, &key, "/api/v1/ingest/purchases", " ", &good).await;
    let refused = problem(blank, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    names_field(&refused, "Idempotency-Key");
}

#[tokio::test]
async fn an_api_key_over_its_rate_gets_429_with_retry_after() {
    let app = spawn_app_with(|c| {
        c.api_key_rate_per_second = 0.2;
        c.api_key_burst = 3;
    })
    .await;
    let owner = app.register("Busy Shop").await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let other = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/purchases", &key).await.status(), StatusCode::OK);
    }
    let limited = app.get("/api/v1/purchases", &key).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=5).contains(&wait), "Retry-After {wait}");
    problem(limited, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(
        app.get("/api/v1/purchases", &other).await.status(),
        StatusCode::OK,
        "each key has its own limit"
    );
    assert_eq!(
        app.get("/api/v1/purchases", &owner.access_token).await.status(),
        StatusCode::OK,
        "people are not limited"
    );
}
