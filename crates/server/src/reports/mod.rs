//! The report builder: `POST /api/v1/reports/query` over whitelisted fields of leads, deals,
//! contacts, tasks and purchases, and its CSV/XLSX export. Method in `docs/kpi.md` ("Reports").
//!
//! - [`fields`]: the whitelist per entity and custom fields (`cf.<key>`).
//! - [`plan`]: checking a query (422 naming the path).
//! - [`fetch`]: one sea-query SELECT within the tenant and the caller's row scope.
//! - [`grouped`]: the same SELECT grouped in SQL when only plain columns are involved.
//! - [`compute`]: grouping, date buckets, measures, sorting.
//! - [`saved`]: saved reports (own and shared).
//! - [`periodic`]: daily, weekly and monthly activity reports made by the job queue.

pub mod catalog;
pub mod compute;
pub mod entity;
pub mod fetch;
pub mod fields;
pub mod grouped;
mod handlers;
pub mod local_day;
pub mod periodic;
pub mod plan;
pub mod saved;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::query)
        .service(catalog::list)
        .service(handlers::export)
        .service(handlers::list_saved)
        .service(handlers::create_saved)
        .service(handlers::get_saved)
        .service(handlers::update_saved)
        .service(handlers::delete_saved);
    periodic::configure(cfg);
}
