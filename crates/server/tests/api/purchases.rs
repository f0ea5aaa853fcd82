//! Reading purchases back: filters, keyset pages, the manager's own contacts only.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Page;
use voronka_types::Role;
use voronka_types::contacts::Contact;
use voronka_types::purchases::{IngestBatchResult, Purchase};

use crate::helpers::*;
use crate::ingest::ingest_key;

#[tokio::test]
async fn purchases_filter_by_customer_period_and_amount_and_page_with_cursors() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let items: Vec<_> = (1..=12)
        .map(|i| {
            json!({"external_id": format!("o-{i}"), "customer_external_id": if i % 3 == 0 { "c-b" } else { "c-a" },
                   "amount": format!("{}.00", i * 100), "purchased_at": format!("2025-{i:02}-15T10:00:00Z")})
        })
        .collect();
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": items}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(result.created, 12);

    let get = |query: String| {
        let app = &app;
        let key = key.clone();
        async move {
            ok_json::<Page<Purchase>>(
                app.get(&format!("/api/v1/purchases?{query}"), &key).await,
                StatusCode::OK,
            )
            .await
        }
    };
    let b = get("customer_external_id=c-b".into()).await;
    assert_eq!(b.total, 4);
    let spring = get("from=2025-03-01T00:00:00Z&to=2025-06-01T00:00:00Z".into()).await;
    let ids: Vec<&str> = spring.items.iter().map(|p| p.external_id.as_str()).collect();
    assert_eq!(ids, ["o-5", "o-4", "o-3"]);
    let big = get("amount_from=500&amount_to=700.00&sort=amount&direction=asc".into()).await;
    let amounts: Vec<&str> = big.items.iter().map(|p| p.amount.amount.as_str()).collect();
    assert_eq!(amounts, ["500.00", "600.00", "700.00"]);
    let none_in_usd = get("currency=USD".into()).await;
    assert_eq!(none_in_usd.total, 0);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("limit=5&cursor={c}"),
            None => "limit=5".into(),
        };
        let page = get(query).await;
        assert_eq!(page.total, 12);
        seen.extend(page.items.into_iter().map(|p| p.external_id));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    let expected: Vec<String> = (1..=12).rev().map(|i| format!("o-{i}")).collect();
    assert_eq!(seen, expected, "every purchase once, newest first");

    for (query, field) in [
        ("amount_from=abc", "amount_from"),
        ("currency=ZZZ", "currency"),
        ("from=2026-05-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
        ("cursor=garbage", "cursor"),
    ] {
        let refused = problem(
            app.get(&format!("/api/v1/purchases?{query}"), &key).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&refused, field);
    }
}

#[tokio::test]
async fn a_manager_sees_purchases_of_their_own_contacts_only() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let (manager, session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let body = json!({"items": [
        {"external_id": "o-1", "customer_external_id": "mine", "amount": "10"},
        {"external_id": "o-2", "customer_external_id": "theirs", "amount": "20"}
    ]});
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &body).await,
        StatusCode::OK,
    )
    .await;
    let mine = result.results[0].contact_id.unwrap();
    let theirs = result.results[1].contact_id.unwrap();
    let assigned = app
        .patch(
            &format!("/api/v1/contacts/{mine}"),
            &owner.access_token,
            &json!({"owner_id": manager.id}),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);

    let page: Page<Purchase> = ok_json(
        app.get("/api/v1/purchases", &session.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        page.items.iter().map(|p| p.external_id.as_str()).collect::<Vec<_>>(),
        ["o-1"]
    );
    problem(
        app.get(&format!("/api/v1/contacts/{theirs}/purchases"), &session.access_token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let card: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{mine}"), &session.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(card.purchases.unwrap().by_currency[0].total, "10.00");
}
