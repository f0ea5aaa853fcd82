//! `/deals`, as far as other screens list them.

use voronka_types::deals::Deal;
use voronka_types::{ContactId, Page, Problem};

use super::client::Call;

/// `GET /deals?contact_id=`: the first page of a contact's deals, newest first.
pub async fn deals_of_contact(contact: ContactId) -> Result<Page<Deal>, Problem> {
    Call::get("/deals")
        .query("contact_id", Some(contact))
        .query("limit", Some(20))
        .fetch()
        .await
}
