//! `GET /api/v1/ai/report`, `GET /api/v1/ai/segments`.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::ai::{SalesReport, Segment, Segments};
use voronka_types::{Permission, Problem};

use super::segments::SegmentRequest;
use super::window::{self, Company};
use super::{report, segments};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::pagination;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day (company time zone); default: 29 days before `to`.
    from: Option<NaiveDate>,
    /// Last day, inclusive; default: today. At most 1,098 days after `from`.
    to: Option<NaiveDate>,
}

/// The period's sales (revenue, orders, customers new and returning, average order value,
/// repeat-purchase rate, each against the previous period of the same length), top customers
/// and products, leads by source with their conversion, customer segments, and a narrative in
/// the company's language. Amounts are in the company's currency; purchases in other currencies
/// are counted in `other_currencies`. Needs `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(ReportQuery),
    responses(
        (status = 200, body = SalesReport),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ai/report")]
#[tracing::instrument(skip_all)]
pub async fn sales_report(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ReportQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let period = window::period(query.0.from, query.0.to, company.today)?;
    Ok(HttpResponse::Ok().json(report::build(&state.db, &company, period).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SegmentQuery {
    /// The day the history is read up to (company time zone); default: today.
    as_of: Option<NaiveDate>,
    /// Only the buyers of this segment.
    segment: Option<Segment>,
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
}

/// RFM segments of every buyer as of a day (counts and revenue share, empty segments included)
/// and the buyers (of one segment when asked), biggest spenders first, each with scores and a
/// churn risk measured against their own purchase rhythm. Needs `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(SegmentQuery),
    responses(
        (status = 200, body = Segments),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ai/segments")]
#[tracing::instrument(skip_all)]
pub async fn customer_segments(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<SegmentQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let query = query.0;
    let request = SegmentRequest {
        as_of: query.as_of.unwrap_or(company.today),
        segment: query.segment,
        cursor: query.cursor,
        limit: pagination::limit(query.limit)?,
    };
    Ok(HttpResponse::Ok().json(segments::list(&state.db, &company, request).await?))
}
