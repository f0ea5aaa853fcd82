//! `GET /api/v1/ai/recommendations`, `POST …/{id}/apply`, `POST …/{id}/dismiss`.

use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::ai::{AppliedRecommendation, Recommendations};
use voronka_types::{Permission, Problem};

use super::{apply, list};
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecommendationQuery {
    /// The day the history is read up to (company time zone); default: today. Advice about
    /// leads waiting for replies is given only as of today.
    as_of: Option<NaiveDate>,
}

/// Concrete actions, highest priority first, each with the figures behind it and what it
/// concerns: call the buyers who stopped buying (`win_back_customers`), reply to a manager's
/// hot leads (`reply_faster:<user id>`), look into a source that converts far worse than the
/// best (`improve_source:<source>`). Applied or dismissed ones stay away for 30 days. Needs
/// `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(RecommendationQuery),
    responses(
        (status = 200, body = Recommendations),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ai/recommendations")]
#[tracing::instrument(skip_all)]
pub async fn list_recommendations(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<RecommendationQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let as_of = query.0.as_of.unwrap_or(company.today);
    Ok(HttpResponse::Ok().json(list(&state.db, &company, as_of, clock::now()).await?))
}

/// Creates the tasks today's recommendation proposes (for the manager of each contact or
/// lead, else for the caller) in one transaction, and hides it. 404 when there is no such
/// recommendation today; 409 `nothing_to_apply` for advice-only ones. Needs `reports.read` and
/// `tasks.write`, as a signed-in user.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The recommendation's id, e.g. `win_back_customers`")),
    responses(
        (status = 201, body = AppliedRecommendation),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ai/recommendations/{id}/apply")]
#[tracing::instrument(skip_all, fields(recommendation = %path))]
pub async fn apply_recommendation(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let applied = apply::apply(&state, &principal, &company, &path).await?;
    Ok(HttpResponse::Created().json(applied))
}

/// Hides today's recommendation for 30 days without acting on it. Needs `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(("id" = String, Path, description = "The recommendation's id")),
    responses(
        (status = 204),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ai/recommendations/{id}/dismiss")]
#[tracing::instrument(skip_all, fields(recommendation = %path))]
pub async fn dismiss_recommendation(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    apply::dismiss(&state, &principal, &company, &path).await?;
    Ok(HttpResponse::NoContent().finish())
}
