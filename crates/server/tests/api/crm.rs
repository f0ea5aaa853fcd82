//! Shared steps of the CRM tests: pipelines, leads and deals.

use reqwest::StatusCode;
use serde_json::Value;
use voronka_types::deals::Deal;
use voronka_types::leads::Lead;
use voronka_types::pipelines::{Pipeline, PipelineKind, Stage};

use crate::helpers::*;

/// The default pipeline of a kind.
pub async fn default_pipeline(app: &TestApp, token: &str, kind: PipelineKind) -> Pipeline {
    let all: Vec<Pipeline> = ok_json(app.get("/api/v1/pipelines", token).await, StatusCode::OK).await;
    all.into_iter()
        .find(|p| p.kind == kind && p.is_default)
        .expect("a default pipeline of the kind")
}

/// The stage of a pipeline with a seeded key (`new`, `won` …).
pub fn stage(pipeline: &Pipeline, key: &str) -> Stage {
    pipeline
        .stages
        .iter()
        .find(|s| s.key.as_deref() == Some(key))
        .cloned()
        .unwrap_or_else(|| panic!("no stage `{key}`"))
}

pub async fn add_lead(app: &TestApp, token: &str, body: Value) -> Lead {
    ok_json(app.post("/api/v1/leads", Some(token), &body).await, StatusCode::CREATED).await
}

pub async fn add_deal(app: &TestApp, token: &str, body: Value) -> Deal {
    ok_json(app.post("/api/v1/deals", Some(token), &body).await, StatusCode::CREATED).await
}
