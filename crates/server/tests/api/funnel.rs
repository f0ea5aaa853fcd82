//! Funnel analytics of a pipeline over a fixed week: stage conversion from the stage history,
//! time in each stage, drop-off reasons and leads by source.

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;
use voronka_server::{deals, leads, pipelines};
use voronka_types::kpi::{DropOffReason, FunnelReport};
use voronka_types::pipelines::{Pipeline, PipelineKind};
use voronka_types::{Role, TenantId};

use crate::crm::{add_deal, default_pipeline, stage};
use crate::helpers::*;
use crate::kpi::{a_moscow_shop, lead_at};
use crate::worktime::{msk, tenant_of};

use pipelines::entity::stage_change::{Column as ChangeColumn, Entity as StageChanges};

/// A deal created on Monday 9 November 10:00 that went through `path` (stage key, Moscow time)
/// and ended as `status` with `reason`.
async fn deal_through(
    app: &TestApp,
    token: &str,
    tenant: TenantId,
    pipeline: &Pipeline,
    path: &[(&str, &str)],
    status: &str,
    reason: Option<&str>,
) {
    let deal = add_deal(app, token, json!({"title": "Funnel deal"})).await;
    StageChanges::delete_many()
        .filter(ChangeColumn::RecordId.eq(deal.id.0))
        .exec(&app.state.db)
        .await
        .unwrap();
    let mut from = None;
    for (key, at) in path {
        let to = stage(pipeline, key).id.0;
        change(app, tenant, pipeline, deal.id.0, from, to, msk(at)).await;
        from = Some(to);
    }
    deals::entity::Entity::update_many()
        .col_expr(deals::entity::Column::CreatedAt, Expr::value(msk("2026-11-09 10:00")))
        .col_expr(deals::entity::Column::StageId, Expr::value(from.unwrap()))
        .col_expr(deals::entity::Column::Status, Expr::value(status))
        .col_expr(
            deals::entity::Column::CloseReason,
            Expr::value(reason.map(str::to_owned)),
        )
        .filter(deals::entity::Column::Id.eq(deal.id.0))
        .exec(&app.state.db)
        .await
        .unwrap();
}

