use reqwest::StatusCode;
use serde_json::json;
use voronka_types::leads::Lead;
use voronka_types::pipelines::{Pipeline, PipelineKind, StageChange, StageKind};
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::helpers::*;

#[tokio::test]
async fn a_new_company_gets_the_lead_funnel_of_seed_004_and_a_deal_pipeline_in_its_language() {
    let app = spawn_app().await;
    let ru = app.register_russian().await;
    let leads = default_pipeline(&app, &ru.access_token, PipelineKind::Lead).await;
    let names: Vec<&str> = leads.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Новые",
            "AI ведёт диалог",
            "Неполные данные",
            "Просит звонок",
            "Полные данные",
            "Успешно",
            "Отказ"
        ]
    );
    let kinds: Vec<StageKind> = leads.stages.iter().map(|s| s.kind).collect();
    assert_eq!(&kinds[4..], [StageKind::Open, StageKind::Won, StageKind::Lost]);
    assert_eq!(leads.name, "Заявки");

    let en = app.register("Acme").await;
    let deals = default_pipeline(&app, &en.access_token, PipelineKind::Deal).await;
    let names: Vec<&str> = deals.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["New", "In progress", "Proposal", "Won", "Lost"]);
    assert_eq!(stage(&deals, "proposal").position, 2);
}

