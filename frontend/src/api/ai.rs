//! `/ai`: the sales report, segments, recommendations, trends and forecasts.

use chrono::NaiveDate;
use voronka_types::Problem;
use voronka_types::ai::{
    AppliedRecommendation, Granularity, Metric, Recommendations, SalesForecast, SalesReport, Segment, Segments, Trend,
};

use super::client::Call;

/// The wire name of a metric.
pub fn metric_name(metric: Metric) -> &'static str {
    match metric {
        Metric::Revenue => "revenue",
        Metric::Orders => "orders",
        Metric::NewCustomers => "new_customers",
        Metric::Aov => "aov",
        Metric::Leads => "leads",
        Metric::Conversion => "conversion",
    }
}

/// The wire name of a granularity.
pub fn granularity_name(granularity: Granularity) -> &'static str {
    match granularity {
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
    }
}

/// The wire name of a segment.
pub fn segment_name(segment: Segment) -> &'static str {
    match segment {
        Segment::Champions => "champions",
        Segment::Loyal => "loyal",
        Segment::PotentialLoyalists => "potential_loyalists",
        Segment::New => "new",
        Segment::Promising => "promising",
        Segment::NeedAttention => "need_attention",
        Segment::AboutToSleep => "about_to_sleep",
        Segment::AtRisk => "at_risk",
        Segment::CantLose => "cant_lose",
        Segment::Hibernating => "hibernating",
        Segment::Lost => "lost",
    }
}

/// `GET /ai/report`: the sales report of `from ..= to` against the period before.
pub async fn report(from: NaiveDate, to: NaiveDate) -> Result<SalesReport, Problem> {
    Call::get("/ai/report")
        .query("from", Some(from))
        .query("to", Some(to))
        .fetch()
        .await
}

/// `GET /ai/segments`: every segment's size and one page of buyers (of `segment` when given).
pub async fn segments(
    segment: Option<Segment>,
    cursor: Option<String>,
    as_of: Option<NaiveDate>,
) -> Result<Segments, Problem> {
    Call::get("/ai/segments")
        .query("as_of", as_of)
        .query("segment", segment.map(segment_name))
        .query("cursor", cursor)
        .query("limit", Some(20))
        .fetch()
        .await
}

/// `GET /ai/recommendations`: what to do first, ranked.
pub async fn recommendations() -> Result<Recommendations, Problem> {
    Call::get("/ai/recommendations").fetch().await
}

/// `POST /ai/recommendations/{id}/apply`: creates the recommended tasks.
pub async fn apply_recommendation(id: &str) -> Result<AppliedRecommendation, Problem> {
    let id: String = js_sys::encode_uri_component(id).into();
    Call::post(format!("/ai/recommendations/{id}/apply")).fetch().await
}

/// `POST /ai/recommendations/{id}/dismiss`: hides it for a while.
pub async fn dismiss_recommendation(id: &str) -> Result<(), Problem> {
    let id: String = js_sys::encode_uri_component(id).into();
    Call::post(format!("/ai/recommendations/{id}/dismiss"))
        .fetch_empty()
        .await
}

/// `GET /ai/trends`: the series of `metric` over `from ..= to` with its trend.
pub async fn trend(metric: Metric, granularity: Granularity, from: NaiveDate, to: NaiveDate) -> Result<Trend, Problem> {
    Call::get("/ai/trends")
        .query("metric", Some(metric_name(metric)))
        .query("granularity", Some(granularity_name(granularity)))
        .query("from", Some(from))
        .query("to", Some(to))
        .fetch()
        .await
}

/// `GET /ai/forecast`: `horizon` buckets ahead of `as_of` with their intervals.
pub async fn forecast(
    metric: Metric,
    granularity: Granularity,
    horizon: u32,
    as_of: NaiveDate,
) -> Result<SalesForecast, Problem> {
    Call::get("/ai/forecast")
        .query("metric", Some(metric_name(metric)))
        .query("granularity", Some(granularity_name(granularity)))
        .query("horizon", Some(horizon))
        .query("as_of", Some(as_of))
        .fetch()
        .await
}
