//! `/api/v1/worktime` and `/api/v1/users/{id}/schedule`.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use sea_orm::TransactionTrait;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::worktime::{SetWorkSchedule, WorkSchedule, WorkTimeReport};
use voronka_types::{Problem, UserId};

use super::{activity, report, schedule};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::startup::AppState;

/// A user's weekly work schedule in the company's time zone (the default Monday–Friday
/// 09:00–18:00 until one is set). Users read their own; owners and heads of sales anyone's.
#[utoipa::path(
    tag = "worktime",
    security(("bearer" = [])),
    params(("id" = UserId, Path)),
    responses(
        (status = 200, body = WorkSchedule),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}/schedule")]
#[tracing::instrument(skip_all, fields(user_id = %path))]
pub async fn get_schedule(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<UserId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(schedule::get(&state.db, &principal, path.into_inner()).await?))
}

/// Replaces a user's work schedule: per weekday `{start, end}` as `HH:MM` or `null` for a day
/// off. Owners and heads of sales (`users.manage`); audited.
#[utoipa::path(
    tag = "worktime",
    security(("bearer" = [])),
    params(("id" = UserId, Path)),
    request_body = SetWorkSchedule,
    responses(
        (status = 200, body = WorkSchedule),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/users/{id}/schedule")]
#[tracing::instrument(skip_all, fields(user_id = %path))]
pub async fn set_schedule(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<UserId>,
    body: ApiJson<SetWorkSchedule>,
) -> ApiResult<HttpResponse> {
    let txn = state.db.begin().await?;
    let saved = schedule::set(&txn, &principal, path.into_inner(), body.0).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(saved))
}

/// Records that the signed-in user is active now (the PWA sends it about once a minute while
/// in use). Extends the current work session, or opens a new one after an idle gap. The body
/// may be empty.
#[utoipa::path(
    tag = "worktime",
    security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/worktime/heartbeat")]
#[tracing::instrument(skip_all)]
pub async fn heartbeat(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    let (user, _) = principal.require_user()?;
    let tenant = principal.tenant()?;
    let zone = activity::zone_of(&state.db, tenant).await?;
    let gap = activity::idle_gap(&state.config);
    activity::record(&state.db, tenant, user, zone, clock::now(), gap).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkTimeQuery {
    /// One user; without it a manager gets their own, owners and heads of sales the team.
    user_id: Option<UserId>,
    /// First day (company time zone); default: 6 days before `to`.
    from: Option<NaiveDate>,
    /// Last day, inclusive; default: today. At most 366 days with `from`.
    to: Option<NaiveDate>,
}

/// Who worked when: per user and day first in, last out, active and idle minutes, sessions,
/// late start, early leave and overtime against the schedule; totals and "online now".
#[utoipa::path(
    tag = "worktime",
    security(("bearer" = [])),
    params(WorkTimeQuery),
    responses(
        (status = 200, body = WorkTimeReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/worktime")]
#[tracing::instrument(skip_all)]
pub async fn work_time(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<WorkTimeQuery>,
) -> ApiResult<HttpResponse> {
    let tenant = principal.tenant()?;
    let zone = activity::zone_of(&state.db, tenant).await?;
    let now = clock::now();
    let period = report::period(query.0.from, query.0.to, now.with_timezone(&zone).date_naive())?;
    let users = report::users_in_view(&state.db, &principal, query.0.user_id).await?;
    let gap = activity::idle_gap(&state.config);
    Ok(HttpResponse::Ok().json(report::build(&state.db, tenant, users, period, now, gap).await?))
}
