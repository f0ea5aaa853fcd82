//! The AI assistant's recommendations: evidence, ranking, applying (tasks) and dismissing.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Page;
use voronka_types::Role;
use voronka_types::ai::{AppliedRecommendation, RecommendationKind, Recommendations, SalesReport};
use voronka_types::pipelines::PipelineKind;
use voronka_types::purchases::IngestBatchResult;
use voronka_types::tasks::{Task, TaskPriority};

use crate::crm::{add_lead, default_pipeline, stage};
use crate::helpers::*;
use crate::ingest::ingest_key;

fn days_ago(days: i64) -> String {
    (Utc::now() - Duration::days(days))
        .format("%Y-%m-%dT10:00:00Z")
        .to_string()
}

/// 14 steady monthly buyers, 4 big buyers who stopped 200 days ago, 2 who bought once.
async fn shop_with_slipping_customers(app: &TestApp, token: &str) {
    let key = ingest_key(app, token, &["ingest"]).await;
    let mut items: Vec<Value> = Vec::new();
    for c in 0..14 {
        for m in 0..6 {
            items.push(
                json!({"external_id": format!("s-{c}-{m}"), "customer_external_id": format!("steady-{c}"),
                              "amount": "100.00", "purchased_at": days_ago(10 + 30 * m)}),
            );
        }
    }
    for c in 0..4 {
        for m in 0..8 {
            items.push(
                json!({"external_id": format!("x-{c}-{m}"), "customer_external_id": format!("slipping-{c}"),
                              "amount": "500.00", "purchased_at": days_ago(200 + 30 * m)}),
            );
        }
    }
    for c in 0..2 {
        items.push(
            json!({"external_id": format!("o-{c}"), "customer_external_id": format!("once-{c}"),
                          "amount": "50.00", "purchased_at": days_ago(300)}),
        );
    }
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": items}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(result.failed, 0);
}

async fn recommendations(app: &TestApp, token: &str) -> Recommendations {
    ok_json(app.get("/api/v1/ai/recommendations", token).await, StatusCode::OK).await
}

