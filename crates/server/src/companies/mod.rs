//! Companies: the organisations a tenant's contacts work for.

pub mod entity;
mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_companies)
        .service(handlers::create_company)
        .service(handlers::get_company)
        .service(handlers::update_company)
        .service(handlers::delete_company);
}
