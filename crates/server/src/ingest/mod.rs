//! The integrator's way in (API keys with the `ingest` scope): customers and purchases from
//! the company's own systems, one at a time or in batches of up to 1,000.

pub mod customers;
pub mod fields;
pub(crate) mod handlers;
pub mod purchases;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::ingest_customer)
        .service(handlers::ingest_customers)
        .service(handlers::ingest_purchase)
        .service(handlers::ingest_purchases);
}
