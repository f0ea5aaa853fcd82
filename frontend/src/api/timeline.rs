//! A lead's story and what is added to it: `/leads/{id}/timeline`, notes and logged calls,
//! tasks, and messages.

use voronka_types::tasks::{CreateTask, Task};
use voronka_types::timeline::{CreateMessage, CreateNote, Message, Note, TimelineItem};
use voronka_types::{LeadId, Page, Problem};

use super::client::Call;

/// `GET /leads/{id}/timeline`: one page, newest first.
pub async fn lead_timeline(id: LeadId, cursor: Option<String>) -> Result<Page<TimelineItem>, Problem> {
    Call::get(format!("/leads/{id}/timeline"))
        .query("cursor", cursor)
        .query("limit", Some(30))
        .fetch()
        .await
}

/// `POST /notes`: a note, or a logged call when `call` is set.
pub async fn create_note(request: &CreateNote) -> Result<Note, Problem> {
    Call::post("/notes").json(request)?.fetch().await
}

/// `POST /tasks`.
pub async fn create_task(request: &CreateTask) -> Result<Task, Problem> {
    Call::post("/tasks").json(request)?.fetch().await
}

/// `POST /leads/{id}/messages`: a message that came in or went out outside Voronka.
pub async fn record_message(lead: LeadId, request: &CreateMessage) -> Result<Message, Problem> {
    Call::post(format!("/leads/{lead}/messages"))
        .json(request)?
        .fetch()
        .await
}
