//! What the server remembers briefly to ingest faster (`memo`) never hides a change made
//! through it: a new currency, a new webhook subscription and a revoked key count at once.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::purchases::Purchase;
use voronka_types::webhooks::WebhookDelivery;

use crate::helpers::*;
use crate::ingest::ingest_key;
use crate::webhook_receiver::Receiver;
use crate::webhooks::subscribe;

async fn buy(app: &TestApp, key: &str, external_id: &str) -> Purchase {
    let body = json!({"external_id": external_id, "customer_external_id": "c-1", "amount": "10.00"});
    ok_json(
        app.post("/api/v1/ingest/purchases", Some(key), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn a_changed_company_currency_applies_to_the_very_next_purchase() {
    let app = spawn_app().await;
    let owner = app.register("Memo Shop").await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let before = buy(&app, &key, "o-1").await;
    assert_eq!(before.amount.currency, "USD");
    let response = app
        .patch("/api/v1/settings", &owner.access_token, &json!({"currency": "EUR"}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(buy(&app, &key, "o-2").await.amount.currency, "EUR");
}

#[tokio::test]
async fn a_subscription_made_while_purchases_flow_hears_the_very_next_one() {
    let app = spawn_app().await;
    let receiver = Receiver::start(&[]).await;
    let owner = app.register("Memo Shop").await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    buy(&app, &key, "o-1").await;
    let hook = subscribe(&app, &owner.access_token, &receiver.url, &["purchase.created"]).await;
    let second = buy(&app, &key, "o-2").await;
    let path = format!("/api/v1/webhooks/{}/deliveries", hook.id);
    let log: voronka_types::Page<WebhookDelivery> =
        ok_json(app.get(&path, &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(
        log.items.len(),
        1,
        "only the purchase made after subscribing is announced"
    );
    app.run_jobs().await;
    let got = receiver.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["data"]["id"], json!(second.id));
}