async fn change(
    app: &TestApp,
    tenant: TenantId,
    pipeline: &Pipeline,
    record: Uuid,
    from: Option<Uuid>,
    to: Uuid,
    at: DateTime<Utc>,
) {
    pipelines::entity::stage_change::ActiveModel {
        tenant_id: Set(tenant.0),
        entity: Set("deal".into()),
        record_id: Set(record),
        pipeline_id: Set(pipeline.id.0),
        from_stage_id: Set(from),
        to_stage_id: Set(to),
        actor_id: Set(None),
        changed_at: Set(at),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

fn funnel_path(pipeline: &Pipeline) -> String {
    format!(
        "/api/v1/kpi/funnel?pipeline_id={}&from=2026-11-09&to=2026-11-15",
        pipeline.id
    )
}

#[tokio::test]
async fn the_deal_funnel_converts_stage_to_stage_and_times_each_stay() {
    let app = spawn_app().await;
    let owner = a_moscow_shop(&app).await;
    let token = &owner.access_token;
    let tenant = tenant_of(&owner);
    let pipeline = default_pipeline(&app, token, PipelineKind::Deal).await;
    let d1 = [
        ("new", "2026-11-09 10:00"),
        ("in_progress", "2026-11-09 12:00"),
        ("proposal", "2026-11-10 10:00"),
        ("won", "2026-11-11 10:00"),
    ];
    deal_through(&app, token, tenant, &pipeline, &d1, "won", None).await;
    let d2 = [
        ("new", "2026-11-09 10:00"),
        ("in_progress", "2026-11-09 14:00"),
        ("lost", "2026-11-10 10:00"),
    ];
    deal_through(&app, token, tenant, &pipeline, &d2, "lost", Some("Too expensive")).await;
    let d3 = [("new", "2026-11-09 10:00"), ("lost", "2026-11-09 11:00")];
    deal_through(&app, token, tenant, &pipeline, &d3, "lost", Some("Too expensive")).await;
    let d4 = [("new", "2026-11-09 10:00")];
    deal_through(&app, token, tenant, &pipeline, &d4, "open", None).await;

    let report: FunnelReport = ok_json(app.get(&funnel_path(&pipeline), token).await, StatusCode::OK).await;
    assert_eq!(report.records, 4);
    let keys: Vec<&str> = report.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        keys,
        ["Новая", "В работе", "Предложение", "Успешно"],
        "lost stages are not steps"
    );
    let reached: Vec<u64> = report.stages.iter().map(|s| s.reached).collect();
    assert_eq!(reached, [4, 2, 1, 1]);
    let conversion: Vec<Option<f64>> = report.stages.iter().map(|s| s.conversion).collect();
    assert_eq!(conversion, [Some(0.5), Some(0.5), Some(1.0), None]);
    // New: 2 h, 4 h, 1 h. In progress: 22 h, 20 h. Proposal: 24 h.
    let new = &report.stages[0];
    assert_eq!((new.median_hours, new.p90_hours), (Some(2.0), Some(3.6)));
    let in_progress = &report.stages[1];
    assert_eq!(
        (in_progress.median_hours, in_progress.p90_hours),
        (Some(21.0), Some(21.8))
    );
    assert_eq!(report.stages[2].median_hours, Some(24.0));
    assert_eq!(report.stages[3].median_hours, None);
    assert_eq!(
        report.drop_off_reasons,
        [DropOffReason {
            reason: Some("Too expensive".into()),
            count: 2
        }]
    );
    assert!(report.sources.is_empty());
}

#[tokio::test]
async fn the_lead_funnel_shows_sources_with_their_conversion() {
    let app = spawn_app().await;
    let owner = a_moscow_shop(&app).await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let me = owner.user.id;
    let won = lead_at(&app, token, me, "2026-11-09 10:00", "website").await;
    lead_at(&app, token, me, "2026-11-10 10:00", "website").await;
    lead_at(&app, token, me, "2026-11-11 10:00", "instagram").await;
    lead_at(&app, token, me, "2026-11-20 10:00", "instagram").await;
    leads::entity::Entity::update_many()
        .col_expr(leads::entity::Column::Status, Expr::value("won"))
        .col_expr(
            leads::entity::Column::StageId,
            Expr::value(stage(&pipeline, "won").id.0),
        )
        .filter(leads::entity::Column::Id.eq(won))
        .exec(&app.state.db)
        .await
        .unwrap();
    let report: FunnelReport = ok_json(app.get(&funnel_path(&pipeline), token).await, StatusCode::OK).await;
    assert_eq!(report.records, 3, "the lead of 20 November is outside the week");
    let sources: Vec<(&str, u64, u64, Option<f64>)> = report
        .sources
        .iter()
        .map(|s| (s.source.as_str(), s.leads, s.won, s.conversion))
        .collect();
    assert_eq!(sources, [("website", 2, 1, Some(0.5)), ("instagram", 1, 0, Some(0.0))]);
    assert_eq!(report.stages.last().unwrap().reached, 1);
}

#[tokio::test]
async fn funnels_need_read_access_and_hide_other_companies_pipelines() {
    let app = spawn_app().await;
    let owner = a_moscow_shop(&app).await;
    let pipeline = default_pipeline(&app, &owner.access_token, PipelineKind::Deal).await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let own: FunnelReport = ok_json(
        app.get(&funnel_path(&pipeline), &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(own.records, 0);
    let stripped = app
        .put(
            "/api/v1/roles/manager/permissions",
            &owner.access_token,
            &json!({"permissions": ["leads.read.own"]}),
        )
        .await;
    assert_eq!(stripped.status(), StatusCode::OK);
    let manager = app.login(&manager.user.email, PASSWORD).await;
    let denied = app.get(&funnel_path(&pipeline), &manager.access_token).await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;

    let other = app.register("Other Co").await;
    problem(
        app.get(&funnel_path(&pipeline), &other.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let reversed = format!(
        "/api/v1/kpi/funnel?pipeline_id={}&from=2026-11-20&to=2026-11-19",
        pipeline.id
    );
    let reversed = problem(
        app.get(&reversed, &owner.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&reversed, "from");
    let missing = problem(
        app.get("/api/v1/kpi/funnel", &owner.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&missing, "pipeline_id");
}
