//! The AI assistant with an LLM configured, against a fake OpenAI-compatible server: answers
//! are validated, a slow, failing or lying LLM falls back to the rules, the company's switch
//! and monthly token budget are kept, and every call's usage is recorded.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use voronka_server::ai::llm::usage;
use voronka_types::Role;
use voronka_types::ai::{Intent, LeadClassification, NarrativeSource, SalesReport};
use voronka_types::users::Tenant;

use crate::fake_llm::{FakeLlm, Reply};
use crate::helpers::*;
use crate::ingest::ingest_key;

const MESSAGE: &str = "Хочу заказать дом, фундамент свайный. Пишите на ivan@example.ru, тел. +7 916 123-45-67";

async fn app_with(llm: &FakeLlm, timeout_ms: u64) -> TestApp {
    let url = llm.url.clone();
    spawn_app_with(move |c| {
        c.llm_base_url = Some(url);
        c.llm_timeout_ms = timeout_ms;
    })
    .await
}

async fn classify(app: &TestApp, token: &str, text: &str) -> LeadClassification {
    ok_json(
        app.post("/api/v1/ai/classify", Some(token), &json!({"text": text}))
            .await,
        StatusCode::OK,
    )
    .await
}

async fn with_foundation_field(app: &TestApp, token: &str) {
    let body = json!({"entity": "lead", "key": "foundation", "label": "Фундамент", "kind": "select",
                      "options": ["Ленточный", "Свайный"]});
    assert_eq!(
        app.post("/api/v1/custom-fields", Some(token), &body).await.status(),
        StatusCode::CREATED
    );
}

fn reading(intent: &str, confidence: Value) -> String {
    json!({"intent": intent, "confidence": confidence, "name": "Пётр", "phone": "+7 916 123-45-67",
           "email": "ivan@example.ru", "city": "", "preferred_time": "",
           "fields": {"foundation": "свайный", "roof": "flat"}})
    .to_string()
}

#[tokio::test]
async fn the_llm_classifies_with_a_json_schema_and_its_answer_is_checked() {
    let llm = FakeLlm::start(Reply::Content(reading("ready_to_buy", json!(0.9)))).await;
    let app = app_with(&llm, 5_000).await;
    let owner = app.register_russian().await;
    with_foundation_field(&app, &owner.access_token).await;
    let found = classify(&app, &owner.access_token, MESSAGE).await;
    assert_eq!(
        (found.intent, found.method.as_str(), found.llm_status.as_deref()),
        (Intent::ReadyToBuy, "llm", None)
    );
    assert_eq!(found.confidence, 0.9);
    // A name that is not in the message and a field the company does not have are dropped.
    assert_eq!(found.extracted.name, None);
    assert!(!found.extracted.custom_fields.contains_key("roof"));
    assert_eq!(
        found.extracted.custom_fields.get("foundation").map(String::as_str),
        Some("Свайный")
    );
    assert_eq!(found.extracted.phones.len(), 1);
    assert_eq!(found.extracted.emails, vec!["ivan@example.ru"]);
    let sent = &llm.bodies()[0];
    assert_eq!(sent["response_format"]["type"], "json_schema");
    let schema = &sent["response_format"]["json_schema"]["schema"];
    assert_eq!(schema["properties"]["intent"]["enum"].as_array().map(Vec::len), Some(7));
    assert!(schema["properties"]["fields"]["properties"]["foundation"].is_object());
    let rows = usage::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].purpose.as_str(),
            rows[0].prompt_tokens,
            rows[0].completion_tokens,
            rows[0].calls,
            rows[0].failures
        ),
        ("classify", 100, 20, 1, 0)
    );
}

#[tokio::test]
async fn answers_outside_the_schema_fall_back_to_the_rules_and_count_as_failures() {
    for (reply, status) in [
        (
            Reply::Content(reading("maybe", json!(0.5))),
            "LLM answer rejected: unknown intent `maybe`",
        ),
        (
            Reply::Content(reading("spam", json!(7))),
            "LLM answer rejected: confidence is not a number from 0 to 1",
        ),
        (
            Reply::Content("Sure! The intent is spam.".into()),
            "LLM answer rejected: not valid JSON",
        ),
        (Reply::Garbage, "LLM answer rejected: not a chat completion"),
    ] {
        let llm = FakeLlm::start(reply).await;
        let app = app_with(&llm, 5_000).await;
        let owner = app.register_russian().await;
        let found = classify(&app, &owner.access_token, MESSAGE).await;
        assert_eq!(
            (found.method.as_str(), found.llm_status.as_deref()),
            ("rules", Some(status))
        );
        assert_eq!(found.intent, Intent::ReadyToBuy);
        let rows = usage::Entity::find().all(&app.state.db).await.unwrap();
        assert_eq!((rows[0].calls, rows[0].failures), (1, 1));
    }
}

