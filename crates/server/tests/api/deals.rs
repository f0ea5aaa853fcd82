use reqwest::StatusCode;
use serde_json::json;
use voronka_types::deals::Deal;
use voronka_types::pipelines::{Board, PipelineKind, StageChange, StageKind};
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::helpers::*;

#[tokio::test]
async fn deal_amounts_are_exact_decimal_strings_in_their_currency() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let rub = add_deal(&app, token, json!({"title": "Панели на склад", "amount": "1250000.5"})).await;
    assert_eq!(
        (rub.amount.amount.as_str(), rub.amount.currency.as_str()),
        ("1250000.50", "RUB")
    );
    let yen = add_deal(
        &app,
        token,
        json!({"title": "Tokyo", "amount": "1500", "currency": "jpy"}),
    )
    .await;
    assert_eq!(
        (yen.amount.amount.as_str(), yen.amount.currency.as_str()),
        ("1500", "JPY")
    );
    let free = add_deal(&app, token, json!({"title": "Пилот"})).await;
    assert_eq!(free.amount.amount, "0.00");
    let pipeline = default_pipeline(&app, token, PipelineKind::Deal).await;
    assert_eq!(rub.stage_id, stage(&pipeline, "new").id);
    assert_eq!(rub.status, StageKind::Open);
    let by_amount: Page<Deal> = ok_json(app.get("/api/v1/deals?sort=amount", token).await, StatusCode::OK).await;
    assert_eq!(
        by_amount.items.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["Панели на склад", "Tokyo", "Пилот"]
    );
    let big: Page<Deal> = ok_json(app.get("/api/v1/deals?amount_from=2000", token).await, StatusCode::OK).await;
    assert_eq!(big.total, 1);
    let board: Board<Deal> = ok_json(app.get("/api/v1/deals/board", token).await, StatusCode::OK).await;
    let sums: Vec<(&str, &str)> = board.columns[0]
        .sums
        .iter()
        .map(|m| (m.currency.as_str(), m.amount.as_str()))
        .collect();
    assert_eq!(sums, [("JPY", "1500"), ("RUB", "1250000.50")]);
    assert_eq!(board.columns[0].count, 3);
}

#[tokio::test]
async fn a_deal_is_won_or_lost_by_its_stage_and_a_loss_needs_a_reason() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Deal).await;
    let deal = add_deal(
        &app,
        token,
        json!({"title": "Fence", "amount": "500", "expected_close_date": "2026-12-01", "probability": 40}),
    )
    .await;
    let path = format!("/api/v1/deals/{}", deal.id);
    let lost = stage(&pipeline, "lost");
    let no_reason = app.patch(&path, token, &json!({"stage_id": lost.id})).await;
    names_field(
        &problem(no_reason, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "close_reason",
    );
    let closed: Deal = ok_json(
        app.patch(
            &path,
            token,
            &json!({"stage_id": lost.id, "close_reason": "Too expensive"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(closed.status, StageKind::Lost);
    assert!(closed.closed_at.is_some());
    assert_eq!(closed.close_reason.as_deref(), Some("Too expensive"));
    let won: Deal = ok_json(
        app.patch(&path, token, &json!({"stage_id": stage(&pipeline, "won").id}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(won.status, StageKind::Won);
    let reopened: Deal = ok_json(
        app.patch(&path, token, &json!({"stage_id": stage(&pipeline, "proposal").id}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((reopened.status, reopened.closed_at), (StageKind::Open, None));
    let history: Vec<StageChange> =
        ok_json(app.get(&format!("{path}/stage-history"), token).await, StatusCode::OK).await;
    assert_eq!(history.len(), 4);
    let won_deals: Page<Deal> = ok_json(app.get("/api/v1/deals?status=won", token).await, StatusCode::OK).await;
    assert_eq!(won_deals.total, 0);
}

#[tokio::test]
async fn bad_deal_input_is_named() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let leads = default_pipeline(&app, token, PipelineKind::Lead).await;
    let cases = [
        (json!({"title": ""}), "title"),
        (json!({"title": "X", "amount": "-1"}), "amount"),
        (json!({"title": "X", "amount": "abc"}), "amount"),
        (json!({"title": "X", "amount": "1", "currency": "EURO"}), "currency"),
        (json!({"title": "X", "probability": 120}), "probability"),
        (json!({"title": "X", "contact_id": uuid::Uuid::now_v7()}), "contact_id"),
        (json!({"title": "X", "company_id": uuid::Uuid::now_v7()}), "company_id"),
        (json!({"title": "X", "stage_id": leads.stages[0].id}), "pipeline_id"),
        (
            json!({"title": "X", "expected_close_date": "31.12.2026"}),
            "expected_close_date",
        ),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/deals", Some(token), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let deal = add_deal(&app, token, json!({"title": "X", "amount": "10"})).await;
    let moved = app
        .patch(
            &format!("/api/v1/deals/{}", deal.id),
            token,
            &json!({"stage_id": leads.stages[0].id}),
        )
        .await;
    names_field(
        &problem(moved, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "stage_id",
    );
    let filter = app.get("/api/v1/deals?amount_from=-3", token).await;
    names_field(
        &problem(filter, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "amount_from",
    );
}

#[tokio::test]
async fn managers_see_their_own_deals_and_other_companies_see_nothing() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    let theirs = add_deal(&app, &owner.access_token, json!({"title": "Owner's"})).await;
    let mine = add_deal(&app, &manager.access_token, json!({"title": "Mine"})).await;
    let page: Page<Deal> = ok_json(app.get("/api/v1/deals", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(page.items.iter().map(|d| d.id).collect::<Vec<_>>(), [mine.id]);
    problem(
        app.get(&format!("/api/v1/deals/{}", theirs.id), &manager.access_token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let guest_create = app
        .post("/api/v1/deals", Some(&guest.access_token), &json!({"title": "G"}))
        .await;
    problem(guest_create, StatusCode::FORBIDDEN, "permission_denied").await;
    let guest_sees: Page<Deal> = ok_json(app.get("/api/v1/deals", &guest.access_token).await, StatusCode::OK).await;
    assert_eq!(guest_sees.total, 2, "guests read every deal");

    let other = app.register("Other").await;
    let path = format!("/api/v1/deals/{}", theirs.id);
    for response in [
        app.get(&path, &other.access_token).await,
        app.patch(&path, &other.access_token, &json!({"title": "x"})).await,
        app.delete(&path, &other.access_token).await,
        app.get(&format!("{path}/stage-history"), &other.access_token).await,
    ] {
        problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let deleted = app.delete(&path, &owner.access_token).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
}
