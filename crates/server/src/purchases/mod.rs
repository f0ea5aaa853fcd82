//! Purchases customers made, as the company's own systems report them through the ingest
//! API; read back per customer and with figures on the contact.

pub mod entity;
pub(crate) mod handlers;
pub mod lines;
pub mod list;
pub mod stats;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_purchases)
        .service(handlers::contact_purchases);
}
