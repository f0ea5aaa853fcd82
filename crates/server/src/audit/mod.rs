//! The audit log: every change made through the API, with who, what, when and the
//! before/after of each changed field.

pub mod entity;
mod handlers;
mod service;

pub use service::{AuditActor, AuditEvent, list, record, record_as};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_audit_log);
}
