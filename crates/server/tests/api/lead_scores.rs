//! Every lead is scored by Voronka with its reasons; a score set by hand stays; the company's
//! own closed leads teach a model once there are enough of them.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;
use voronka_types::leads::{Lead, ScoreBasis, Temperature};
use voronka_types::pipelines::PipelineKind;

use crate::crm::{add_lead, default_pipeline, stage};
use crate::helpers::*;

async fn lead(app: &TestApp, token: &str, id: impl std::fmt::Display) -> Lead {
    ok_json(app.get(&format!("/api/v1/leads/{id}"), token).await, StatusCode::OK).await
}

fn has_reason(lead: &Lead, code: &str) -> bool {
    lead.score_details
        .as_ref()
        .is_some_and(|d| d.reasons.iter().any(|r| r.code == code))
}

#[tokio::test]
async fn a_complete_lead_ready_to_buy_scores_above_a_bare_name_and_says_why() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let bare = add_lead(&app, token, json!({"contact": {"name": "Пётр"}})).await;
    let ready = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Анна", "phones": ["+7 912 345-67-89"], "emails": ["anna@example.com"]},
               "city": "Казань", "source": "website", "amount": "150000.00",
               "message": "Здравствуйте! Хочу купить дом 8x10, выставьте счёт, готовы оплатить на этой неделе"}),
    )
    .await;
    let details = ready
        .score_details
        .as_ref()
        .expect("the answer says how the score was reached");
    assert_eq!(details.basis, ScoreBasis::Rules);
    assert!(ready.score > bare.score, "ready {} vs bare {}", ready.score, bare.score);
    assert!(
        has_reason(&ready, "intent") && has_reason(&ready, "completeness"),
        "{details:?}"
    );
    assert!(
        details
            .reasons
            .iter()
            .all(|r| !r.text_ru.is_empty() && !r.text_en.is_empty())
    );
    assert_eq!(
        ready.temperature,
        Some(match ready.score {
            70.. => Temperature::Hot,
            40..70 => Temperature::Warm,
            _ => Temperature::Cold,
        })
    );
    assert_eq!(lead(&app, token, ready.id).await.score_details, ready.score_details);

    let list: serde_json::Value = ok_json(
        app.get("/api/v1/leads?sort=score&order=desc", token).await,
        StatusCode::OK,
    )
    .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], json!(ready.id), "lists sort by the computed score");
    assert!(items[0].get("score_details").is_none(), "lists stay light");
}

#[tokio::test]
async fn a_customer_left_waiting_loses_points_and_a_reply_gives_them_back() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let fresh = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Анна", "phones": ["+79123456789"]}}),
    )
    .await;
    let path = format!("/api/v1/leads/{}/messages", fresh.id);
    let asked = app
        .post(
            &path,
            Some(token),
            &json!({"direction": "inbound", "channel": "whatsapp", "body": "Сколько стоит доставка?",
                    "sent_at": Utc::now() - Duration::hours(10)}),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    let waiting = lead(&app, token, fresh.id).await;
    assert!(has_reason(&waiting, "waiting"), "{:?}", waiting.score_details);
    let answered = app
        .post(
            &path,
            Some(token),
            &json!({"direction": "outbound", "channel": "whatsapp", "body": "Доставка бесплатная"}),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::CREATED);
    let replied = lead(&app, token, fresh.id).await;
    assert!(!has_reason(&replied, "waiting"));
    assert!(
        replied.score > waiting.score,
        "replied {} vs waiting {}",
        replied.score,
        waiting.score
    );
}

#[tokio::test]
async fn a_score_set_by_hand_stays_until_it_is_handed_back() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let created = add_lead(&app, token, json!({"contact": {"name": "Олег"}})).await;
    let path = format!("/api/v1/leads/{}", created.id);
    let pinned: Lead = ok_json(app.patch(&path, token, &json!({"score": 95})).await, StatusCode::OK).await;
    assert_eq!(pinned.score, 95);
    assert_eq!(pinned.score_details.as_ref().map(|d| d.basis), Some(ScoreBasis::Manual));
    let message = app
        .post(
            &format!("{path}/messages"),
            Some(token),
            &json!({"direction": "inbound", "channel": "telegram", "body": "это реклама, купите наши услуги SEO"}),
        )
        .await;
    assert_eq!(message.status(), StatusCode::CREATED);
    assert_eq!(
        lead(&app, token, created.id).await.score,
        95,
        "a message does not undo a person's score"
    );

    let handed_back: Lead = ok_json(app.patch(&path, token, &json!({"score": null})).await, StatusCode::OK).await;
    assert_eq!(
        handed_back.score_details.as_ref().map(|d| d.basis),
        Some(ScoreBasis::Rules)
    );
    assert!(handed_back.score < 95, "recomputed: {}", handed_back.score);

    let hot: Lead = ok_json(
        app.patch(&path, token, &json!({"temperature": "hot"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(hot.temperature, Some(Temperature::Hot));
    assert_eq!(hot.score_details.map(|d| d.basis), Some(ScoreBasis::Manual));
    let bad = app.patch(&path, token, &json!({"score": 101})).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "score",
    );
}

#[tokio::test]
async fn enough_closed_leads_teach_the_company_its_own_model_and_the_hourly_sweep_uses_it() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let (won, lost) = (stage(&pipeline, "won"), stage(&pipeline, "lost"));
    let (mut winners, mut losers) = (Vec::new(), Vec::new());
    for i in 0..220 {
        // Leads that left a phone mostly bought; those that did not mostly did not.
        let with_phone = i % 2 == 0;
        let contact = if with_phone {
            json!({"name": format!("Buyer {i}"), "phones": [format!("+7912{:07}", i)]})
        } else {
            json!({"name": format!("Visitor {i}")})
        };
        let created = add_lead(&app, token, json!({"contact": contact})).await;
        if with_phone != (i % 10 == 1 || i % 10 == 4) {
            winners.push(created.id);
        } else {
            losers.push(created.id);
        }
    }
    for (ids, stage) in [(&winners, &won), (&losers, &lost)] {
        let moved = app
            .post(
                "/api/v1/leads/bulk",
                Some(token),
                &json!({"ids": ids, "action": "move", "stage_id": stage.id}),
            )
            .await;
        assert_eq!(moved.status(), StatusCode::OK);
    }
    let open = add_lead(
        &app,
        token,
        json!({"contact": {"name": "New", "phones": ["+79990001122"]}}),
    )
    .await;
    assert_eq!(open.score_details.as_ref().map(|d| d.basis), Some(ScoreBasis::Rules));

    // The sweep the first scored lead queued runs an hour later: it fits the model.
    let later = Utc::now() + Duration::hours(2);
    assert!(voronka_server::jobs::run_due_at(&app.state, later).await >= 1);
    let rescored = lead(&app, token, open.id).await;
    let details = rescored.score_details.expect("scored");
    assert_eq!(details.basis, ScoreBasis::Fitted);
    assert_eq!(details.closed_leads, Some(220));
    assert!(details.reasons.iter().any(|r| r.code == "has_phone"), "{details:?}");

    let other = app.register("Other").await;
    let foreign = app
        .get(&format!("/api/v1/leads/{}", open.id), &other.access_token)
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
}
