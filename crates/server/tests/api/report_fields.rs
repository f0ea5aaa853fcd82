//! `GET /api/v1/reports/fields`: what the report builder may offer for an entity.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Role;
use voronka_types::reports::{ReportFieldInfo, ReportFieldKind};

use crate::custom_fields::define;
use crate::helpers::*;

fn field<'a>(fields: &'a [ReportFieldInfo], key: &str) -> &'a ReportFieldInfo {
    fields
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no field {key}"))
}

#[tokio::test]
async fn lead_fields_include_the_whitelist_and_the_companys_custom_fields() {
    let app = spawn_app().await;
    let owner = app.register("Fields").await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "lead", "label": "Budget", "key": "budget", "kind": "number"}),
    )
    .await;
    let fields: Vec<ReportFieldInfo> =
        ok_json(app.get("/api/v1/reports/fields?entity=leads", t).await, StatusCode::OK).await;

    let source = field(&fields, "source");
    assert_eq!((source.label.as_str(), source.kind), ("Source", ReportFieldKind::Text));
    assert!(source.groupable && !source.measurable && !source.bucketable);
    let created = field(&fields, "created_at");
    assert!(created.bucketable && created.groupable);
    let amount = field(&fields, "amount");
    assert!(amount.measurable && amount.kind == ReportFieldKind::Money);
    let budget = field(&fields, "cf.budget");
    assert_eq!(
        (budget.label.as_str(), budget.kind),
        ("Budget", ReportFieldKind::Decimal)
    );
    assert!(budget.measurable);
    assert!(
        !fields.iter().any(|f| f.key == "closed_at"),
        "a deal field is not a lead field"
    );
}

#[tokio::test]
async fn a_russian_company_sees_russian_labels_and_tasks_have_no_custom_fields() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let fields: Vec<ReportFieldInfo> = ok_json(
        app.get("/api/v1/reports/fields?entity=tasks", &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(field(&fields, "due_at").label, "Срок");
    assert!(fields.iter().all(|f| !f.key.starts_with("cf.")));
    let english: Vec<ReportFieldInfo> = ok_json(
        app.get("/api/v1/reports/fields?entity=tasks&lang=en", &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        field(&english, "due_at").label,
        "Due",
        "the reader's language wins when asked"
    );
}

#[tokio::test]
async fn an_unknown_entity_or_language_is_refused_naming_it() {
    let app = spawn_app().await;
    let owner = app.register("Fields").await;
    for (query, named) in [
        ("?entity=invoices", "entity"),
        ("", "entity"),
        ("?entity=leads&lang=de", "lang"),
    ] {
        let response = app
            .get(&format!("/api/v1/reports/fields{query}"), &owner.access_token)
            .await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        names_field(&problem, named);
    }
}

#[tokio::test]
async fn a_role_that_may_not_read_tasks_gets_no_task_fields() {
    let app = spawn_app().await;
    let owner = app.register("Fields").await;
    let (_, partner) = app.user_with_role(&owner.access_token, Role::Partner).await;
    let response = app
        .get("/api/v1/reports/fields?entity=tasks", &partner.access_token)
        .await;
    problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn a_request_without_a_token_is_unauthorized() {
    let app = spawn_app().await;
    let response = app
        .request(reqwest::Method::GET, "/api/v1/reports/fields?entity=leads", None)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
