//! `cf[…]` filters on lists, and what changes to a definition do to stored values.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::contacts::Contact;
use voronka_types::custom_fields::CustomField;

use crate::custom_field_values::{add_contact, company_with_fields, contacts};
use crate::custom_fields::define;
use crate::helpers::*;

#[tokio::test]
async fn contacts_are_filtered_by_each_kind_of_custom_field() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    for (name, values) in [
        (
            "Anna",
            json!({"note": "Квартира в центре", "budget": "1250.50", "visit": "2026-01-15",
                        "level": "Gold", "interests": ["Roofs", "Windows"], "vip": true}),
        ),
        (
            "Boris",
            json!({"note": "Office", "budget": 300, "visit": "2026-03-01",
                         "level": "Silver", "interests": ["Windows"], "vip": false}),
        ),
        ("Clara", json!({"budget": "5000", "interests": ["Doors"]})),
    ] {
        add_contact(&app, &t, json!({"name": name, "custom_fields": values})).await;
    }
    let cases = [
        ("cf[level]=gold", vec!["Anna"]),
        ("cf[interests]=windows", vec!["Anna", "Boris"]),
        ("cf[interests]=Windows&cf[interests]=Roofs", vec!["Anna"]),
        (
            "cf[note]=%D0%BA%D0%B2%D0%B0%D1%80%D1%82%D0%B8%D1%80%D0%B0%20%D0%B2%20%D1%86%D0%B5%D0%BD%D1%82%D1%80%D0%B5",
            vec!["Anna"],
        ),
        ("cf[note]=OFFICE", vec!["Boris"]),
        ("cf[note]=Off", vec![]),
        ("cf[vip]=false", vec!["Boris"]),
        ("cf[budget]=1250.5", vec!["Anna"]),
        ("cf_from[budget]=300&cf_to[budget]=1250.50", vec!["Anna", "Boris"]),
        ("cf_from[budget]=1250.51", vec!["Clara"]),
        ("cf_to[budget]=299.99", vec![]),
        ("cf_from[visit]=2026-01-15&cf_to[visit]=2026-02-28", vec!["Anna"]),
        ("cf_from[visit]=2026-02-01", vec!["Boris"]),
        ("cf%5Blevel%5D=Silver&q=bor", vec!["Boris"]),
    ];
    for (query, expected) in cases {
        assert_eq!(contacts(&app, &t, query).await, expected, "{query}");
    }
    let bad = [
        ("cf[shoe_size]=42", "cf[shoe_size]", "unknown_field"),
        ("cf[budget]=lots", "cf[budget]", "invalid_value"),
        ("cf[level]=Platinum", "cf[level]", "invalid_value"),
        ("cf_from[visit]=yesterday", "cf_from[visit]", "invalid_value"),
        ("cf_from[level]=Gold", "cf_from[level]", "invalid_value"),
        ("cf[]=1", "cf[]", "invalid_query"),
    ];
    for (query, field, code) in bad {
        let p = problem(
            app.get(&format!("/api/v1/contacts?{query}"), &t).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
        assert_eq!(p.errors[0].code, code, "{query}");
    }
}

#[tokio::test]
async fn filters_keep_to_the_managers_own_contacts() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    let (_, manager) = app.user_with_role(&t, Role::Manager).await;
    add_contact(&app, &t, json!({"name": "Owner's", "custom_fields": {"vip": true}})).await;
    add_contact(
        &app,
        &manager.access_token,
        json!({"name": "Manager's", "custom_fields": {"vip": true}}),
    )
    .await;
    assert_eq!(
        contacts(&app, &manager.access_token, "cf[vip]=true").await,
        vec!["Manager's"]
    );
    assert_eq!(contacts(&app, &t, "cf[vip]=true").await.len(), 2);
}

