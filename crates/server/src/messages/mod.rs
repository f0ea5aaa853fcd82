//! The conversation with a lead: messages in and out, kept for the timeline and the reply timer.

pub mod entity;
mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::record_message).service(handlers::list_messages);
}
