//! The AI assistant against the real local LLM (SmolLM2 served by xllamacpp, started by
//! `make test` through `scripts/local-llm.py`, its URL in `VORONKA_TEST_LLM_URL`). Skipped when
//! it is not running. Answers vary: the tests check the structure and the fallbacks, never the
//! wording.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::ai::{Intent, LeadClassification, NarrativeSource, SalesReport};

use crate::helpers::*;
use crate::ingest::ingest_key;

async fn local_llm_app() -> Option<TestApp> {
    let Ok(url) = std::env::var("VORONKA_TEST_LLM_URL") else {
        println!("skipped: VORONKA_TEST_LLM_URL is not set (run `make test` to start the local LLM)");
        return None;
    };
    Some(
        spawn_app_with(move |c| {
            c.llm_base_url = Some(url);
            c.llm_timeout_ms = 60_000;
        })
        .await,
    )
}

#[tokio::test]
async fn the_local_llm_classifies_a_message_into_one_of_the_intents() {
    let Some(app) = local_llm_app().await else { return };
    let owner = app.register_russian().await;
    let found: LeadClassification = ok_json(
        app.post(
            "/api/v1/ai/classify",
            Some(&owner.access_token),
            &json!({"text": "Здравствуйте, сколько стоит дом 6 на 8? Перезвоните мне, +7 916 123-45-67"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(Intent::ALL.contains(&found.intent));
    assert!((0.0..=1.0).contains(&found.confidence));
    match found.method.as_str() {
        "llm" => assert_eq!(found.llm_status, None),
        "rules" => assert!(found.llm_status.is_some_and(|s| s.starts_with("LLM"))),
        other => panic!("unknown method {other}"),
    }
}

#[tokio::test]
async fn the_local_llm_narrative_states_only_the_facts_or_gives_way_to_the_composed_one() {
    let Some(app) = local_llm_app().await else { return };
    let owner = app.register("Acme").await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let items: Vec<_> = (1..=8)
        .map(|i| json!({"external_id": format!("o-{i}"), "customer_external_id": format!("c-{}", i % 4),
                        "amount": format!("{}.00", 1000 + i * 250), "purchased_at": format!("2025-03-{:02}T10:00:00Z", i * 3)}))
        .collect();
    let pushed = app
        .post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": items}))
        .await;
    assert_eq!(pushed.status(), StatusCode::OK);
    let report: SalesReport = ok_json(
        app.get("/api/v1/ai/report?from=2025-03-01&to=2025-03-31", &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!report.narrative.text.trim().is_empty());
    match report.narrative.source {
        NarrativeSource::Llm => assert_eq!(report.narrative.llm_status, None),
        NarrativeSource::Composed => {
            let status = report.narrative.llm_status.unwrap_or_default();
            assert!(status.starts_with("LLM"), "{status}");
        }
    }
}
