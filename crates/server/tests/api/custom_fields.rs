//! `/api/v1/custom-fields`: the definitions.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::audit::AuditEntry;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldKind};

use crate::helpers::*;

/// Defines a field as the given user; answers it.
pub async fn define(app: &TestApp, token: &str, body: Value) -> CustomField {
    ok_json(
        app.post("/api/v1/custom-fields", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn an_owner_defines_lists_changes_and_deletes_custom_fields() {
    let app = spawn_app().await;
    let owner = app.register("Fields Co").await;
    let t = owner.access_token.as_str();
    let budget = define(
        &app,
        t,
        json!({"entity": "contact", "label": "Budget", "kind": "number", "required": true}),
    )
    .await;
    assert_eq!(
        (budget.key.as_str(), budget.kind, budget.entity),
        ("budget", CustomFieldKind::Number, CustomFieldEntity::Contact)
    );
    assert!(budget.required && budget.options.is_empty());
    let level = define(
        &app,
        t,
        json!({"entity": "contact", "label": "Level", "kind": "select", "options": ["Gold", "Silver"]}),
    )
    .await;
    assert_eq!(level.position, budget.position + 1, "a new field goes last");
    define(&app, t, json!({"entity": "deal", "label": "Budget", "kind": "number"})).await;

    let contact_fields: Vec<CustomField> =
        ok_json(app.get("/api/v1/custom-fields?entity=contact", t).await, StatusCode::OK).await;
    assert_eq!(contact_fields, vec![budget.clone(), level.clone()]);
    let all: Vec<CustomField> = ok_json(app.get("/api/v1/custom-fields", t).await, StatusCode::OK).await;
    assert_eq!(all.len(), 3, "the same key may serve another entity");

    let path = format!("/api/v1/custom-fields/{}", level.id);
    let changed: CustomField = ok_json(
        app.patch(
            &path,
            t,
            &json!({"label": "Client level", "options": ["Gold", "Silver", "Bronze"], "required": true,
                    "position": 0, "kind": "select", "key": "level"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.label, "Client level");
    assert_eq!(changed.key, "level", "the key stays when the label changes");
    assert_eq!(changed.options, vec!["Gold", "Silver", "Bronze"]);
    assert!(changed.required);
    assert_eq!(changed.position, 0);
    let read: CustomField = ok_json(app.get(&path, t).await, StatusCode::OK).await;
    assert_eq!(read, changed);

    assert_eq!(app.delete(&path, t).await.status(), StatusCode::NO_CONTENT);
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    let log: voronka_types::Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=custom_field", t).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    for action in ["custom_field.created", "custom_field.updated", "custom_field.deleted"] {
        assert!(actions.contains(&action), "{action} is audited: {actions:?}");
    }
}

#[tokio::test]
async fn a_russian_label_gets_a_transliterated_key() {
    let app = spawn_app().await;
    let owner = app.register("Слаг").await;
    let t = owner.access_token.as_str();
    let budget = define(&app, t, json!({"entity": "lead", "label": "Бюджет", "kind": "number"})).await;
    assert_eq!(budget.key, "byudzhet");
    let birthday = define(
        &app,
        t,
        json!({"entity": "contact", "label": "Дата рождения", "kind": "date"}),
    )
    .await;
    assert_eq!(birthday.key, "data_rozhdeniya");
    let chosen = define(
        &app,
        t,
        json!({"entity": "contact", "label": "Объект", "kind": "text", "key": "object_type"}),
    )
    .await;
    assert_eq!(chosen.key, "object_type", "a key that is sent wins");
}

#[tokio::test]
async fn a_key_already_used_by_the_entity_answers_409_naming_key() {
    let app = spawn_app().await;
    let owner = app.register("Dup Co").await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "company", "label": "Бюджет", "kind": "number"}),
    )
    .await;
    for body in [
        json!({"entity": "company", "label": "бюджет!", "kind": "text"}),
        json!({"entity": "company", "label": "Other", "key": "byudzhet", "kind": "bool"}),
    ] {
        let p = problem(
            app.post("/api/v1/custom-fields", Some(t), &body).await,
            StatusCode::CONFLICT,
            "key_taken",
        )
        .await;
        names_field(&p, "key");
    }
}

#[tokio::test]
async fn kind_entity_and_key_cannot_change() {
    let app = spawn_app().await;
    let owner = app.register("Fixed Co").await;
    let t = owner.access_token.as_str();
    let field = define(&app, t, json!({"entity": "contact", "label": "Notes", "kind": "text"})).await;
    let path = format!("/api/v1/custom-fields/{}", field.id);
    for (body, name) in [
        (json!({"kind": "number"}), "kind"),
        (json!({"entity": "deal"}), "entity"),
        (json!({"key": "remarks"}), "key"),
    ] {
        let p = problem(
            app.patch(&path, t, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, name);
        assert_eq!(p.errors[0].code, "cannot_change");
    }
    let read: CustomField = ok_json(app.get(&path, t).await, StatusCode::OK).await;
    assert_eq!(read, field);
}

#[tokio::test]
async fn bad_definitions_name_the_field_and_save_nothing() {
    let app = spawn_app().await;
    let owner = app.register("Bad Defs Co").await;
    let t = Some(owner.access_token.as_str());
    let too_many: Vec<String> = (0..101).map(|i| format!("Option {i}")).collect();
    let cases = [
        (json!({"entity": "contact", "label": " ", "kind": "text"}), "label"),
        (
            json!({"entity": "contact", "label": "x".repeat(101), "kind": "text"}),
            "label",
        ),
        (json!({"entity": "contact", "label": "🙂", "kind": "text"}), "key"),
        (
            json!({"entity": "contact", "label": "A", "key": "Bad Key", "kind": "text"}),
            "key",
        ),
        (json!({"entity": "contact", "label": "A", "kind": "select"}), "options"),
        (
            json!({"entity": "contact", "label": "A", "kind": "text", "options": ["x"]}),
            "options",
        ),
        (
            json!({"entity": "contact", "label": "A", "kind": "select", "options": too_many}),
            "options",
        ),
        (
            json!({"entity": "contact", "label": "A", "kind": "select", "options": ["x", "X"]}),
            "options[1]",
        ),
        (
            json!({"entity": "contact", "label": "A", "kind": "select", "options": ["x", ""]}),
            "options[1]",
        ),
        (
            json!({"entity": "contact", "label": "A", "kind": "text", "position": -1}),
            "position",
        ),
        (json!({"entity": "contact", "label": "A", "kind": "float"}), "kind"),
        (json!({"entity": "invoice", "label": "A", "kind": "text"}), "entity"),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/custom-fields", t, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let all: Vec<CustomField> = ok_json(
        app.get("/api/v1/custom-fields", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert!(all.is_empty());
}

#[tokio::test]
async fn an_entity_has_at_most_100_custom_fields() {
    let app = spawn_app().await;
    let owner = app.register("Many Fields Co").await;
    let t = owner.access_token.as_str();
    for i in 0..100 {
        define(
            &app,
            t,
            json!({"entity": "deal", "label": format!("Field {i}"), "kind": "bool"}),
        )
        .await;
    }
    let p = problem(
        app.post(
            "/api/v1/custom-fields",
            Some(t),
            &json!({"entity": "deal", "label": "One more", "kind": "bool"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "entity");
    define(&app, t, json!({"entity": "lead", "label": "One more", "kind": "bool"})).await;
}

#[tokio::test]
async fn a_manager_reads_custom_fields_but_cannot_change_them() {
    let app = spawn_app().await;
    let owner = app.register("Roles Fields Co").await;
    let field = define(
        &app,
        &owner.access_token,
        json!({"entity": "contact", "label": "Budget", "kind": "number"}),
    )
    .await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let m = manager.access_token.as_str();
    let listed: Vec<CustomField> = ok_json(app.get("/api/v1/custom-fields", m).await, StatusCode::OK).await;
    assert_eq!(listed, vec![field.clone()]);
    let path = format!("/api/v1/custom-fields/{}", field.id);
    let read: CustomField = ok_json(app.get(&path, m).await, StatusCode::OK).await;
    assert_eq!(read, field);
    let body = json!({"entity": "contact", "label": "Mine", "kind": "text"});
    for response in [
        app.post("/api/v1/custom-fields", Some(m), &body).await,
        app.patch(&path, m, &json!({"label": "Renamed"})).await,
        app.delete(&path, m).await,
    ] {
        problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
    }
}

#[tokio::test]
async fn another_companys_custom_fields_are_invisible() {
    let app = spawn_app().await;
    let a = app.register("Fields A").await;
    let b = app.register("Fields B").await;
    let theirs = define(
        &app,
        &b.access_token,
        json!({"entity": "contact", "label": "Secret", "kind": "text"}),
    )
    .await;
    let path = format!("/api/v1/custom-fields/{}", theirs.id);
    let t = a.access_token.as_str();
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, t, &json!({"label": "Mine"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(app.delete(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    let listed: Vec<CustomField> = ok_json(app.get("/api/v1/custom-fields", t).await, StatusCode::OK).await;
    assert!(listed.is_empty());
    // Their key is free here, and their field cannot take values here.
    define(
        &app,
        t,
        json!({"entity": "contact", "label": "Secret", "kind": "number"}),
    )
    .await;
    let p = problem(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({"name": "Anna", "custom_fields": {"secret": "text"}}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "custom_fields.secret");
}
