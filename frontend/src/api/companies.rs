//! `/companies`: the list, one company, and changes.

use voronka_types::contacts::{Company, CreateCompany, UpdateCompany};
use voronka_types::{CompanyId, Page, Problem};

use super::client::Call;

/// `GET /companies`: one page, name or domain matching `q`.
pub async fn list_companies(q: Option<String>, cursor: Option<String>) -> Result<Page<Company>, Problem> {
    Call::get("/companies")
        .query("q", q)
        .query("sort", Some("name"))
        .query("cursor", cursor)
        .query("limit", Some(50))
        .fetch()
        .await
}

/// `GET /companies/{id}`.
pub async fn get_company(id: CompanyId) -> Result<Company, Problem> {
    Call::get(format!("/companies/{id}")).fetch().await
}

/// `POST /companies`.
pub async fn create_company(request: &CreateCompany) -> Result<Company, Problem> {
    Call::post("/companies").json(request)?.fetch().await
}

/// `PATCH /companies/{id}`.
pub async fn update_company(id: CompanyId, request: &UpdateCompany) -> Result<Company, Problem> {
    Call::patch(format!("/companies/{id}")).json(request)?.fetch().await
}

/// `DELETE /companies/{id}`.
pub async fn delete_company(id: CompanyId) -> Result<(), Problem> {
    Call::delete(format!("/companies/{id}")).fetch_empty().await
}
