//! Tenants: the companies that use Voronka. Every business row belongs to one.

pub mod entity;
mod handlers;
pub mod service;
pub mod settings;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::get_settings).service(handlers::update_settings);
}
