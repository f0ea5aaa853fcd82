//! `/contacts`: the list, one contact with its purchases and timeline, changes, duplicates and
//! merging.

use voronka_types::contacts::{
    Contact, ContactSort, CreateContact, DuplicateGroup, MergeContacts, Source, UpdateContact,
};
use voronka_types::purchases::Purchase;
use voronka_types::timeline::TimelineItem;
use voronka_types::{CompanyId, ContactId, Direction, Page, Problem, UserId};

use super::client::Call;

/// Filters, order and page of [`list_contacts`]; every one is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactQuery {
    /// Name, phone (any format) or e-mail.
    pub q: Option<String>,
    /// Only contacts of this manager.
    pub owner_id: Option<UserId>,
    /// Only contacts from this source.
    pub source: Option<Source>,
    /// Only contacts of this company.
    pub company_id: Option<CompanyId>,
    /// Only contacts with this tag.
    pub tag: Option<String>,
    /// Created at or after.
    pub created_from: Option<chrono::DateTime<chrono::Utc>>,
    /// Created before.
    pub created_to: Option<chrono::DateTime<chrono::Utc>>,
    /// The server's default (newest first) when absent.
    pub sort: Option<ContactSort>,
    /// The sort's natural direction when absent.
    pub direction: Option<Direction>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (the server caps it).
    pub limit: Option<u32>,
}

/// The wire name of a sort.
pub fn sort_name(sort: ContactSort) -> &'static str {
    match sort {
        ContactSort::Created => "created",
        ContactSort::Updated => "updated",
        ContactSort::Name => "name",
    }
}

/// The wire name of a direction.
pub fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Asc => "asc",
        Direction::Desc => "desc",
    }
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `GET /contacts`: one page of the contacts the caller may see, with the total that match.
pub async fn list_contacts(query: &ContactQuery) -> Result<Page<Contact>, Problem> {
    Call::get("/contacts")
        .query("q", query.q.as_deref())
        .query("owner_id", query.owner_id)
        .query("source", query.source.map(Source::as_str))
        .query("company_id", query.company_id)
        .query("tag", query.tag.as_deref())
        .query("created_from", query.created_from.map(rfc3339))
        .query("created_to", query.created_to.map(rfc3339))
        .query("sort", query.sort.map(sort_name))
        .query("direction", query.direction.map(direction_name))
        .query("cursor", query.cursor.as_deref())
        .query("limit", query.limit)
        .fetch()
        .await
}

/// `GET /contacts/{id}`, with its purchase figures.
pub async fn get_contact(id: ContactId) -> Result<Contact, Problem> {
    Call::get(format!("/contacts/{id}")).fetch().await
}

/// What `POST /contacts` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Created {
    /// A new contact (201).
    New(Contact),
    /// A contact with that phone or e-mail already existed and was answered instead (200).
    Existing(Contact),
}

/// `POST /contacts`: a new contact, or the existing one that has its phone or e-mail.
pub async fn create_contact(request: &CreateContact) -> Result<Created, Problem> {
    let (status, contact) = Call::post("/contacts").json(request)?.fetch_with_status().await?;
    Ok(if status == 201 {
        Created::New(contact)
    } else {
        Created::Existing(contact)
    })
}

/// `PATCH /contacts/{id}`: changes the fields that are set.
pub async fn update_contact(id: ContactId, request: &UpdateContact) -> Result<Contact, Problem> {
    Call::patch(format!("/contacts/{id}")).json(request)?.fetch().await
}

/// `DELETE /contacts/{id}` (refused with `contact_has_purchases` for a customer).
pub async fn delete_contact(id: ContactId) -> Result<(), Problem> {
    Call::delete(format!("/contacts/{id}")).fetch_empty().await
}

/// `GET /contacts/{id}/purchases`: one page, newest first.
pub async fn contact_purchases(id: ContactId, cursor: Option<String>) -> Result<Page<Purchase>, Problem> {
    Call::get(format!("/contacts/{id}/purchases"))
        .query("cursor", cursor)
        .query("limit", Some(10))
        .fetch()
        .await
}

/// `GET /contacts/{id}/timeline`: one page, newest first.
pub async fn contact_timeline(id: ContactId, cursor: Option<String>) -> Result<Page<TimelineItem>, Problem> {
    Call::get(format!("/contacts/{id}/timeline"))
        .query("cursor", cursor)
        .query("limit", Some(30))
        .fetch()
        .await
}

/// `GET /contacts/duplicates`: groups of contacts that look like one person.
pub async fn duplicates(cursor: Option<String>) -> Result<Page<DuplicateGroup>, Problem> {
    Call::get("/contacts/duplicates")
        .query("cursor", cursor)
        .query("limit", Some(50))
        .fetch()
        .await
}

/// `POST /contacts/{keep}/merge`: `other` is merged into `keep` and deleted.
pub async fn merge(keep: ContactId, other: ContactId) -> Result<Contact, Problem> {
    Call::post(format!("/contacts/{keep}/merge"))
        .json(&MergeContacts { other_id: other })?
        .fetch()
        .await
}
