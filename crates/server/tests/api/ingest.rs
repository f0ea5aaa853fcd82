//! Seed 000's scenario: an owner registers, makes an API key, and their own system pushes
//! customers and purchases in, then reads them back.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Page;
use voronka_types::api_keys::CreatedApiKey;
use voronka_types::contacts::{Contact, Source};
use voronka_types::purchases::{IngestBatchResult, IngestStatus, Purchase};

use crate::helpers::*;

pub async fn ingest_key(app: &TestApp, owner_token: &str, scopes: &[&str]) -> String {
    let body = json!({"name": "Shop", "scopes": scopes});
    let created: CreatedApiKey = ok_json(
        app.post("/api/v1/api-keys", Some(owner_token), &body).await,
        StatusCode::CREATED,
    )
    .await;
    created.secret
}

#[tokio::test]
async fn a_shop_pushes_customers_and_purchases_and_reads_them_back() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;

    let anna = json!({"external_id": "cust-1", "name": "Анна Петрова", "email": "Anna@Example.com",
                      "phone": "8 916 123-45-67", "attributes": {"tier": "gold"}, "created_at": "2025-05-01T10:00:00Z"});
    let created: Contact = ok_json(
        app.post("/api/v1/ingest/customers", Some(&key), &anna).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.source, Source::Api);
    assert_eq!(created.external_id.as_deref(), Some("cust-1"));
    assert_eq!(created.phones[0].e164, "+79161234567");
    assert_eq!(created.emails, vec!["anna@example.com"]);
    assert_eq!(created.attributes["tier"], json!("gold"));
    assert_eq!(created.created_at.to_rfc3339(), "2025-05-01T10:00:00+00:00");

    let again =
        json!({"external_id": "cust-1", "name": "Анна Сергеевна", "attributes": {"tier": null, "city": "Казань"}});
    let updated: Contact = ok_json(
        app.post("/api/v1/ingest/customers", Some(&key), &again).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated.id, created.id, "the same external id updates the same contact");
    assert_eq!(updated.name, "Анна Сергеевна");
    assert_eq!(updated.phones.len(), 1, "what was not sent stays");
    assert_eq!(Value::Object(updated.attributes), json!({"city": "Казань"}));

    for (id, amount, currency, at) in [
        ("order-1", json!("1250.50"), None, "2026-01-10T12:00:00Z"),
        ("order-2", json!(99.9), Some("USD"), "2026-02-10T12:00:00Z"),
        ("order-3", json!(749.5), None, "2026-03-10T12:00:00Z"),
    ] {
        let body = json!({"external_id": id, "customer_external_id": "cust-1", "amount": amount, "currency": currency,
                          "purchased_at": at, "items": [{"sku": "T-1", "name": "Чай", "quantity": 2, "unit_price": "10.25"}]});
        let purchase: Purchase = ok_json(
            app.post("/api/v1/ingest/purchases", Some(&key), &body).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(purchase.contact_id, created.id);
    }
    let resent = json!({"external_id": "order-3", "customer_external_id": "cust-1", "amount": "750"});
    let same: Purchase = ok_json(
        app.post("/api/v1/ingest/purchases", Some(&key), &resent).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        same.amount.amount, "750.00",
        "re-sending an external id updates, never duplicates"
    );
    assert_eq!(same.items[0].quantity, "2");
    assert_eq!(same.items[0].unit_price, "10.25");

    let path = format!("/api/v1/contacts/{}/purchases", created.id);
    let page: Page<Purchase> = ok_json(app.get(&path, &key).await, StatusCode::OK).await;
    assert_eq!(page.total, 3);
    assert_eq!(page.items[0].external_id, "order-3", "newest first");
    let card: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", created.id), &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    let stats = card.purchases.expect("figures on the contact");
    assert_eq!(stats.count, 3);
    assert_eq!(
        stats.first_purchase_at.unwrap().to_rfc3339(),
        "2026-01-10T12:00:00+00:00"
    );
    assert_eq!(
        stats.last_purchase_at.unwrap().to_rfc3339(),
        "2026-03-10T12:00:00+00:00"
    );
    let rub = &stats.by_currency[0];
    assert_eq!(
        (
            rub.currency.as_str(),
            rub.count,
            rub.total.as_str(),
            rub.average.as_str()
        ),
        ("RUB", 2, "2000.50", "1000.25")
    );
    assert_eq!(stats.by_currency[1].total, "99.90");
}

