//! `/deals`: the list, the board, one deal, its stage history, and changes to deals.

use voronka_types::deals::{CreateDeal, Deal, DealFilter, DealSort, UpdateDeal};
use voronka_types::pipelines::{Board, StageChange, StageKind};
use voronka_types::{ContactId, DealId, Direction, Page, PipelineId, Problem};

use super::client::Call;
use super::contacts::direction_name;

/// Order and page of [`list_deals`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealPage {
    /// The server's default (newest first) when absent.
    pub sort: Option<DealSort>,
    /// The sort's natural direction when absent.
    pub direction: Option<Direction>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (the server caps it).
    pub limit: Option<u32>,
}

/// The wire name of a sort.
pub fn deal_sort_name(sort: DealSort) -> &'static str {
    match sort {
        DealSort::Created => "created",
        DealSort::Updated => "updated",
        DealSort::Amount => "amount",
        DealSort::Title => "title",
        DealSort::ExpectedClose => "expected_close",
        DealSort::Position => "position",
    }
}

/// Adds the list filters as query parameters (the ones the deal screens use).
fn filtered(call: Call, f: &DealFilter) -> Call {
    call.query("q", f.q.as_deref())
        .query("pipeline_id", f.pipeline_id)
        .query("stage_id", f.stage_id)
        .query("status", f.status.map(StageKind::as_str))
        .query("owner_id", f.owner_id)
        .query("contact_id", f.contact_id)
        .query("company_id", f.company_id)
        .query("tag", f.tag.as_deref())
        .query("close_from", f.close_from)
        .query("close_to", f.close_to)
}

/// `GET /deals`: one page of the deals the caller may see, with the total that match.
pub async fn list_deals(filter: &DealFilter, page: &DealPage) -> Result<Page<Deal>, Problem> {
    filtered(Call::get("/deals"), filter)
        .query("sort", page.sort.map(deal_sort_name))
        .query("direction", page.direction.map(direction_name))
        .query("cursor", page.cursor.as_deref())
        .query("limit", page.limit)
        .fetch()
        .await
}

/// `GET /deals?contact_id=`: the first page of a contact's deals, newest first.
pub async fn deals_of_contact(contact: ContactId) -> Result<Page<Deal>, Problem> {
    Call::get("/deals")
        .query("contact_id", Some(contact))
        .query("limit", Some(20))
        .fetch()
        .await
}

/// `GET /deals/board`: a deal pipeline as columns, each with its count, sums and first
/// `per_stage` cards.
pub async fn deal_board(
    pipeline: Option<PipelineId>,
    per_stage: u32,
    filter: &DealFilter,
) -> Result<Board<Deal>, Problem> {
    filtered(Call::get("/deals/board"), filter)
        .query("pipeline_id", pipeline)
        .query("per_stage", Some(per_stage))
        .fetch()
        .await
}

/// `GET /deals/{id}`.
pub async fn get_deal(id: DealId) -> Result<Deal, Problem> {
    Call::get(format!("/deals/{id}")).fetch().await
}

/// `POST /deals`.
pub async fn create_deal(request: &CreateDeal) -> Result<Deal, Problem> {
    Call::post("/deals").json(request)?.fetch().await
}

/// `PATCH /deals/{id}`: changes the fields that are set; `stage_id` / `after_id` move it (a lost
/// stage needs `close_reason`).
pub async fn update_deal(id: DealId, request: &UpdateDeal) -> Result<Deal, Problem> {
    Call::patch(format!("/deals/{id}")).json(request)?.fetch().await
}

/// `DELETE /deals/{id}`.
pub async fn delete_deal(id: DealId) -> Result<(), Problem> {
    Call::delete(format!("/deals/{id}")).fetch_empty().await
}

/// `GET /deals/{id}/stage-history`: every move, oldest first.
pub async fn deal_stage_history(id: DealId) -> Result<Vec<StageChange>, Problem> {
    Call::get(format!("/deals/{id}/stage-history")).fetch().await
}
