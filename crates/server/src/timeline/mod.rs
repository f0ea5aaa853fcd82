//! The time-ordered story of a lead, deal or contact.

mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::lead_timeline)
        .service(handlers::deal_timeline)
        .service(handlers::contact_timeline);
}
