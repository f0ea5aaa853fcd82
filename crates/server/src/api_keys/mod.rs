//! API keys for integrators: scoped, shown once, stored hashed, revocable at once.

pub mod entity;
mod handlers;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every key starts with this, so a leaked key is recognisable (and scannable).
pub const KEY_PREFIX: &str = "vk_live_";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_api_keys)
        .service(handlers::create_api_key)
        .service(handlers::revoke_api_key);
}
