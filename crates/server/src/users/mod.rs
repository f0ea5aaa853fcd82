//! The people of a tenant: owners, heads of sales, managers and the rest.

pub mod entity;
mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::me)
        .service(handlers::list_users)
        .service(handlers::create_user)
        .service(handlers::get_user)
        .service(handlers::update_user);
}
