//! `/api/v1/kpi` and `/api/v1/kpi/funnel`.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::kpi::{FunnelReport, Granularity, KpiReport};
use voronka_types::{PipelineId, Problem, UserId};

use super::{funnel, service};
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::startup::AppState;
use crate::worktime::report::{period, users_in_view};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// One manager; without it a manager gets their own row, owners and heads of sales the team.
    user_id: Option<UserId>,
    /// First day (company time zone); default: 6 days before `to`.
    from: Option<NaiveDate>,
    /// Last day, inclusive; default: today. At most 366 days with `from`.
    to: Option<NaiveDate>,
    /// `day`, `week` (default; weeks start on Monday) or `month`.
    granularity: Option<Granularity>,
}

/// Sales KPI per manager (the owner of the records) and for the team, per bucket and for the
/// whole period: leads received and taken into work, first-response time (median, p90), deals
/// created, won and lost, conversions, revenue won, average deal size, tasks completed and
/// overdue, active hours and results per active hour. Definitions: `docs/kpi.md`.
#[utoipa::path(
    tag = "kpi",
    security(("bearer" = [])),
    params(KpiQuery),
    responses(
        (status = 200, body = KpiReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/kpi")]
#[tracing::instrument(skip_all)]
pub async fn kpi(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<KpiQuery>,
) -> ApiResult<HttpResponse> {
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let query = query.0;
    let period = period(query.from, query.to, company.today)?;
    let managers = users_in_view(&state.db, &principal, query.user_id).await?;
    let granularity = query.granularity.unwrap_or_default();
    let report = service::build(&state.db, &company, managers, period, granularity, clock::now()).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FunnelQuery {
    /// The pipeline (of leads or of deals).
    pipeline_id: PipelineId,
    /// First day of record creation (company time zone); default: 29 days before `to`.
    from: Option<NaiveDate>,
    /// Last day, inclusive; default: today. At most 366 days with `from`.
    to: Option<NaiveDate>,
}

/// Funnel of one pipeline over the records created in the period: conversion between
/// consecutive stages (from the stage history), time in each stage (median, p90 hours),
/// drop-off reasons of lost records and leads by source with their conversion. Records as the
/// caller may read them: all with `leads.read.all` / `deals.read.all`, else their own.
#[utoipa::path(
    tag = "kpi",
    security(("bearer" = [])),
    params(FunnelQuery),
    responses(
        (status = 200, body = FunnelReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/kpi/funnel")]
#[tracing::instrument(skip_all)]
pub async fn kpi_funnel(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<FunnelQuery>,
) -> ApiResult<HttpResponse> {
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let query = query.0;
    let period = period(query.from, query.to, company.today)?;
    let report = funnel::build(&state.db, &principal, &company, query.pipeline_id, period).await?;
    Ok(HttpResponse::Ok().json(report))
}
