//! Saved report-builder queries: own and shared, changed only by the author and the owner,
//! invisible to other companies.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Role;
use voronka_types::reports::{ReportEntity, SavedReport};

use crate::helpers::*;

fn by_source(name: &str, shared: bool) -> serde_json::Value {
    json!({"name": name, "shared": shared,
           "query": {"entity": "leads", "group_by": [{"field": "source"}], "measures": [{"fn": "count"}]}})
}

#[tokio::test]
async fn a_shared_report_is_seen_by_the_team_but_changed_only_by_its_author_or_the_owner() {
    let app = spawn_app().await;
    let owner = app.register("Saved Co").await;
    let t = owner.access_token.as_str();
    let (_, manager) = app.user_with_role(t, Role::Manager).await;
    let m = manager.access_token.as_str();
    let shared: SavedReport = ok_json(
        app.post("/api/v1/reports/saved", Some(t), &by_source("Leads by source", true))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(shared.query.entity, ReportEntity::Leads);
    let private: SavedReport = ok_json(
        app.post("/api/v1/reports/saved", Some(m), &by_source("Mine", false))
            .await,
        StatusCode::CREATED,
    )
    .await;

    let seen: Vec<SavedReport> = ok_json(app.get("/api/v1/reports/saved", m).await, StatusCode::OK).await;
    assert_eq!(
        seen.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["Mine", "Leads by source"]
    );
    let owner_sees: Vec<SavedReport> = ok_json(app.get("/api/v1/reports/saved", t).await, StatusCode::OK).await;
    assert_eq!(owner_sees.len(), 1, "a private report stays with its author");
    let path = format!("/api/v1/reports/saved/{}", shared.id.0);
    let read: SavedReport = ok_json(app.get(&path, m).await, StatusCode::OK).await;
    assert_eq!(read, shared);
    problem(
        app.patch(&path, m, &json!({"name": "Hijacked"})).await,
        StatusCode::FORBIDDEN,
        "not_author",
    )
    .await;
    problem(app.delete(&path, m).await, StatusCode::FORBIDDEN, "not_author").await;

    let renamed: SavedReport = ok_json(
        app.patch(&path, t, &json!({"name": "By source", "shared": false}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((renamed.name.as_str(), renamed.shared), ("By source", false));
    problem(app.get(&path, m).await, StatusCode::NOT_FOUND, "not_found").await;
    let own = format!("/api/v1/reports/saved/{}", private.id.0);
    assert_eq!(app.delete(&own, m).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get(&own, m).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_saved_report_needs_a_name_and_a_valid_query() {
    let app = spawn_app().await;
    let owner = app.register("Saved Bad").await;
    let t = owner.access_token.as_str();
    let response = app
        .post("/api/v1/reports/saved", Some(t), &by_source("  ", false))
        .await;
    names_field(
        &problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "name",
    );
    let body = json!({"name": "Bad", "query": {"entity": "leads", "group_by": [{"field": "secret"}]}});
    let response = app.post("/api/v1/reports/saved", Some(t), &body).await;
    names_field(
        &problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "query.group_by[0].field",
    );
}

#[tokio::test]
async fn another_companys_saved_report_is_not_found() {
    let app = spawn_app().await;
    let ours = app.register("Ours").await;
    let theirs = app.register("Theirs").await;
    let report: SavedReport = ok_json(
        app.post(
            "/api/v1/reports/saved",
            Some(&theirs.access_token),
            &by_source("Theirs", true),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/reports/saved/{}", report.id.0);
    let t = ours.access_token.as_str();
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, t, &json!({"name": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(app.delete(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
    let listed: Vec<SavedReport> = ok_json(app.get("/api/v1/reports/saved", t).await, StatusCode::OK).await;
    assert!(listed.is_empty());
}
