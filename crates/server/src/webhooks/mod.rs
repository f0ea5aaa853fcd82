//! Outbound webhooks: tenants subscribe URLs to CRM events; services call [`emit`] inside
//! their transaction; the durable job queue delivers each event, signed the Standard Webhooks
//! way (`webhook-id`, `webhook-timestamp`, `webhook-signature`), retrying for about a day, and
//! every attempt is kept in a delivery log. Private and loopback targets are refused (SSRF)
//! unless the instance allows them.

pub mod delivery;
pub mod emit;
pub mod entity;
pub(crate) mod handlers;
pub mod log;
pub mod service;
pub mod signing;
pub mod target;

pub use emit::emit;
pub use voronka_types::webhooks::WebhookEvent;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_webhooks)
        .service(handlers::create_webhook)
        .service(handlers::get_webhook)
        .service(handlers::update_webhook)
        .service(handlers::delete_webhook)
        .service(handlers::rotate_webhook_secret)
        .service(handlers::list_webhook_deliveries)
        .service(handlers::resend_webhook_delivery)
        .service(handlers::test_webhook);
}
