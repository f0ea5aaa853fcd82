//! Sales KPI per manager and for the team, and funnel analytics. Definitions in `docs/kpi.md`.

mod days;
pub mod funnel;
mod handlers;
pub mod rollup;
pub mod service;
pub mod tally;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::kpi).service(handlers::kpi_funnel);
}
