//! `GET /api/v1/ai/report`, `…/segments`, `…/trends`, `…/forecast`, `POST /api/v1/ai/classify`.

use actix_web::{HttpResponse, get, post, web};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::ai::{
    ClassifyRequest, Granularity, LeadClassification, Metric, SalesForecast, SalesReport, Segment, Segments, Trend,
};
use voronka_types::{Permission, Problem};

use super::segments::SegmentRequest;
use super::window::{self, Company};
use super::{classify, report, segments, trends};
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
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
/// the company's language (written by the server's LLM from the figures when one is configured
/// and every number it states is one of them; else composed by rules). Amounts are in the company's currency; purchases in other currencies
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
    Ok(HttpResponse::Ok().json(report::build(state.llm.as_ref(), &state.db, &company, period).await?))
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrendQuery {
    metric: Metric,
    /// Default `week`.
    granularity: Option<Granularity>,
    /// First day (company time zone); default: 364 days before `to`.
    from: Option<NaiveDate>,
    /// Last day, inclusive; default: today. At most 1,098 days after `from`.
    to: Option<NaiveDate>,
}

/// A metric's series over the period (buckets start on the period's first day's bucket; weeks
/// on Mondays), its trend (Theil–Sen slope, Mann–Kendall significance; `flat` when not
/// significant), seasonality found (weekday, month of year) and anomalies (buckets far outside
/// the expected band). Needs `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(TrendQuery),
    responses(
        (status = 200, body = Trend),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ai/trends")]
#[tracing::instrument(skip_all)]
pub async fn metric_trend(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<TrendQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let q = query.0;
    let to = q.to.unwrap_or(company.today);
    let period = window::period(
        Some(q.from.unwrap_or(to - Duration::days(364))),
        Some(to),
        company.today,
    )?;
    let granularity = q.granularity.unwrap_or(Granularity::Week);
    Ok(HttpResponse::Ok().json(trends::trend(&state.db, &company, q.metric, granularity, period).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastQuery {
    metric: Metric,
    /// Default `week`.
    granularity: Option<Granularity>,
    /// Periods to forecast, 1–366; default 30 days, 12 weeks or 6 months.
    horizon: Option<usize>,
    /// The history is read up to the last period that ended by this day (company time zone);
    /// default: today.
    as_of: Option<NaiveDate>,
}

/// The `horizon` periods after `as_of`, each with a point forecast and 80 % / 95 % intervals,
/// from the model (seasonal naive, naive, Holt, Holt–Winters, Theta) with the lowest error in a
/// rolling-origin backtest; the answer names it with its MASE against seasonal naive. A short
/// history answers `not_enough_data` and no points. Needs `reports.read`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    params(ForecastQuery),
    responses(
        (status = 200, body = SalesForecast),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ai/forecast")]
#[tracing::instrument(skip_all)]
pub async fn metric_forecast(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ForecastQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::ReportsRead)?;
    let company = Company::load(&state.db, principal.tenant()?).await?;
    let q = query.0;
    let granularity = q.granularity.unwrap_or(Granularity::Week);
    let horizon = q.horizon.unwrap_or_else(|| trends::default_horizon(granularity));
    let as_of = q.as_of.unwrap_or(company.today);
    Ok(HttpResponse::Ok().json(trends::forecast(&state.db, &company, q.metric, granularity, horizon, as_of).await?))
}

/// What a lead's message wants (`wants_call`, `price_question`, `product_info`,
/// `ready_to_buy`, `complaint`, `spam`, `other`) with a confidence and the reasons, and the
/// details in it: name, phones (also as E.164), e-mails, city, a preferred time to talk and the
/// company's lead custom fields (e.g. "дом 8 на 10" for a field labelled "Размер дома").
/// Russian, English or mixed. By the rules (`method: rules`), or by the server's LLM when one is
/// configured and the company has not switched it off (`method: llm`; on a timeout, an error or
/// an answer that fails validation the rules' answer comes back with `llm_status` saying why).
/// Needs `ai.use`.
#[utoipa::path(
    tag = "ai",
    security(("bearer" = []), ("api_key" = [])),
    request_body = ClassifyRequest,
    responses(
        (status = 200, body = LeadClassification),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ai/classify")]
#[tracing::instrument(skip_all)]
pub async fn classify_message(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<ClassifyRequest>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::AiUse)?;
    let found = classify::classify_text(state.llm.as_ref(), &state.db, principal.tenant()?, &body.0.text).await?;
    Ok(HttpResponse::Ok().json(found))
}
