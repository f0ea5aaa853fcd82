//! `/kpi` and `/worktime`: sales figures per manager, the funnel, work time and schedules.

use chrono::NaiveDate;
use voronka_types::kpi::{FunnelReport, Granularity, KpiReport};
use voronka_types::tasks::Task;
use voronka_types::worktime::{SetWorkSchedule, WorkSchedule, WorkTimeReport};
use voronka_types::{Page, PipelineId, Problem, UserId};

use super::client::Call;

/// The wire name of a KPI bucket size.
pub fn granularity_name(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
    }
}

/// `GET /kpi`: figures per manager in view and for the team over `from ..= to`.
pub async fn kpi(
    from: NaiveDate,
    to: NaiveDate,
    user_id: Option<UserId>,
    granularity: Granularity,
) -> Result<KpiReport, Problem> {
    Call::get("/kpi")
        .query("from", Some(from))
        .query("to", Some(to))
        .query("user_id", user_id)
        .query("granularity", Some(granularity_name(granularity)))
        .fetch()
        .await
}

/// `GET /kpi/funnel`: stage conversion and leads by source of one pipeline.
pub async fn funnel(pipeline_id: PipelineId, from: NaiveDate, to: NaiveDate) -> Result<FunnelReport, Problem> {
    Call::get("/kpi/funnel")
        .query("pipeline_id", Some(pipeline_id))
        .query("from", Some(from))
        .query("to", Some(to))
        .fetch()
        .await
}

/// `GET /worktime`: work time per user per day (only the caller's without `users.manage`).
pub async fn worktime(user_id: Option<UserId>, from: NaiveDate, to: NaiveDate) -> Result<WorkTimeReport, Problem> {
    Call::get("/worktime")
        .query("user_id", user_id)
        .query("from", Some(from))
        .query("to", Some(to))
        .fetch()
        .await
}

/// `POST /worktime/heartbeat`: the app is in use.
pub async fn heartbeat() -> Result<(), Problem> {
    Call::post("/worktime/heartbeat").fetch_empty().await
}

/// `GET /users/{id}/schedule`.
pub async fn schedule(user_id: UserId) -> Result<WorkSchedule, Problem> {
    Call::get(format!("/users/{user_id}/schedule")).fetch().await
}

/// `PUT /users/{id}/schedule` (owners and heads of sales).
pub async fn set_schedule(user_id: UserId, request: &SetWorkSchedule) -> Result<WorkSchedule, Problem> {
    Call::put(format!("/users/{user_id}/schedule"))
        .json(request)?
        .fetch()
        .await
}

/// `GET /tasks?mine&due=today&status=open`: the caller's open tasks due today.
pub async fn tasks_due_today() -> Result<Page<Task>, Problem> {
    Call::get("/tasks")
        .query("mine", Some(true))
        .query("due", Some("today"))
        .query("status", Some("open"))
        .query("limit", Some(20))
        .fetch()
        .await
}
