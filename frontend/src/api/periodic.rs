//! `/reports` (periodic): the daily, weekly and monthly activity reports the server writes.

use voronka_types::periodic::{PeriodicKind, PeriodicReport, PeriodicReportSummary};
use voronka_types::{Page, PeriodicReportId, Problem};

use super::client::Call;

/// `GET /reports?kind&cursor&limit`: newest period first.
pub async fn list(
    kind: Option<PeriodicKind>,
    cursor: Option<String>,
    limit: u32,
) -> Result<Page<PeriodicReportSummary>, Problem> {
    Call::get("/reports")
        .query("kind", kind.map(PeriodicKind::as_str))
        .query("cursor", cursor)
        .query("limit", Some(limit))
        .fetch()
        .await
}

/// `GET /reports/{id}`: the whole report as the caller may see it.
pub async fn get(id: PeriodicReportId) -> Result<PeriodicReport, Problem> {
    Call::get(format!("/reports/{id}")).fetch().await
}

/// `GET /reports/{id}/export?format=csv|xlsx`: the file's bytes.
pub async fn export(id: PeriodicReportId, format: &'static str) -> Result<Vec<u8>, Problem> {
    Call::get(format!("/reports/{id}/export"))
        .query("format", Some(format))
        .fetch_bytes()
        .await
}