#[tokio::test]
async fn a_purchase_of_an_unknown_customer_makes_a_stub_and_a_new_id_matches_by_phone() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let manual: Contact = ok_json(
        app.post(
            "/api/v1/contacts",
            Some(&owner.access_token),
            &json!({"name": "Борис", "phones": ["+7 903 111 22 33"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let matched: Contact = ok_json(
        app.post(
            "/api/v1/ingest/customers",
            Some(&key),
            &json!({"external_id": "b-7", "phone": "89031112233"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        matched.id, manual.id,
        "a new external id with a known phone links that contact"
    );
    assert_eq!(matched.name, "Борис");

    let body = json!({"external_id": "o-9", "customer_external_id": "ghost-1", "amount": "10"});
    let purchase: Purchase = ok_json(
        app.post("/api/v1/ingest/purchases", Some(&key), &body).await,
        StatusCode::CREATED,
    )
    .await;
    let stub: Contact = ok_json(
        app.get(
            &format!("/api/v1/contacts/{}", purchase.contact_id),
            &owner.access_token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(stub.external_id.as_deref(), Some("ghost-1"));
    assert_eq!(stub.name, "#ghost-1");
    let named: Contact = ok_json(
        app.post(
            "/api/v1/ingest/customers",
            Some(&key),
            &json!({"external_id": "ghost-1", "name": "Вера"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (named.id, named.name.as_str()),
        (stub.id, "Вера"),
        "the stub gets its details later"
    );
}

#[tokio::test]
async fn batches_land_their_valid_items_and_name_the_bad_ones_by_index() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let customers = json!({"items": [
        {"external_id": "c-1", "name": "Анна"},
        {"external_id": "", "name": "Без номера"},
        {"external_id": "c-2", "email": "not-an-email"},
        {"external_id": "c-1", "name": "Анна again"},
        {"external_id": "c-3", "phone": "+44 20 7946 0958"}
    ]});
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/customers/batch", Some(&key), &customers).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((result.created, result.updated, result.failed), (2, 0, 3));
    let statuses: Vec<IngestStatus> = result.results.iter().map(|r| r.status).collect();
    use IngestStatus::*;
    assert_eq!(statuses, vec![Created, Failed, Failed, Failed, Created]);
    assert_eq!(result.results[1].errors[0].field, "items[1].external_id");
    assert_eq!(result.results[2].errors[0].field, "items[2].email");
    assert_eq!(result.results[3].errors[0].code, "duplicate_in_batch");

    let purchases = json!({"items": [
        {"external_id": "p-1", "customer_external_id": "c-1", "amount": "10.50"},
        {"external_id": "p-2", "customer_external_id": "c-1", "amount": "-1"},
        {"external_id": "p-3", "customer_external_id": "c-9", "amount": 5, "currency": "JPY"},
        {"external_id": "p-4", "customer_external_id": "c-1", "amount": "1.005"},
        {"external_id": "p-5", "customer_external_id": "c-1", "amount": "1", "currency": "ABC"},
        {"external_id": "p-6", "customer_external_id": "c-3", "amount": "1", "purchased_at": "2999-01-01T00:00:00Z"},
        {"external_id": "p-1", "customer_external_id": "c-3", "amount": "2"}
    ]});
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &purchases).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((result.created, result.failed), (2, 5));
    let errors: Vec<(String, String)> = result
        .results
        .iter()
        .flat_map(|r| r.errors.iter().map(|e| (e.field.clone(), e.code.clone())))
        .collect();
    let expected = [
        ("items[1].amount", "negative_amount"),
        ("items[3].amount", "too_precise"),
        ("items[4].currency", "invalid_currency"),
        ("items[5].purchased_at", "in_the_future"),
        ("items[6].external_id", "duplicate_in_batch"),
    ];
    assert_eq!(errors, expected.map(|(f, c)| (f.to_owned(), c.to_owned())));
    let listed: Page<Purchase> = ok_json(app.get("/api/v1/purchases", &key).await, StatusCode::OK).await;
    assert_eq!(listed.total, 2);
    assert!(
        listed
            .items
            .iter()
            .any(|p| p.amount.amount == "5" && p.amount.currency == "JPY")
    );

    let too_many = json!({"items": (0..1001).map(|i| json!({"external_id": format!("x-{i}"), "customer_external_id": "c", "amount": "1"})).collect::<Vec<_>>()});
    let refused = problem(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &too_many).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&refused, "items");
    let listed: Page<Purchase> = ok_json(app.get("/api/v1/purchases", &key).await, StatusCode::OK).await;
    assert_eq!(listed.total, 2, "a refused batch writes nothing");
}

#[tokio::test]
async fn single_pushes_with_bad_input_name_the_field_and_write_nothing() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    for (body, field) in [
        (json!({"customer_external_id": "c", "amount": "1"}), "external_id"),
        (
            json!({"external_id": "o", "customer_external_id": "c", "amount": "1,5"}),
            "amount",
        ),
        (
            json!({"external_id": "o", "customer_external_id": "c", "amount": 1e300}),
            "amount",
        ),
        (
            json!({"external_id": "o", "customer_external_id": "c", "amount": "1", "items": [{"name": "", "quantity": 0, "unit_price": "1"}]}),
            "items[0].name",
        ),
    ] {
        let refused = problem(
            app.post("/api/v1/ingest/purchases", Some(&key), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&refused, field);
    }
    let refused = problem(
        app.post(
            "/api/v1/ingest/customers",
            Some(&key),
            &json!({"external_id": "c", "phone": "12"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&refused, "phone");
    let contacts: Page<Contact> = ok_json(app.get("/api/v1/contacts", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(
        contacts.total, 0,
        "no stub customer is left behind by a refused purchase"
    );
}

#[tokio::test]
async fn keys_without_the_scope_revoked_keys_and_other_companies_are_refused() {
    let app = spawn_app().await;
    let owner = app.register("Shop A").await;
    let reader = ingest_key(&app, &owner.access_token, &["contacts.read.all"]).await;
    let body = json!({"external_id": "c-1", "name": "Ann"});
    problem(
        app.post("/api/v1/ingest/customers", Some(&reader), &body).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let (_, manager) = app
        .user_with_role(&owner.access_token, voronka_types::Role::Manager)
        .await;
    problem(
        app.post("/api/v1/ingest/customers", Some(&manager.access_token), &body)
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;

    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let ann: Contact = ok_json(
        app.post("/api/v1/ingest/customers", Some(&key), &body).await,
        StatusCode::CREATED,
    )
    .await;
    let other = app.register("Shop B").await;
    let other_key = ingest_key(&app, &other.access_token, &["ingest"]).await;
    problem(
        app.get(&format!("/api/v1/contacts/{}/purchases", ann.id), &other_key)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs: Contact = ok_json(
        app.post("/api/v1/ingest/customers", Some(&other_key), &body).await,
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(theirs.id, ann.id, "external ids are per company");

    let keys: Vec<voronka_types::api_keys::ApiKey> =
        ok_json(app.get("/api/v1/api-keys", &owner.access_token).await, StatusCode::OK).await;
    for listed in keys {
        app.delete(&format!("/api/v1/api-keys/{}", listed.id), &owner.access_token)
            .await;
    }
    problem(
        app.post("/api/v1/ingest/customers", Some(&key), &body).await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
}

#[tokio::test]
async fn pushed_customers_and_purchases_are_announced_to_webhooks_once_each() {
    let app = spawn_app().await;
    let receiver = crate::webhook_receiver::Receiver::start(&[]).await;
    let owner = app.register_russian().await;
    let hook = crate::webhooks::subscribe(
        &app,
        &owner.access_token,
        &receiver.url,
        &["contact.created", "contact.updated", "purchase.created"],
    )
    .await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let customer = json!({"external_id": "c-1", "name": "Анна"});
    app.post("/api/v1/ingest/customers", Some(&key), &customer).await;
    app.post(
        "/api/v1/ingest/customers",
        Some(&key),
        &json!({"external_id": "c-1", "name": "Анна П."}),
    )
    .await;
    let batch = json!({"items": [
        {"external_id": "o-1", "customer_external_id": "c-1", "amount": "10"},
        {"external_id": "o-2", "customer_external_id": "c-1", "amount": "20"}
    ]});
    app.post("/api/v1/ingest/purchases/batch", Some(&key), &batch).await;
    app.post("/api/v1/ingest/purchases/batch", Some(&key), &batch).await;
    app.run_jobs().await;

    assert_eq!(
        receiver.types(),
        [
            "contact.created",
            "contact.updated",
            "purchase.created",
            "purchase.created"
        ],
        "an update of a purchase is not a new purchase"
    );
    let got = receiver.received();
    assert!(got.iter().all(|r| r.signature_verifies(&hook.secret)));
    assert_eq!(
        got[2].json()["data"]["amount"],
        json!({"amount": "10.00", "currency": "RUB"})
    );
}

#[tokio::test]
async fn merging_contacts_moves_their_purchases_and_keeps_the_customer_id() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let key = ingest_key(&app, t, &["ingest"]).await;
    let body = json!({"external_id": "o-1", "customer_external_id": "shop-7", "amount": "300"});
    let purchase: Purchase = ok_json(
        app.post("/api/v1/ingest/purchases", Some(&key), &body).await,
        StatusCode::CREATED,
    )
    .await;
    let manual: Contact = ok_json(
        app.post("/api/v1/contacts", Some(t), &json!({"name": "Глеб"})).await,
        StatusCode::CREATED,
    )
    .await;

    let merge = json!({"other_id": purchase.contact_id});
    let merged: Contact = ok_json(
        app.post(&format!("/api/v1/contacts/{}/merge", manual.id), Some(t), &merge)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        merged.external_id.as_deref(),
        Some("shop-7"),
        "the survivor takes over the customer id"
    );
    let card: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", manual.id), t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(card.purchases.unwrap().count, 1, "the purchase moved with the merge");
    let again = json!({"external_id": "o-2", "customer_external_id": "shop-7", "amount": "5"});
    let next: Purchase = ok_json(
        app.post("/api/v1/ingest/purchases", Some(&key), &again).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(next.contact_id, manual.id, "later pushes find the merged contact");

    let other: Contact = ok_json(
        app.post(
            "/api/v1/ingest/customers",
            Some(&key),
            &json!({"external_id": "shop-8"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let refused = problem(
        app.post(
            &format!("/api/v1/contacts/{}/merge", manual.id),
            Some(t),
            &json!({"other_id": other.id}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(refused.errors[0].code, "different_external_ids");
    problem(
        app.delete(&format!("/api/v1/contacts/{}", manual.id), t).await,
        StatusCode::CONFLICT,
        "contact_has_purchases",
    )
    .await;
}
