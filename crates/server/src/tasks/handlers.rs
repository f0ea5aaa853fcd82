//! `/api/v1/tasks`.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::tasks::{CreateTask, DueFilter, Task, TaskStatus, UpdateTask};
use voronka_types::{ContactId, DealId, LeadId, Page, Problem, TaskId, UserId};

use super::list::{self, TaskCursor, TaskFilter};
use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    assignee_id: Option<UserId>,
    /// Only tasks assigned to the caller.
    mine: Option<bool>,
    status: Option<TaskStatus>,
    /// `overdue` (open, due before now), `today`, `upcoming` (tomorrow on) or `no_date`;
    /// days are the company's (its time zone).
    due: Option<DueFilter>,
    contact_id: Option<ContactId>,
    lead_id: Option<LeadId>,
    deal_id: Option<DealId>,
    /// Part of the title, any case.
    q: Option<String>,
}

/// Tasks the caller may see (assigned to or created by them, or all with `tasks.read.all`),
/// soonest due first, tasks without a due time last.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(TaskQuery),
    responses(
        (status = 200, body = Page<Task>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks")]
#[tracing::instrument(skip_all)]
pub async fn list_tasks(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<TaskQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let limit = pagination::limit(query.limit)?;
    let cursor = query.cursor.as_deref().map(TaskCursor::decode).transpose()?;
    let filter = TaskFilter {
        assignee_id: query.assignee_id,
        mine: query.mine.unwrap_or(false),
        status: query.status,
        due: query.due,
        contact_id: query.contact_id,
        lead_id: query.lead_id,
        deal_id: query.deal_id,
        q: query.q,
    };
    Ok(HttpResponse::Ok().json(list::list(&state.db, &principal, filter, cursor, limit).await?))
}

/// Adds a task. A reminder time queues a reminder for the assignee; a task for someone else
/// notifies them.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    request_body = CreateTask,
    responses(
        (status = 201, body = Task),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks")]
#[tracing::instrument(skip_all)]
pub async fn create_task(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateTask>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Created().json(service::create(&state, &principal, body.0).await?))
}

/// One task.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = TaskId, Path)),
    responses(
        (status = 200, body = Task),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks/{id}")]
#[tracing::instrument(skip_all, fields(task_id = %path))]
pub async fn get_task(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<TaskId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}

/// Changes a task; only the fields present change. A new reminder time queues a new
/// reminder (the old one does nothing); a new assignee is notified.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = TaskId, Path)),
    request_body = UpdateTask,
    responses(
        (status = 200, body = Task),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/tasks/{id}")]
#[tracing::instrument(skip_all, fields(task_id = %path))]
pub async fn update_task(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<TaskId>,
    body: ApiJson<UpdateTask>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::update(&state, &principal, path.into_inner(), body.0).await?))
}

/// Deletes a task.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = TaskId, Path)),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/tasks/{id}")]
#[tracing::instrument(skip_all, fields(task_id = %path))]
pub async fn delete_task(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<TaskId>,
) -> ApiResult<HttpResponse> {
    service::delete(&state, &principal, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks a task done (its reminder, if still pending, will do nothing).
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = TaskId, Path)),
    responses(
        (status = 200, body = Task),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks/{id}/complete")]
#[tracing::instrument(skip_all, fields(task_id = %path))]
pub async fn complete_task(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<TaskId>,
) -> ApiResult<HttpResponse> {
    let task = service::set_status(&state, &principal, path.into_inner(), TaskStatus::Completed).await?;
    Ok(HttpResponse::Ok().json(task))
}

/// Opens a completed task again.
#[utoipa::path(
    tag = "tasks",
    security(("bearer" = [])),
    params(("id" = TaskId, Path)),
    responses(
        (status = 200, body = Task),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks/{id}/reopen")]
#[tracing::instrument(skip_all, fields(task_id = %path))]
pub async fn reopen_task(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<TaskId>,
) -> ApiResult<HttpResponse> {
    let task = service::set_status(&state, &principal, path.into_inner(), TaskStatus::Open).await?;
    Ok(HttpResponse::Ok().json(task))
}
