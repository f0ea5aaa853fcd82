//! Notifications: in-app messages to one user (task reminders, assignments), with an e-mail
//! copy when the server sends mail.
//!
//! Other modules call [`notify`] inside their transaction:
//! `notify(db, Some(&state.mailer), NewNotification { tenant, user, kind, title, body, entity_type, entity_id })`.

pub mod email;
pub mod entity;
mod handlers;
pub mod service;

pub use service::{NewNotification, notify, sends_email};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_notifications)
        .service(handlers::unread_count)
        .service(handlers::mark_all_read)
        .service(handlers::mark_read);
}
