//! `/leads`: the board, the list, one lead, and changes to leads.

use voronka_types::leads::{
    BulkLeads, BulkResult, ConvertLead, ConvertedLead, CreateLead, Lead, LeadFilter, LeadSort, UpdateLead,
};
use voronka_types::pipelines::{Board, StageKind};
use voronka_types::{Direction, LeadId, Page, PipelineId, Problem};

use super::client::Call;

/// Order and page of [`list_leads`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadPage {
    /// The server's default (newest first) when absent.
    pub sort: Option<LeadSort>,
    /// The sort's natural direction when absent.
    pub direction: Option<Direction>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (the server caps it).
    pub limit: Option<u32>,
}

/// The wire name of a sort.
pub fn sort_name(sort: LeadSort) -> &'static str {
    match sort {
        LeadSort::Created => "created",
        LeadSort::Updated => "updated",
        LeadSort::Score => "score",
        LeadSort::Amount => "amount",
        LeadSort::Name => "name",
        LeadSort::LastMessage => "last_message",
        LeadSort::Position => "position",
    }
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Adds the list filters as query parameters.
fn filtered(call: Call, f: &LeadFilter) -> Call {
    call.query("q", f.q.as_deref())
        .query("pipeline_id", f.pipeline_id)
        .query("stage_id", f.stage_id)
        .query("status", f.status.map(StageKind::as_str))
        .query("owner_id", f.owner_id)
        .query("unassigned", f.unassigned)
        .query("contact_id", f.contact_id)
        .query("source", f.source.map(|s| s.as_str()))
        .query("tag", f.tag.as_deref())
        .query("temperature", f.temperature.map(|t| t.as_str()))
        .query("intent", f.intent.map(|i| i.as_str()))
        .query("handled_by", f.handled_by.map(|h| h.as_str()))
        .query("repeat", f.repeat)
        .query("awaiting_reply", f.awaiting_reply)
        .query("created_from", f.created_from.map(rfc3339))
        .query("created_to", f.created_to.map(rfc3339))
        .query("updated_from", f.updated_from.map(rfc3339))
        .query("updated_to", f.updated_to.map(rfc3339))
}

/// `GET /leads`: one page of the leads the caller may see, with the total that match.
pub async fn list_leads(filter: &LeadFilter, page: &LeadPage) -> Result<Page<Lead>, Problem> {
    filtered(Call::get("/leads"), filter)
        .query("sort", page.sort.map(sort_name))
        .query(
            "direction",
            page.direction.map(|d| match d {
                Direction::Asc => "asc",
                Direction::Desc => "desc",
            }),
        )
        .query("cursor", page.cursor.as_deref())
        .query("limit", page.limit)
        .fetch()
        .await
}

/// `GET /leads/board`: a lead pipeline as columns (the default pipeline when `pipeline` is
/// `None`), each with its count, sums and first `per_stage` cards.
pub async fn lead_board(
    pipeline: Option<PipelineId>,
    per_stage: u32,
    filter: &LeadFilter,
) -> Result<Board<Lead>, Problem> {
    filtered(Call::get("/leads/board"), filter)
        .query("pipeline_id", pipeline)
        .query("per_stage", Some(per_stage))
        .fetch()
        .await
}

/// `GET /leads/{id}`.
pub async fn get_lead(id: LeadId) -> Result<Lead, Problem> {
    Call::get(format!("/leads/{id}")).fetch().await
}

/// `POST /leads`.
pub async fn create_lead(request: &CreateLead) -> Result<Lead, Problem> {
    Call::post("/leads").json(request)?.fetch().await
}

/// `PATCH /leads/{id}`: changes the fields that are set; `stage_id` / `after_id` move it.
pub async fn update_lead(id: LeadId, request: &UpdateLead) -> Result<Lead, Problem> {
    Call::patch(format!("/leads/{id}")).json(request)?.fetch().await
}

/// `POST /leads/bulk`: assigns, moves, tags or deletes the selected leads at once.
pub async fn bulk_leads(request: &BulkLeads) -> Result<BulkResult, Problem> {
    Call::post("/leads/bulk").json(request)?.fetch().await
}

/// `POST /leads/{id}/convert`: a deal from the lead, which moves to its won stage.
pub async fn convert_lead(id: LeadId, request: &ConvertLead) -> Result<ConvertedLead, Problem> {
    Call::post(format!("/leads/{id}/convert")).json(request)?.fetch().await
}
