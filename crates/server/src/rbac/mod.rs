//! Roles and permissions: the per-tenant matrix and its defaults.

pub mod defaults;
pub mod entity;
mod handlers;
pub mod scope;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_roles)
        .service(handlers::set_role_permissions);
}