#[tokio::test]
async fn an_owner_adds_renames_reorders_and_removes_stages() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Deal).await;
    let path = format!("/api/v1/pipelines/{}", pipeline.id);

    let added: Pipeline = ok_json(
        app.post(
            &format!("{path}/stages"),
            Some(token),
            &json!({"name": "Negotiation", "position": 3}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(added.stages[3].name, "Negotiation");
    assert_eq!(added.stages[3].kind, StageKind::Open);
    assert_eq!(
        added.stages.iter().map(|s| s.position).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );

    let negotiation = added.stages[3].id;
    let renamed: Pipeline = ok_json(
        app.patch(
            &format!("{path}/stages/{negotiation}"),
            token,
            &json!({"name": "Talks"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed.stages[3].name, "Talks");

    let mut order: Vec<_> = renamed.stages.iter().map(|s| s.id).collect();
    order.swap(0, 1);
    let reordered: Pipeline = ok_json(
        app.put(&format!("{path}/stages/order"), token, &json!({"stage_ids": order}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reordered.stages[0].key.as_deref(), Some("in_progress"));
    assert_eq!(reordered.stages[1].key.as_deref(), Some("new"));

    let removed: Pipeline = ok_json(
        app.delete(&format!("{path}/stages/{negotiation}"), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(removed.stages.len(), 5, "an empty stage goes without a target");
    assert!(removed.stages.iter().all(|s| s.id != negotiation));
}

#[tokio::test]
async fn removing_a_stage_moves_its_leads_to_the_target_and_keeps_that_in_their_history() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let wants_call = stage(&pipeline, "wants_call");
    let complete = stage(&pipeline, "complete_data");
    let lead = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Anna"}, "stage_id": wants_call.id}),
    )
    .await;
    let path = format!("/api/v1/pipelines/{}/stages/{}", pipeline.id, wants_call.id);

    let refused = problem(
        app.delete(&path, token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&refused, "move_to");

    let other = default_pipeline(&app, token, PipelineKind::Deal).await;
    let wrong = app
        .delete(&format!("{path}?move_to={}", other.stages[0].id), token)
        .await;
    names_field(
        &problem(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "move_to",
    );

    let after: Pipeline = ok_json(
        app.delete(&format!("{path}?move_to={}", complete.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after.stages.len(), 6);
    let moved: Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.stage_id, complete.id);
    let history: Vec<StageChange> = ok_json(
        app.get(&format!("/api/v1/leads/{}/stage-history", lead.id), token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].from_stage_id, Some(wants_call.id));
    assert_eq!(history[1].to_stage_id, complete.id);
    assert_eq!(history[1].actor_id, Some(owner.user.id));
}

#[tokio::test]
async fn changing_a_stage_kind_changes_the_status_of_the_leads_in_it() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let wants_call = stage(&pipeline, "wants_call");
    add_lead(
        &app,
        token,
        json!({"contact": {"name": "Anna"}, "stage_id": wants_call.id}),
    )
    .await;
    let path = format!("/api/v1/pipelines/{}/stages/{}", pipeline.id, wants_call.id);
    let _: Pipeline = ok_json(app.patch(&path, token, &json!({"kind": "lost"})).await, StatusCode::OK).await;
    let lost: Page<Lead> = ok_json(app.get("/api/v1/leads?status=lost", token).await, StatusCode::OK).await;
    assert_eq!(lost.total, 1);
    let open: Page<Lead> = ok_json(app.get("/api/v1/leads?status=open", token).await, StatusCode::OK).await;
    assert_eq!(open.total, 0);
}

#[tokio::test]
async fn pipelines_keep_an_open_stage_a_default_and_their_records() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let leads = default_pipeline(&app, token, PipelineKind::Lead).await;

    let no_open = app
        .post(
            "/api/v1/pipelines",
            Some(token),
            &json!({"name": "Odd", "kind": "lead", "stages": [{"name": "Done", "kind": "won"}]}),
        )
        .await;
    names_field(
        &problem(no_open, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "stages",
    );

    let blank = app
        .post(
            "/api/v1/pipelines",
            Some(token),
            &json!({"name": "Odd", "kind": "lead", "stages": [{"name": " "}]}),
        )
        .await;
    names_field(
        &problem(blank, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "stages[0].name",
    );

    let bad_kind = app
        .post(
            "/api/v1/pipelines",
            Some(token),
            &json!({"name": "Odd", "kind": "project"}),
        )
        .await;
    names_field(
        &problem(bad_kind, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "kind",
    );

    let partners: Pipeline = ok_json(
        app.post(
            "/api/v1/pipelines",
            Some(token),
            &json!({"name": "Partners", "kind": "lead"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(!partners.is_default);
    assert_eq!(partners.stages.len(), 7, "without stages it gets the default ones");

    let default = app.delete(&format!("/api/v1/pipelines/{}", leads.id), token).await;
    problem(default, StatusCode::CONFLICT, "default_pipeline").await;

    add_lead(
        &app,
        token,
        json!({"contact": {"name": "Anna"}, "pipeline_id": partners.id}),
    )
    .await;
    let busy = app.delete(&format!("/api/v1/pipelines/{}", partners.id), token).await;
    problem(busy, StatusCode::CONFLICT, "pipeline_not_empty").await;

    let made_default: Pipeline = ok_json(
        app.patch(
            &format!("/api/v1/pipelines/{}", partners.id),
            token,
            &json!({"is_default": true}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(made_default.is_default);
    let now_default = default_pipeline(&app, token, PipelineKind::Lead).await;
    assert_eq!(now_default.id, partners.id, "only one default per kind");
    let _: () = {
        let gone = app.delete(&format!("/api/v1/pipelines/{}", leads.id), token).await;
        assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    };

    let order = app
        .put(
            &format!("/api/v1/pipelines/{}/stages/order", partners.id),
            token,
            &json!({"stage_ids": [partners.stages[0].id]}),
        )
        .await;
    names_field(
        &problem(order, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "stage_ids",
    );
}

#[tokio::test]
async fn managers_read_pipelines_but_only_owners_and_heads_of_sales_edit_them() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let pipeline = default_pipeline(&app, &manager.access_token, PipelineKind::Lead).await;
    let path = format!("/api/v1/pipelines/{}/stages", pipeline.id);
    let denied = app
        .post(&path, Some(&manager.access_token), &json!({"name": "Mine"}))
        .await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
    let allowed = app
        .post(&path, Some(&head.access_token), &json!({"name": "Theirs"}))
        .await;
    assert_eq!(allowed.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn another_companys_pipeline_and_stages_are_not_found() {
    let app = spawn_app().await;
    let acme = app.register("Acme").await;
    let other = app.register("Other").await;
    let pipeline = default_pipeline(&app, &acme.access_token, PipelineKind::Lead).await;
    let token = &other.access_token;
    let path = format!("/api/v1/pipelines/{}", pipeline.id);
    problem(app.get(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, token, &json!({"name": "Mine"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let stage_path = format!("{path}/stages/{}", pipeline.stages[0].id);
    problem(app.delete(&stage_path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    let mine = default_pipeline(&app, token, PipelineKind::Lead).await;
    let foreign_stage = format!("/api/v1/pipelines/{}/stages/{}", mine.id, pipeline.stages[0].id);
    problem(
        app.patch(&foreign_stage, token, &json!({"name": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let lead = app
        .post(
            "/api/v1/leads",
            Some(token),
            &json!({"contact": {"name": "A"}, "stage_id": pipeline.stages[0].id}),
        )
        .await;
    names_field(
        &problem(lead, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "stage_id",
    );
}
