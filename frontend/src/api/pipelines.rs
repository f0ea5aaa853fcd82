//! `/pipelines`: the sales funnels and their stages.

use voronka_types::Problem;
use voronka_types::pipelines::{Pipeline, PipelineKind};

use super::client::Call;

/// `GET /pipelines?kind=…`: every pipeline of that kind, stages in order.
pub async fn list_pipelines(kind: PipelineKind) -> Result<Vec<Pipeline>, Problem> {
    Call::get("/pipelines").query("kind", Some(kind.as_str())).fetch().await
}
