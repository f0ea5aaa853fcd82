//! Managing web forms: `/api/v1/forms` (the public submissions are in `form_submissions.rs`).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::audit::AuditEntry;
use voronka_types::forms::{Form, FormSnippet, OwnerRule};
use voronka_types::pipelines::PipelineKind;
use voronka_types::{Page, UserId};

use crate::crm::*;
use crate::helpers::*;

/// A contact-us form: name, phone (required), a topic to choose and a message.
pub fn contact_form(extra: Value) -> Value {
    let mut body = json!({
        "name": "Contact us",
        "fields": [
            {"key": "name", "label": "Your name", "kind": "text"},
            {"key": "phone", "label": "Phone", "kind": "phone", "required": true},
            {"key": "email", "label": "E-mail", "kind": "email"},
            {"key": "city", "label": "City", "kind": "select", "options": ["Moscow", "Kazan"]},
            {"key": "message", "label": "Message", "kind": "textarea"}
        ],
        "allowed_origins": ["https://shop.example.com"]
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    body
}

pub async fn add_form(app: &TestApp, token: &str, body: Value) -> Form {
    ok_json(app.post("/api/v1/forms", Some(token), &body).await, StatusCode::CREATED).await
}

#[tokio::test]
async fn an_owner_creates_a_form_that_feeds_the_first_stage_of_the_default_lead_pipeline() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(&app, token, contact_form(json!({"tags": ["Site"]}))).await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    assert_eq!(
        (form.pipeline_id, form.stage_id),
        (pipeline.id, stage(&pipeline, "new").id)
    );
    assert_eq!(form.source.as_str(), "website");
    assert_eq!(form.owner_rule, OwnerRule::None);
    assert_eq!(form.honeypot_field, "_gotcha");
    assert!(form.active);
    assert_eq!(form.public_key.len(), 32);
    assert_eq!(
        form.submit_url,
        format!("http://voronka.test/api/v1/forms/{}/submissions", form.public_key)
    );
    assert_eq!(form.fields.len(), 5);
    let listed: Vec<Form> = ok_json(app.get("/api/v1/forms", token).await, StatusCode::OK).await;
    assert_eq!(listed, vec![form.clone()]);
    let read: Form = ok_json(
        app.get(&format!("/api/v1/forms/{}", form.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read, form);
    let audit: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=form", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(audit.items[0].action, "form.created");
}

#[tokio::test]
async fn a_form_changes_its_settings_its_key_and_goes_away_when_deleted() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(
        &app,
        token,
        contact_form(json!({"redirect_url": "https://shop.example.com/thanks"})),
    )
    .await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let wants_call = stage(&pipeline, "wants_call");
    let changed: Form = ok_json(
        app.patch(
            &format!("/api/v1/forms/{}", form.id),
            token,
            &json!({"name": "Call-back", "active": false, "redirect_url": null, "stage_id": wants_call.id,
                    "owner_rule": {"mode": "user", "user_id": owner.user.id}, "success_message": "Thanks!"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((changed.name.as_str(), changed.active), ("Call-back", false));
    assert_eq!(changed.redirect_url, None);
    assert_eq!(changed.stage_id, wants_call.id);
    assert_eq!(changed.owner_rule, OwnerRule::User { user_id: owner.user.id });
    assert_eq!(changed.success_message, "Thanks!");
    assert_eq!(changed.public_key, form.public_key);

    let renewed: Form = ok_json(
        app.post(
            &format!("/api/v1/forms/{}/regenerate-key", form.id),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_ne!(renewed.public_key, form.public_key);

    let response = app.delete(&format!("/api/v1/forms/{}", form.id), token).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    problem(
        app.get(&format!("/api/v1/forms/{}", form.id), token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_snippet_posts_every_field_to_the_public_address_with_a_hidden_honeypot() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let form = add_form(&app, token, contact_form(json!({}))).await;
    let snippet: FormSnippet = ok_json(
        app.get(&format!("/api/v1/forms/{}/snippet", form.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(snippet.submit_url, form.submit_url);
    assert!(snippet.html.contains(&format!("action=\"{}\"", form.submit_url)));
    assert!(snippet.html.contains("method=\"POST\""));
    assert!(
        snippet
            .html
            .contains("type=\"tel\" name=\"phone\" autocomplete=\"tel\" required")
    );
    assert!(snippet.html.contains("<option>Kazan</option>"));
    assert!(
        snippet
            .html
            .contains("<textarea id=\"voronka-message\" name=\"message\"")
    );
    assert!(snippet.html.contains("name=\"_gotcha\" tabindex=\"-1\""));
    assert!(snippet.html.contains("left:-10000px"));
    assert!(snippet.script.contains("fetch(form.action"));
}

#[tokio::test]
async fn a_bad_form_definition_names_every_wrong_field() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let body = json!({
        "name": " ",
        "fields": [
            {"key": "surname", "label": "Surname", "kind": "text"},
            {"key": "phone", "label": "Phone", "kind": "select"},
            {"key": "cf.budget", "label": "Budget", "kind": "text"},
            {"key": "email", "label": "", "kind": "email"}
        ],
        "allowed_origins": ["shop.example.com/contact"],
        "owner_rule": {"mode": "round_robin", "user_ids": [UserId::new()]},
        "honeypot_field": "email",
        "redirect_url": "javascript:alert(1)"
    });
    let wrong = problem(
        app.post("/api/v1/forms", Some(token), &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    for field in [
        "name",
        "fields[0].key",
        "fields[1].kind",
        "fields[1].options",
        "fields[2].key",
        "fields[3].label",
        "allowed_origins[0]",
        "owner_rule.user_ids[0]",
        "honeypot_field",
        "redirect_url",
    ] {
        names_field(&wrong, field);
    }
    let no_contact = json!({"name": "Quiz", "fields": [{"key": "city", "label": "City", "kind": "text"}]});
    let unanswerable = problem(
        app.post("/api/v1/forms", Some(token), &no_contact).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&unanswerable, "fields");
}

#[tokio::test]
async fn a_head_of_sales_manages_forms_but_a_manager_may_not() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    add_form(&app, &head.access_token, contact_form(json!({}))).await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let token = &manager.access_token;
    problem(
        app.get("/api/v1/forms", token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    problem(
        app.post("/api/v1/forms", Some(token), &contact_form(json!({}))).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}

#[tokio::test]
async fn another_company_cannot_see_or_change_a_form() {
    let app = spawn_app().await;
    let acme = app.register("Acme").await;
    let form = add_form(&app, &acme.access_token, contact_form(json!({}))).await;
    let other = app.register("Globex").await;
    let token = &other.access_token;
    let path = format!("/api/v1/forms/{}", form.id);
    for (method, path) in [
        (Method::GET, path.clone()),
        (Method::PATCH, path.clone()),
        (Method::DELETE, path.clone()),
        (Method::GET, format!("{path}/snippet")),
        (Method::POST, format!("{path}/regenerate-key")),
    ] {
        let response = app
            .request(method, &path, Some(token))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let listed: Vec<Form> = ok_json(app.get("/api/v1/forms", token).await, StatusCode::OK).await;
    assert!(listed.is_empty());
}