#[tokio::test]
async fn a_slow_or_unreachable_llm_never_breaks_the_endpoint() {
    let llm = FakeLlm::start(Reply::Slow(Duration::from_secs(5), reading("spam", json!(1)))).await;
    let app = app_with(&llm, 300).await;
    let owner = app.register("Acme").await;
    let started = Instant::now();
    let found = classify(&app, &owner.access_token, "Please call me back tomorrow").await;
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        (found.method.as_str(), found.llm_status.as_deref()),
        ("rules", Some("LLM timed out after 300 ms"))
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = spawn_app_with(|c| c.llm_base_url = Some(format!("http://{closed}/v1"))).await;
    let owner = app.register("Acme").await;
    let found = classify(&app, &owner.access_token, "Please call me back tomorrow").await;
    assert_eq!(found.llm_status.as_deref(), Some("LLM failed: server unreachable"));
}

#[tokio::test]
async fn a_company_that_switched_the_llm_off_or_spent_its_budget_is_not_sent_anything() {
    let llm = FakeLlm::start(Reply::Content(reading("spam", json!(1)))).await;
    let app = app_with(&llm, 5_000).await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let off: Tenant = ok_json(
        app.patch("/api/v1/settings", token, &json!({"ai_llm_enabled": false}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!off.ai_llm_enabled);
    let found = classify(&app, token, "Call me").await;
    assert_eq!(
        found.llm_status.as_deref(),
        Some("LLM is switched off for this company")
    );
    assert_eq!(llm.calls(), 0);

    let on: Tenant = ok_json(
        app.patch(
            "/api/v1/settings",
            token,
            &json!({"ai_llm_enabled": true, "ai_llm_monthly_tokens": 100}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((on.ai_llm_enabled, on.ai_llm_monthly_tokens), (true, Some(100)));
    // The first call spends 120 tokens, the budget is 100: the second is not made.
    assert_eq!(classify(&app, token, "Call me").await.method, "llm");
    let skipped = classify(&app, token, "Call me").await;
    assert_eq!(skipped.llm_status.as_deref(), Some("monthly token budget used up"));
    assert_eq!(llm.calls(), 1);

    let back: Tenant = ok_json(
        app.patch("/api/v1/settings", token, &json!({"ai_llm_monthly_tokens": null}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(back.ai_llm_monthly_tokens, None);
    assert_eq!(classify(&app, token, "Call me").await.method, "llm");
}

#[tokio::test]
async fn the_llm_settings_are_checked_and_only_owners_change_them() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let start: Tenant = ok_json(app.get("/api/v1/settings", token).await, StatusCode::OK).await;
    assert_eq!((start.ai_llm_enabled, start.ai_llm_monthly_tokens), (true, None));
    for body in [
        json!({"ai_llm_monthly_tokens": 1_000_000_001u64}),
        json!({"ai_llm_monthly_tokens": -5}),
    ] {
        let response = app.patch("/api/v1/settings", token, &body).await;
        names_field(
            &problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
            "ai_llm_monthly_tokens",
        );
    }
    let (_, manager) = app.user_with_role(token, Role::Manager).await;
    let refused = app
        .patch(
            "/api/v1/settings",
            &manager.access_token,
            &json!({"ai_llm_enabled": false}),
        )
        .await;
    problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
}

async fn shop_with_sales(app: &TestApp) -> String {
    let owner = app.register("Acme").await;
    let key = ingest_key(app, &owner.access_token, &["ingest"]).await;
    let items: Vec<Value> = (1..=6)
        .map(|i| {
            json!({"external_id": format!("o-{i}"), "customer_external_id": format!("c-{}", i % 3),
                        "amount": "1500.00", "purchased_at": format!("2025-03-{:02}T10:00:00Z", i * 3)})
        })
        .collect();
    let pushed = app
        .post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": items}))
        .await;
    assert_eq!(pushed.status(), StatusCode::OK);
    owner.access_token
}

async fn march_report(app: &TestApp, token: &str) -> SalesReport {
    ok_json(
        app.get("/api/v1/ai/report?from=2025-03-01&to=2025-03-31", token).await,
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn the_llm_writes_the_narrative_only_with_the_facts_numbers() {
    let llm = FakeLlm::start(Reply::Content(
        "March brought 6 orders worth 9,000 USD from 3 customers.".into(),
    ))
    .await;
    let app = app_with(&llm, 5_000).await;
    let token = shop_with_sales(&app).await;
    let report = march_report(&app, &token).await;
    assert_eq!(report.narrative.source, NarrativeSource::Llm, "{:?}", report.narrative);
    assert_eq!(report.narrative.llm_status, None);
    let facts = llm.bodies()[0]["messages"][1]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(facts.contains("Orders: 6"), "{facts}");
    assert!(llm.bodies()[0].get("response_format").is_none());

    let liar = FakeLlm::start(Reply::Content("March brought 7 orders and 12,345 USD.".into())).await;
    let app = app_with(&liar, 5_000).await;
    let token = shop_with_sales(&app).await;
    let report = march_report(&app, &token).await;
    assert_eq!(report.narrative.source, NarrativeSource::Composed);
    assert_eq!(
        report.narrative.llm_status.as_deref(),
        Some("LLM answer rejected: the number 7 is not one of the facts")
    );
    assert!(!report.narrative.text.is_empty());
    let rows = usage::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!((rows[0].purpose.as_str(), rows[0].failures), ("narrative", 1));
}

const NEW_LEAD: &str = "Добрый вечер, переезжаем в Зеленоград, интересует фундамент на сваях";

async fn lead_with_message(app: &TestApp, token: &str, name: &str, extra: Value) -> voronka_types::leads::Lead {
    let mut body = json!({"contact": {"name": name}, "source": "whatsapp", "message": NEW_LEAD});
    for (key, value) in extra.as_object().into_iter().flatten() {
        body[key] = value.clone();
    }
    ok_json(app.post("/api/v1/leads", Some(token), &body).await, StatusCode::CREATED).await
}

async fn lead(app: &TestApp, token: &str, id: voronka_types::LeadId) -> voronka_types::leads::Lead {
    ok_json(app.get(&format!("/api/v1/leads/{id}"), token).await, StatusCode::OK).await
}

#[tokio::test]
async fn a_new_leads_message_is_read_again_by_the_llm_in_the_background_filling_only_what_nobody_gave() {
    let answer = json!({"intent": "wants_call", "confidence": 0.8, "name": "", "phone": "", "email": "",
                        "city": "Зеленоград", "preferred_time": "", "fields": {"foundation": "Свайный"}});
    let llm = FakeLlm::start(Reply::Content(answer.to_string())).await;
    let app = app_with(&llm, 5_000).await;
    let owner = app.register_russian().await;
    let token = owner.access_token.as_str();
    with_foundation_field(&app, token).await;

    let fresh = lead_with_message(&app, token, "Пётр", json!({})).await;
    let given = lead_with_message(
        &app,
        token,
        "Анна",
        json!({"city": "Москва", "custom_fields": {"foundation": "Ленточный"}}),
    )
    .await;
    assert_ne!(fresh.intent, Some(Intent::WantsCall), "the rules' reading comes first");
    assert_eq!(llm.calls(), 0, "nobody waits for the LLM when a lead arrives");

    app.run_jobs().await;
    assert_eq!(llm.calls(), 2, "one reading per new lead's message");
    let fresh = lead(&app, token, fresh.id).await;
    assert_eq!(fresh.intent, Some(Intent::WantsCall));
    assert_eq!(fresh.city.as_deref(), Some("Зеленоград"));
    assert_eq!(fresh.custom_fields.get("foundation"), Some(&json!("Свайный")));
    let given = lead(&app, token, given.id).await;
    assert_eq!(given.intent, Some(Intent::WantsCall));
    assert_eq!(
        given.city.as_deref(),
        Some("Москва"),
        "a value somebody gave is never overwritten"
    );
    assert_eq!(given.custom_fields.get("foundation"), Some(&json!("Ленточный")));

    // A new inbound message is read again; a lead's outbound one is not.
    let path = format!("/api/v1/leads/{}/messages", fresh.id);
    for (direction, text) in [("inbound", "Перезвоните завтра"), ("outbound", "Хорошо, позвоню")]
    {
        let body = json!({"direction": direction, "channel": "whatsapp", "body": text});
        assert_eq!(app.post(&path, Some(token), &body).await.status(), StatusCode::CREATED);
    }
    app.run_jobs().await;
    assert_eq!(llm.calls(), 3);
}

#[tokio::test]
async fn a_failing_llm_leaves_the_rules_reading_of_a_new_lead() {
    let llm = FakeLlm::start(Reply::Garbage).await;
    let app = app_with(&llm, 5_000).await;
    let owner = app.register_russian().await;
    let token = owner.access_token.as_str();
    let created = lead_with_message(&app, token, "Пётр", json!({})).await;
    app.run_jobs().await;
    assert!(llm.calls() >= 1);
    let after = lead(&app, token, created.id).await;
    assert_eq!((after.intent, after.score), (created.intent, created.score));
    assert_eq!(after.updated_at, created.updated_at, "nothing was written");
}
