//! The AI assistant over the sales history: the sales report, customer segments, trends,
//! forecasts and recommendations (the
//! statistics themselves live in the pure `voronka-insights` crate; this module reads the
//! database and shapes the answers).

pub mod classify;
mod handlers;
pub mod history;
pub mod llm;
pub mod narrative;
pub mod outlook;
pub mod products;
pub mod recommendations;
pub mod report;
pub mod segments;
pub mod series;
pub mod sources;
pub mod trends;
pub mod window;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::sales_report)
        .service(handlers::customer_segments)
        .service(handlers::metric_trend)
        .service(handlers::metric_forecast)
        .service(handlers::classify_message)
        .service(recommendations::handlers::list_recommendations)
        .service(recommendations::handlers::apply_recommendation)
        .service(recommendations::handlers::dismiss_recommendation);
}
