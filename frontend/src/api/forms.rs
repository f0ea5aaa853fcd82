//! `/forms`: web forms that turn a site's submissions into leads.

use voronka_types::forms::{CreateForm, Form, FormSnippet, UpdateForm};
use voronka_types::{FormId, Problem};

use super::client::Call;

/// `GET /forms`.
pub async fn list_forms() -> Result<Vec<Form>, Problem> {
    Call::get("/forms").fetch().await
}

/// `POST /forms`.
pub async fn create_form(request: &CreateForm) -> Result<Form, Problem> {
    Call::post("/forms").json(request)?.fetch().await
}

/// `PATCH /forms/{id}`: changes only the fields that are set.
pub async fn update_form(id: FormId, request: &UpdateForm) -> Result<Form, Problem> {
    Call::patch(format!("/forms/{id}")).json(request)?.fetch().await
}

/// `DELETE /forms/{id}`.
pub async fn delete_form(id: FormId) -> Result<(), Problem> {
    Call::delete(format!("/forms/{id}")).fetch_empty().await
}

/// `POST /forms/{id}/regenerate-key`: the old public address stops working at once.
pub async fn regenerate_form_key(id: FormId) -> Result<Form, Problem> {
    Call::post(format!("/forms/{id}/regenerate-key")).fetch().await
}

/// `GET /forms/{id}/snippet`: the HTML to paste into the company's site.
pub async fn form_snippet(id: FormId) -> Result<FormSnippet, Problem> {
    Call::get(format!("/forms/{id}/snippet")).fetch().await
}
