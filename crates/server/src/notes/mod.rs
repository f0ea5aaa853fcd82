//! Notes and logged calls on leads, deals and contacts.

pub mod entity;
mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::create_note)
        .service(handlers::update_note)
        .service(handlers::delete_note);
}
