//! Public web form submissions: `POST /api/v1/forms/{public_key}/submissions`.

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use voronka_types::audit::{ActorKind, AuditEntry};
use voronka_types::forms::{Form, SubmissionAccepted};
use voronka_types::leads::Lead;
use voronka_types::pipelines::PipelineKind;
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::forms::{add_form, contact_form};
use crate::helpers::*;

const SHOP: &str = "https://shop.example.com";

fn submissions(form: &Form) -> String {
    format!("/api/v1/forms/{}/submissions", form.public_key)
}

async fn send_json(app: &TestApp, form: &Form, body: Value) -> Response {
    app.request(Method::POST, &submissions(form), None)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn send_html_form(app: &TestApp, form: &Form, body: &str) -> Response {
    app.request(Method::POST, &submissions(form), None)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

async fn leads(app: &TestApp, token: &str) -> Vec<Lead> {
    let page: Page<Lead> = ok_json(app.get("/api/v1/leads", token).await, StatusCode::OK).await;
    page.items
}

#[tokio::test]
async fn a_json_submission_creates_a_lead_in_the_forms_stage_for_its_manager() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let (manager, _) = app.user_with_role(token, Role::Manager).await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let wants_call = stage(&pipeline, "wants_call");
    let form = add_form(
        &app,
        token,
        contact_form(json!({"stage_id": wants_call.id, "tags": ["Site"],
                            "owner_rule": {"mode": "user", "user_id": manager.id}})),
    )
    .await;
    let answer: SubmissionAccepted = ok_json(
        send_json(
            &app,
            &form,
            json!({"name": "Anna", "phone": "+44 20 7946 0958", "email": "Anna@Example.com",
                                      "city": "Kazan", "message": "Call me back", "_gotcha": ""}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(answer.ok);
    assert_eq!(answer.message, form.success_message);
    let found = leads(&app, token).await;
    assert_eq!(found.len(), 1);
    let lead = &found[0];
    assert_eq!((lead.pipeline_id, lead.stage_id), (pipeline.id, wants_call.id));
    assert_eq!(lead.owner_id, Some(manager.id));
    assert_eq!(lead.source.as_str(), "website");
    assert_eq!(lead.name, "Anna");
    assert_eq!(lead.contact.email.as_deref(), Some("anna@example.com"));
    assert_eq!(lead.city.as_deref(), Some("Kazan"));
    assert_eq!(lead.last_inbound_message.as_deref(), Some("Call me back"));
    assert_eq!(lead.tags, vec!["Site", "Contact us"], "the form's tags and its name");
    let audit: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=lead", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(audit.items[0].action, "lead.created");
    assert_eq!(audit.items[0].actor_kind, ActorKind::Form);
    assert_eq!(audit.items[0].actor_name.as_deref(), Some("Contact us"));
}

#[tokio::test]
async fn an_html_form_post_redirects_to_the_thank_you_address_or_shows_a_thank_you_page() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let redirecting = add_form(
        &app,
        token,
        contact_form(json!({"redirect_url": "https://shop.example.com/thanks"})),
    )
    .await;
    let response = send_html_form(&app, &redirecting, "name=Anna&phone=%2B44+20+7946+0958&_gotcha=").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "https://shop.example.com/thanks");
    let plain = add_form(
        &app,
        token,
        contact_form(json!({"success_message": "Спасибо, <мы> перезвоним!"})),
    )
    .await;
    let response = send_html_form(&app, &plain, "name=Ivan&phone=%2B44+20+7946+0959").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Спасибо, &lt;мы&gt; перезвоним!")
    );
    assert_eq!(leads(&app, token).await.len(), 2);
}

#[tokio::test]
async fn round_robin_hands_the_leads_to_the_listed_managers_in_turn() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let (anna, _) = app.user_with_role(token, Role::Manager).await;
    let (boris, _) = app.user_with_role(token, Role::Manager).await;
    let form = add_form(
        &app,
        token,
        contact_form(json!({"owner_rule": {"mode": "round_robin", "user_ids": [anna.id, boris.id]}})),
    )
    .await;
    for i in 0..4 {
        let response = send_json(&app, &form, json!({"phone": format!("+44 20 7946 010{i}")})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let mut found = leads(&app, token).await;
    found.sort_by_key(|l| l.created_at);
    let owners: Vec<_> = found.iter().map(|l| l.owner_id).collect();
    assert_eq!(
        owners,
        vec![Some(anna.id), Some(boris.id), Some(anna.id), Some(boris.id)]
    );
}

#[tokio::test]
async fn a_phone_typed_another_way_joins_the_existing_contact() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let first = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Иван", "phones": ["+7 916 123-45-67"]}}),
    )
    .await;
    let form = add_form(&app, token, contact_form(json!({}))).await;
    let response = send_json(&app, &form, json!({"phone": "8 (916) 123 45 67", "message": "Снова я"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let again = leads(&app, token)
        .await
        .into_iter()
        .find(|l| l.id != first.id)
        .expect("a second lead");
    assert_eq!(again.contact.id, first.contact.id, "no second contact");
    assert!(again.repeat);
}

#[tokio::test]
async fn a_filled_honeypot_is_answered_as_a_success_and_creates_nothing() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(&app, token, contact_form(json!({}))).await;
    let answer: SubmissionAccepted = ok_json(
        send_json(
            &app,
            &form,
            json!({"name": "Bot", "phone": "+44 20 7946 0958", "_gotcha": "http://spam"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(answer.message, form.success_message);
    let response = send_html_form(&app, &form, "name=Bot&phone=%2B44+20+7946+0958&_gotcha=spam").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(leads(&app, token).await.is_empty());
}

#[tokio::test]
async fn bad_answers_are_named_by_the_form_field_key() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(&app, token, contact_form(json!({}))).await;
    let missing = problem(
        send_json(&app, &form, json!({"name": "Anna"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&missing, "phone");
    let wrong = problem(
        send_json(
            &app,
            &form,
            json!({"phone": "call me", "email": "nope", "city": "Paris"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    for field in ["phone", "email", "city"] {
        names_field(&wrong, field);
    }
    let response = app
        .request(Method::POST, &submissions(&form), None)
        .header("content-type", "text/plain")
        .body("name=Anna")
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    assert!(leads(&app, token).await.is_empty());
}

#[tokio::test]
async fn an_unknown_or_inactive_form_answers_404() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(&app, token, contact_form(json!({"active": false}))).await;
    let body = json!({"phone": "+44 20 7946 0958"});
    problem(
        send_json(&app, &form, body.clone()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let unknown = Form {
        public_key: "no-such-key".into(),
        ..form
    };
    problem(
        send_json(&app, &unknown, body).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn preflight(app: &TestApp, path: &str, origin: &str) -> Response {
    app.request(Method::OPTIONS, path, None)
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn only_the_forms_own_sites_get_cors_answers_and_only_on_the_submission_address() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let form = add_form(&app, &owner.access_token, contact_form(json!({}))).await;
    let allowed = preflight(&app, &submissions(&form), SHOP).await;
    assert_eq!(allowed.status(), StatusCode::NO_CONTENT);
    assert_eq!(allowed.headers()["access-control-allow-origin"], SHOP);
    assert!(
        allowed.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let other = preflight(&app, &submissions(&form), "https://evil.example.net").await;
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    assert!(other.headers().get("access-control-allow-origin").is_none());
    let rest_of_api = preflight(&app, "/api/v1/leads", SHOP).await;
    assert!(rest_of_api.headers().get("access-control-allow-origin").is_none());

    let posted = app
        .request(Method::POST, &submissions(&form), None)
        .header("origin", SHOP)
        .json(&json!({"phone": "+44 20 7946 0958"}))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::CREATED);
    assert_eq!(posted.headers()["access-control-allow-origin"], SHOP);
    let foreign = app
        .request(Method::POST, &submissions(&form), None)
        .header("origin", "https://evil.example.net")
        .json(&json!({"phone": "+44 20 7946 0958"}))
        .send()
        .await
        .unwrap();
    problem(foreign, StatusCode::FORBIDDEN, "origin_not_allowed").await;
}

#[tokio::test]
async fn too_many_submissions_from_one_address_answer_429_with_retry_after() {
    let app = spawn_app_with(|config| config.form_submissions_per_minute = 2).await;
    let owner = app.register("Acme").await;
    let form = add_form(&app, &owner.access_token, contact_form(json!({}))).await;
    for _ in 0..2 {
        let response = send_json(&app, &form, json!({"phone": "+44 20 7946 0958"})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = send_json(&app, &form, json!({"phone": "+44 20 7946 0958"})).await;
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    problem(response, StatusCode::TOO_MANY_REQUESTS, "too_many_submissions").await;
}

#[tokio::test]
async fn concurrent_submissions_share_the_round_robin_evenly() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let (anna, _) = app.user_with_role(token, Role::Manager).await;
    let (boris, _) = app.user_with_role(token, Role::Manager).await;
    let form = add_form(
        &app,
        token,
        contact_form(json!({"owner_rule": {"mode": "round_robin", "user_ids": [anna.id, boris.id]}})),
    )
    .await;
    let sends = (0..6).map(|i| send_json(&app, &form, json!({"phone": format!("+44 20 7946 020{i}")})));
    for response in futures_util::future::join_all(sends).await {
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let found = leads(&app, token).await;
    let to = |who| found.iter().filter(|l| l.owner_id == Some(who)).count();
    assert_eq!((to(anna.id), to(boris.id)), (3, 3));
}

#[tokio::test]
async fn custom_field_answers_land_on_the_lead_and_bad_ones_are_named_by_their_key() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let budget = crate::custom_fields::define(
        &app,
        token,
        json!({"entity": "lead", "label": "Budget", "kind": "number"}),
    )
    .await;
    let key = format!("cf.{}", budget.key);
    let form = add_form(
        &app,
        token,
        json!({"name": "Quote", "fields": [
            {"key": "email", "label": "E-mail", "kind": "email", "required": true},
            {"key": key, "label": "Budget", "kind": "text"}
        ]}),
    )
    .await;
    let wrong = problem(
        send_json(&app, &form, json!({"email": "anna@example.com", key.clone(): "a lot"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&wrong, &key);
    let response = send_json(&app, &form, json!({"email": "anna@example.com", key.clone(): "150000"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let lead = &leads(&app, token).await[0];
    assert_eq!(lead.custom_fields[&budget.key], json!("150000"));
}
