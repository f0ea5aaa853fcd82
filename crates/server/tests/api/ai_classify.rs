//! Categorising a lead's message and pulling its details out, with the company's own fields.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Role;
use voronka_types::ai::{Intent, LeadClassification};

use crate::helpers::*;

#[tokio::test]
async fn a_russian_price_question_is_categorised_with_its_phone_city_and_house_size() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = owner.access_token.as_str();
    for body in [
        json!({"entity": "lead", "key": "house_size", "label": "Размер дома", "kind": "text"}),
        json!({"entity": "lead", "key": "foundation", "label": "Фундамент", "kind": "select",
               "options": ["Ленточный", "Свайный"]}),
    ] {
        let created = app.post("/api/v1/custom-fields", Some(token), &body).await;
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let found: LeadClassification = ok_json(
        app.post(
            "/api/v1/ai/classify",
            Some(token),
            &json!({"text": "Здравствуйте! Сколько стоит дом 8 на 10 из бруса, фундамент ленточный? Я из Казани, мой номер 8 (916) 123-45-67"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(found.intent, Intent::PriceQuestion);
    assert!(found.confidence > 0.0 && found.confidence <= 1.0);
    assert!(!found.reasons.is_empty());
    assert_eq!(found.language, "ru");
    assert_eq!(found.extracted.city.as_deref(), Some("Казань"));
    assert_eq!(found.extracted.phones.len(), 1);
    assert_eq!(found.extracted.phones[0].e164.as_deref(), Some("+79161234567"));
    assert_eq!(
        found.extracted.custom_fields.get("house_size").map(String::as_str),
        Some("8x10")
    );
    assert_eq!(
        found.extracted.custom_fields.get("foundation").map(String::as_str),
        Some("Ленточный")
    );
    assert_eq!(found.method, "rules");
}

#[tokio::test]
async fn spam_is_recognised_and_empty_or_huge_texts_name_the_field() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let spam: LeadClassification = ok_json(
        app.post(
            "/api/v1/ai/classify",
            Some(token),
            &json!({"text": "Best crypto casino bonus!!! Promote your website SEO top-1 google http://spam.example"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(spam.intent, Intent::Spam);
    for text in [String::new(), "   ".into(), "a".repeat(10_001)] {
        let response = app
            .post("/api/v1/ai/classify", Some(token), &json!({"text": text}))
            .await;
        names_field(
            &problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
            "text",
        );
    }
    let missing = app.post("/api/v1/ai/classify", Some(token), &json!({})).await;
    assert!(missing.status().is_client_error());
    let (_, partner) = app.user_with_role(token, Role::Partner).await;
    let refused = app
        .post(
            "/api/v1/ai/classify",
            Some(&partner.access_token),
            &json!({"text": "hi"}),
        )
        .await;
    problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn every_lead_carries_the_intent_of_its_latest_inbound_message() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let lead = crate::crm::add_lead(
        &app,
        token,
        json!({"contact": {"name": "Ann"}, "message": "Hi! How much does the 8x10 house cost? Send me the price list"}),
    )
    .await;
    assert_eq!(lead.intent, Some(Intent::PriceQuestion));
    let quiet = crate::crm::add_lead(&app, token, json!({"contact": {"name": "Bob"}})).await;
    assert_eq!(quiet.intent, None, "no message, no intent");

    let post = |direction: &'static str, body: &'static str| {
        let app = &app;
        let path = format!("/api/v1/leads/{}/messages", lead.id);
        async move {
            let response = app
                .post(
                    &path,
                    Some(token),
                    &json!({"direction": direction, "channel": "whatsapp", "body": body}),
                )
                .await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
    };
    post("inbound", "Please call me back tomorrow after 6 pm, +44 20 7946 0958").await;
    let read = |id| {
        let app = &app;
        async move {
            ok_json::<voronka_types::leads::Lead>(app.get(&format!("/api/v1/leads/{id}"), token).await, StatusCode::OK)
                .await
        }
    };
    assert_eq!(read(lead.id).await.intent, Some(Intent::WantsCall));
    post("outbound", "Sure, talk tomorrow").await;
    assert_eq!(
        read(lead.id).await.intent,
        Some(Intent::WantsCall),
        "our own replies do not change it"
    );

    let callers: serde_json::Value =
        ok_json(app.get("/api/v1/leads?intent=wants_call", token).await, StatusCode::OK).await;
    assert_eq!(callers["total"], json!(1));
    assert_eq!(callers["items"][0]["id"], json!(lead.id));
    let none: serde_json::Value = ok_json(
        app.get("/api/v1/leads?intent=price_question", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        none["total"],
        json!(0),
        "the lead's intent moved on from its first message"
    );
    let bad = app.get("/api/v1/leads?intent=gossip", token).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "intent",
    );
}

#[tokio::test]
async fn a_leads_message_fills_the_fields_nobody_gave_and_never_overwrites_one() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = owner.access_token.as_str();
    for body in [
        json!({"entity": "lead", "key": "house_size", "label": "Размер дома", "kind": "text"}),
        json!({"entity": "lead", "key": "foundation", "label": "Фундамент", "kind": "select",
               "options": ["Ленточный", "Свайный"]}),
        json!({"entity": "lead", "key": "windows", "label": "Количество окон", "kind": "number"}),
    ] {
        let created = app.post("/api/v1/custom-fields", Some(token), &body).await;
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let lead = crate::crm::add_lead(
        &app,
        token,
        json!({"contact": {"name": "Ирина"}, "custom_fields": {"foundation": "Свайный"},
               "message": "Сколько стоит дом 8 на 10 из бруса, фундамент ленточный? Я из Казани"}),
    )
    .await;
    assert_eq!(lead.city.as_deref(), Some("Казань"));
    assert_eq!(lead.custom_fields.get("house_size"), Some(&json!("8x10")));
    assert_eq!(
        lead.custom_fields.get("foundation"),
        Some(&json!("Свайный")),
        "what the sender chose stays"
    );
    assert_eq!(lead.custom_fields.get("windows"), None);

    let path = format!("/api/v1/leads/{}/messages", lead.id);
    let later = app
        .post(
            &path,
            Some(token),
            &json!({"direction": "inbound", "channel": "whatsapp", "body": "Окон нужно 6, живём в Самаре"}),
        )
        .await;
    assert_eq!(later.status(), StatusCode::CREATED);
    let read: voronka_types::leads::Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read.custom_fields.get("windows"), Some(&json!("6")));
    assert_eq!(read.city.as_deref(), Some("Казань"), "a known city is not replaced");
    let by_windows: serde_json::Value =
        ok_json(app.get("/api/v1/leads?cf[windows]=6", token).await, StatusCode::OK).await;
    assert_eq!(
        by_windows["total"],
        json!(1),
        "filled values are filterable like typed ones"
    );
}
