//! `/reports`: the report builder's fields, queries, exports and saved reports.

use voronka_types::reports::{
    NewSavedReport, ReportEntity, ReportFieldInfo, ReportQuery, ReportTable, SavedReport, SavedReportChanges,
};
use voronka_types::{Problem, SavedReportId};

use super::client::Call;

/// `GET /reports/fields?entity=…&lang=…`: what the builder may offer for `entity`, labelled in
/// `lang` (`ru`/`en`).
pub async fn fields(entity: ReportEntity, lang: &'static str) -> Result<Vec<ReportFieldInfo>, Problem> {
    let name = crate::pages::reports::model::entity_name(entity);
    Call::get("/reports/fields")
        .query("entity", Some(name))
        .query("lang", Some(lang))
        .fetch()
        .await
}

/// `POST /reports/query`.
pub async fn query(query: &ReportQuery) -> Result<ReportTable, Problem> {
    Call::post("/reports/query").json(query)?.fetch().await
}

/// `POST /reports/query/export?format=csv|xlsx`: the file's bytes.
pub async fn export(query: &ReportQuery, format: &'static str) -> Result<Vec<u8>, Problem> {
    Call::post("/reports/query/export")
        .query("format", Some(format))
        .json(query)?
        .fetch_bytes()
        .await
}

/// `GET /reports/saved`: mine and the team's shared ones.
pub async fn saved() -> Result<Vec<SavedReport>, Problem> {
    Call::get("/reports/saved").fetch().await
}

/// `POST /reports/saved`.
pub async fn save(report: &NewSavedReport) -> Result<SavedReport, Problem> {
    Call::post("/reports/saved").json(report)?.fetch().await
}

/// `PATCH /reports/saved/{id}`.
pub async fn update(id: SavedReportId, changes: &SavedReportChanges) -> Result<SavedReport, Problem> {
    Call::patch(format!("/reports/saved/{id}")).json(changes)?.fetch().await
}

/// `DELETE /reports/saved/{id}`.
pub async fn delete(id: SavedReportId) -> Result<(), Problem> {
    Call::delete(format!("/reports/saved/{id}")).fetch_empty().await
}