#[tokio::test]
async fn customers_who_stopped_buying_are_recommended_for_calls_and_applying_creates_the_tasks_once() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    shop_with_slipping_customers(&app, token).await;

    let found = recommendations(&app, token).await;
    let win_back = found
        .items
        .iter()
        .find(|r| r.kind == RecommendationKind::WinBackCustomers)
        .expect("a win-back recommendation");
    assert_eq!(win_back.id, "win_back_customers");
    assert_eq!(win_back.rank, 1);
    assert_eq!(win_back.contact_ids.len(), 4, "{win_back:?}");
    assert!(win_back.evidence.contains("4 customers"), "{}", win_back.evidence);
    assert!(
        win_back.evidence.contains("30 days"),
        "their rhythm: {}",
        win_back.evidence
    );
    let action = win_back.action.as_ref().expect("an action");
    assert_eq!((action.kind.as_str(), action.tasks), ("create_call_tasks", 4));

    let applied: AppliedRecommendation = ok_json(
        app.post(
            "/api/v1/ai/recommendations/win_back_customers/apply",
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(applied.task_ids.len(), 4);
    let tasks: Page<Task> = ok_json(app.get("/api/v1/tasks?limit=50", token).await, StatusCode::OK).await;
    assert_eq!(tasks.total, 4);
    for task in &tasks.items {
        assert!(task.contact_id.is_some_and(|c| win_back.contact_ids.contains(&c)));
        assert_eq!(
            task.assignee_id, owner.user.id,
            "stub customers have no manager: the caller calls"
        );
        assert!(task.title.contains("#slipping-"), "{}", task.title);
    }

    let after = recommendations(&app, token).await;
    assert!(
        after.items.iter().all(|r| r.id != "win_back_customers"),
        "applied: hidden"
    );
    let again = app
        .post(
            "/api/v1/ai/recommendations/win_back_customers/apply",
            Some(token),
            &json!({}),
        )
        .await;
    problem(again, StatusCode::NOT_FOUND, "not_found").await;
    let tasks: Page<Task> = ok_json(app.get("/api/v1/tasks", token).await, StatusCode::OK).await;
    assert_eq!(tasks.total, 4, "no second set of tasks");

    // Looking back to before they stopped, nobody was slipping.
    let earlier = (Utc::now() - Duration::days(250)).date_naive();
    let back: Recommendations = ok_json(
        app.get(&format!("/api/v1/ai/recommendations?as_of={earlier}"), token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        back.items
            .iter()
            .all(|r| r.kind != RecommendationKind::WinBackCustomers)
    );
}

#[tokio::test]
async fn a_manager_whose_hot_leads_wait_gets_reply_tasks_and_advice_only_recommendations_can_be_dismissed() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let (manager, _) = app.user_with_role(token, Role::Manager).await;
    let lead = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Hot Ivan"}, "temperature": "hot", "owner_id": manager.id}),
    )
    .await;
    let sent = app
        .post(
            &format!("/api/v1/leads/{}/messages", lead.id),
            Some(token),
            &json!({"direction": "inbound", "channel": "whatsapp", "body": "How much?",
                    "sent_at": (Utc::now() - Duration::hours(3)).to_rfc3339()}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);

    // 20 website leads of which 6 won, 20 instagram leads none won.
    let funnel = default_pipeline(&app, token, PipelineKind::Lead).await;
    let won = stage(&funnel, "won");
    for i in 0..40 {
        let source = if i < 20 { "website" } else { "instagram" };
        let made = add_lead(
            &app,
            token,
            json!({"contact": {"name": format!("L{i}")}, "source": source}),
        )
        .await;
        if i < 6 {
            let moved = app
                .patch(
                    &format!("/api/v1/leads/{}", made.id),
                    token,
                    &json!({"stage_id": won.id}),
                )
                .await;
            assert_eq!(moved.status(), StatusCode::OK);
        }
    }

    let found = recommendations(&app, token).await;
    let ids: Vec<&str> = found.items.iter().map(|r| r.id.as_str()).collect();
    let reply_id = format!("reply_faster:{}", manager.id);
    assert_eq!(
        ids,
        [reply_id.as_str(), "improve_source:instagram"],
        "ranked: urgent replies first"
    );
    let reply = &found.items[0];
    assert_eq!(reply.lead_ids, vec![lead.id]);
    assert!(reply.evidence.contains("3 h"), "{}", reply.evidence);
    let source = &found.items[1];
    assert!(
        source.evidence.contains("0\u{a0}%") && source.evidence.contains("30\u{a0}%"),
        "{}",
        source.evidence
    );
    assert!(source.action.is_none());

    let advice = app
        .post(
            "/api/v1/ai/recommendations/improve_source:instagram/apply",
            Some(token),
            &json!({}),
        )
        .await;
    problem(advice, StatusCode::CONFLICT, "nothing_to_apply").await;
    let dismissed = app
        .post(
            "/api/v1/ai/recommendations/improve_source:instagram/dismiss",
            Some(token),
            &json!({}),
        )
        .await;
    assert_eq!(dismissed.status(), StatusCode::NO_CONTENT);

    let applied: AppliedRecommendation = ok_json(
        app.post(
            &format!("/api/v1/ai/recommendations/{reply_id}/apply"),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let task: Task = ok_json(
        app.get(&format!("/api/v1/tasks/{}", applied.task_ids[0]), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(task.assignee_id, manager.id, "the lead's manager replies");
    assert_eq!(task.lead_id, Some(lead.id));
    assert_eq!(task.priority, TaskPriority::Urgent);
    assert!(recommendations(&app, token).await.items.is_empty());
}

#[tokio::test]
async fn managers_cannot_read_recommendations_and_other_companies_cannot_apply_them() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    shop_with_slipping_customers(&app, &owner.access_token).await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    problem(
        app.get("/api/v1/ai/recommendations", &manager.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let other = app.register("Other").await;
    assert!(recommendations(&app, &other.access_token).await.items.is_empty());
    let foreign = app
        .post(
            "/api/v1/ai/recommendations/win_back_customers/apply",
            Some(&other.access_token),
            &json!({}),
        )
        .await;
    problem(foreign, StatusCode::NOT_FOUND, "not_found").await;
    let bad = app
        .get("/api/v1/ai/recommendations?as_of=yesterday", &owner.access_token)
        .await;
    assert!(bad.status().is_client_error());
    names_field(&bad.json().await.unwrap(), "as_of");
}

#[tokio::test]
async fn the_sales_report_carries_the_first_recommendations_and_names_the_first_in_its_narrative() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    shop_with_slipping_customers(&app, token).await;

    let today = Utc::now().date_naive();
    let report: SalesReport = ok_json(
        app.get(
            &format!("/api/v1/ai/report?from={}&to={today}", today - Duration::days(29)),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let listed = recommendations(&app, token).await;
    let ids = |items: &[voronka_types::ai::Recommendation]| items.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert!(!report.recommendations.is_empty());
    assert!(report.recommendations.len() <= 3);
    assert_eq!(
        ids(&report.recommendations),
        ids(&listed.items[..report.recommendations.len()]),
        "the report's are the list's first, in its order"
    );
    let first = &report.recommendations[0];
    assert!(
        report
            .narrative
            .text
            .contains(&format!("First thing to do: {}", first.title)),
        "{}",
        report.narrative.text
    );
}
