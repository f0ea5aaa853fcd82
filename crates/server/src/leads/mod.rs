//! Leads: incoming requests, qualified by the team or the AI manager and turned into deals.

pub mod bulk;
pub mod card;
pub mod changes;
pub mod convert;
pub mod enrich;
pub mod entity;
pub mod events;
mod handlers;
mod intake;
pub mod list;
pub mod reread;
pub mod scoring;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_leads)
        .service(handlers::lead_board)
        .service(handlers::bulk_leads)
        .service(handlers::create_lead)
        .service(handlers::get_lead)
        .service(handlers::update_lead)
        .service(handlers::delete_lead)
        .service(handlers::lead_stage_history)
        .service(handlers::convert_lead);
}