#[tokio::test]
async fn deleting_a_definition_clears_its_values_from_every_record() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    let anna = add_contact(
        &app,
        &t,
        json!({"name": "Anna", "custom_fields": {"budget": 10, "vip": true}}),
    )
    .await;
    let fields: Vec<CustomField> = ok_json(
        app.get("/api/v1/custom-fields?entity=contact", &t).await,
        StatusCode::OK,
    )
    .await;
    let budget = fields.iter().find(|f| f.key == "budget").unwrap();
    let response = app.delete(&format!("/api/v1/custom-fields/{}", budget.id), &t).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let read: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", anna.id), &t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(Value::Object(read.custom_fields), json!({"vip": true}));
    let p = problem(
        app.get("/api/v1/contacts?cf[budget]=10", &t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "cf[budget]");
    // A new field with the old key starts empty.
    define(
        &app,
        &t,
        json!({"entity": "contact", "label": "Budget", "kind": "number"}),
    )
    .await;
    assert!(contacts(&app, &t, "cf[budget]=10").await.is_empty());
}

#[tokio::test]
async fn removing_an_option_that_records_use_is_refused() {
    let app = spawn_app().await;
    let t = company_with_fields(&app).await;
    add_contact(
        &app,
        &t,
        json!({"name": "Anna", "custom_fields": {"level": "Gold", "interests": ["Doors"]}}),
    )
    .await;
    let fields: Vec<CustomField> = ok_json(
        app.get("/api/v1/custom-fields?entity=contact", &t).await,
        StatusCode::OK,
    )
    .await;
    let path_of = |key: &str| {
        let id = fields.iter().find(|f| f.key == key).unwrap().id;
        format!("/api/v1/custom-fields/{id}")
    };
    for (key, options) in [
        ("level", json!(["Silver"])),
        ("level", json!(["GOLD", "Silver"])),
        ("interests", json!(["Roofs", "Windows"])),
    ] {
        let p = problem(
            app.patch(&path_of(key), &t, &json!({"options": options})).await,
            StatusCode::CONFLICT,
            "option_in_use",
        )
        .await;
        names_field(&p, "options");
    }
    let trimmed: CustomField = ok_json(
        app.patch(&path_of("level"), &t, &json!({"options": ["Gold", "Bronze"]}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(trimmed.options, vec!["Gold", "Bronze"], "an unused option may go");
}

#[tokio::test]
async fn a_bulk_selection_by_filter_takes_custom_field_conditions_and_names_a_bad_one() {
    use voronka_types::leads::{BulkResult, Lead};
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    define(
        &app,
        token,
        json!({"entity": "lead", "key": "area", "label": "Area", "kind": "number"}),
    )
    .await;
    let mut ids = Vec::new();
    for (name, area) in [("Small", 40), ("Medium", 90), ("Large", 150)] {
        let body = json!({"contact": {"name": name}, "custom_fields": {"area": area}});
        let lead: Lead = ok_json(app.post("/api/v1/leads", Some(token), &body).await, StatusCode::CREATED).await;
        ids.push(lead.id);
    }
    let tagged: BulkResult = ok_json(
        app.post(
            "/api/v1/leads/bulk",
            Some(token),
            &json!({"filter": {}, "filter_custom_fields": {"cf_from[area]": "50", "cf_to[area]": "200"},
                    "action": "tag", "add": ["big"]}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tagged.affected, 2);
    for (id, big) in ids.iter().zip([false, true, true]) {
        let lead: Lead = ok_json(app.get(&format!("/api/v1/leads/{id}"), token).await, StatusCode::OK).await;
        assert_eq!(lead.tags.contains(&"big".to_owned()), big, "{}", lead.name);
    }

    for (body, field) in [
        (
            json!({"filter": {}, "filter_custom_fields": {"area": "50"}, "action": "tag", "add": ["x"]}),
            "filter_custom_fields.area",
        ),
        (
            json!({"filter": {}, "filter_custom_fields": {"cf[size]": "50"}, "action": "tag", "add": ["x"]}),
            "cf[size]",
        ),
        (
            json!({"filter": {}, "filter_custom_fields": {"cf_from[area]": "many"}, "action": "tag", "add": ["x"]}),
            "cf_from[area]",
        ),
        (
            json!({"ids": [ids[0]], "filter_custom_fields": {"cf[area]": "40"}, "action": "tag", "add": ["x"]}),
            "filter",
        ),
    ] {
        let response = app.post("/api/v1/leads/bulk", Some(token), &body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        names_field(&problem, field);
    }
}
