//! `/tasks`: the caller's own tasks, creating one, completing and reopening.

use voronka_types::tasks::{CreateTask, Task, TaskStatus};
use voronka_types::{Page, Problem, TaskId};

use super::client::Call;

/// `GET /tasks?mine=true&status=…&limit=200`: the caller's tasks in one status, soonest due
/// first (tasks without a due time last).
pub async fn mine(status: TaskStatus) -> Result<Page<Task>, Problem> {
    Call::get("/tasks")
        .query("mine", Some(true))
        .query("status", Some(status.as_str()))
        .query("limit", Some(200))
        .fetch()
        .await
}

/// `POST /tasks`.
pub async fn create(task: &CreateTask) -> Result<Task, Problem> {
    Call::post("/tasks").json(task)?.fetch().await
}

/// `POST /tasks/{id}/complete`.
pub async fn complete(id: TaskId) -> Result<Task, Problem> {
    Call::post(format!("/tasks/{id}/complete")).fetch().await
}

/// `POST /tasks/{id}/reopen`.
pub async fn reopen(id: TaskId) -> Result<Task, Problem> {
    Call::post(format!("/tasks/{id}/reopen")).fetch().await
}
