//! Custom field values on contacts and companies: checked, merged, audited.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Page;
use voronka_types::audit::AuditEntry;
use voronka_types::contacts::{Company, Contact};

use crate::custom_fields::define;
use crate::helpers::*;

/// A company with one contact field of each kind: `note` (text), `budget` (number), `visit`
/// (date), `level` (select), `interests` (multi-select), `vip` (bool).
pub async fn company_with_fields(app: &TestApp) -> String {
    let owner = app.register("Values Co").await;
    let t = owner.access_token.as_str();
    for body in [
        json!({"entity": "contact", "label": "Note", "kind": "text"}),
        json!({"entity": "contact", "label": "Budget", "kind": "number"}),
        json!({"entity": "contact", "label": "Visit", "kind": "date"}),
        json!({"entity": "contact", "label": "Level", "kind": "select", "options": ["Gold", "Silver"]}),
        json!({"entity": "contact", "label": "Interests", "kind": "multi_select",
               "options": ["Roofs", "Windows", "Doors"]}),
        json!({"entity": "contact", "label": "VIP", "kind": "bool"}),
    ] {
        define(app, t, body).await;
    }
    owner.access_token
}

pub async fn add_contact(app: &TestApp, token: &str, body: Value) -> Contact {
    ok_json(
        app.post("/api/v1/contacts", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

pub async fn contacts(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let page: Page<Contact> = ok_json(
        app.get(&format!("/api/v1/contacts?{query}"), token).await,
        StatusCode::OK,
    )
    .await;
    let mut names: Vec<String> = page.items.into_iter().map(|c| c.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_contact_with_every_kind_of_value_round_trips() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    let contact = add_contact(
        &app,
        &t,
        json!({"name": "Anna", "custom_fields": {
            "note": "  Wants a quote  ", "budget": "1250.50", "visit": "2026-11-22", "level": "gold",
            "interests": ["windows", "Roofs", "Windows"], "vip": true}}),
    )
    .await;
    let expected = json!({
        "note": "Wants a quote", "budget": "1250.50", "visit": "2026-11-22", "level": "Gold",
        "interests": ["Windows", "Roofs"], "vip": true});
    assert_eq!(Value::Object(contact.custom_fields.clone()), expected);
    let read: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", contact.id), &t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        Contact {
            purchases: None,
            ..read
        },
        contact
    );
    let plain = add_contact(&app, &t, json!({"name": "Boris", "custom_fields": {"budget": 99.5}})).await;
    assert_eq!(
        plain.custom_fields["budget"],
        json!("99.5"),
        "numbers come back as decimal strings"
    );
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_named_custom_fields_key() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    let cases = [
        (json!({"note": 5}), "custom_fields.note", "invalid_value"),
        (json!({"budget": "a lot"}), "custom_fields.budget", "invalid_value"),
        (
            json!({"budget": "12345678901234567"}),
            "custom_fields.budget",
            "invalid_value",
        ),
        (json!({"visit": "22.11.2026"}), "custom_fields.visit", "invalid_value"),
        (json!({"level": "Platinum"}), "custom_fields.level", "invalid_value"),
        (
            json!({"interests": "Roofs"}),
            "custom_fields.interests",
            "invalid_value",
        ),
        (json!({"vip": "yes"}), "custom_fields.vip", "invalid_value"),
        (json!({"shoe_size": 42}), "custom_fields.shoe_size", "unknown_field"),
    ];
    for (values, field, code) in cases {
        let p = problem(
            app.post(
                "/api/v1/contacts",
                Some(&t),
                &json!({"name": "X", "custom_fields": values}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
        assert_eq!(p.errors[0].code, code, "{field}");
    }
    assert!(contacts(&app, &t, "").await.is_empty(), "nothing was saved");
}

#[tokio::test]
async fn a_required_field_must_be_given_on_create_and_cannot_be_cleared() {
    let app = spawn_app().await;
    let owner = app.register("Required Co").await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "contact", "label": "Budget", "kind": "number", "required": true}),
    )
    .await;
    for body in [
        json!({"name": "X"}),
        json!({"name": "X", "custom_fields": {"budget": ""}}),
    ] {
        let p = problem(
            app.post("/api/v1/contacts", Some(t), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, "custom_fields.budget");
        assert_eq!(p.errors[0].code, "required");
    }
    let contact = add_contact(&app, t, json!({"name": "X", "custom_fields": {"budget": 10}})).await;
    let path = format!("/api/v1/contacts/{}", contact.id);
    let p = problem(
        app.patch(&path, t, &json!({"custom_fields": {"budget": null}})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "custom_fields.budget");
    let renamed: Contact = ok_json(app.patch(&path, t, &json!({"name": "Y"})).await, StatusCode::OK).await;
    assert_eq!(renamed.custom_fields["budget"], json!("10"));
}

#[tokio::test]
async fn editing_custom_fields_merges_and_null_clears_and_is_audited() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    let contact = add_contact(
        &app,
        &t,
        json!({"name": "Anna", "custom_fields": {"note": "First", "budget": 100, "vip": false}}),
    )
    .await;
    let path = format!("/api/v1/contacts/{}", contact.id);
    let updated: Contact = ok_json(
        app.patch(
            &path,
            &t,
            &json!({"custom_fields": {"budget": "200.00", "note": null, "level": "Silver"}}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        Value::Object(updated.custom_fields),
        json!({"budget": "200.00", "vip": false, "level": "Silver"})
    );
    assert_eq!(contacts(&app, &t, "cf[note]=first").await, Vec::<String>::new());
    assert_eq!(contacts(&app, &t, "cf[budget]=200").await, vec!["Anna"]);
    let log: Page<AuditEntry> = ok_json(
        app.get(
            &format!("/api/v1/audit-log?entity_type=contact&entity_id={}", contact.id),
            &t,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let update = log.items.iter().find(|e| e.action == "contact.updated").unwrap();
    let fields: Vec<&str> = update.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["custom_fields.budget", "custom_fields.level", "custom_fields.note"]
    );
    assert_eq!(app.delete(&path, &t).await.status(), StatusCode::NO_CONTENT);
    assert!(contacts(&app, &t, "cf[budget]=200").await.is_empty());
}

#[tokio::test]
async fn companies_carry_custom_fields_and_filter_by_them() {
    let app = spawn_app().await;
    let owner = app.register("Company Values Co").await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "company", "label": "Отрасль", "kind": "select", "options": ["Стройка", "Торговля"]}),
    )
    .await;
    let create = |name: &str, industry: &str| json!({"name": name, "custom_fields": {"otrasl": industry}});
    let builder: Company = ok_json(
        app.post("/api/v1/companies", Some(t), &create("Строй Плюс", "стройка"))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(builder.custom_fields["otrasl"], json!("Стройка"));
    app.post("/api/v1/companies", Some(t), &create("Магазин", "Торговля"))
        .await;
    let query = format!("/api/v1/companies?cf[otrasl]={}", urlencode("СТРОЙКА"));
    let page: Page<Company> = ok_json(app.get(&query, t).await, StatusCode::OK).await;
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![builder.id]);
    let path = format!("/api/v1/companies/{}", builder.id);
    let cleared: Company = ok_json(
        app.patch(&path, t, &json!({"custom_fields": {"otrasl": null}})).await,
        StatusCode::OK,
    )
    .await;
    assert!(cleared.custom_fields.is_empty());
    let p = problem(
        app.patch(&path, t, &json!({"custom_fields": {"otrasl": 1}})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "custom_fields.otrasl");
    let contact_field = problem(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({"name": "A", "custom_fields": {"otrasl": "Стройка"}}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&contact_field, "custom_fields.otrasl");
}
