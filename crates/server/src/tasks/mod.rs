//! Tasks: to-dos with a due time, a priority and an assignee, linked to a contact, with a
//! reminder delivered through the job queue and notifications.

pub mod dates;
pub mod entity;
mod fields;
mod handlers;
pub mod list;
pub mod reminders;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_tasks)
        .service(handlers::create_task)
        .service(handlers::get_task)
        .service(handlers::update_task)
        .service(handlers::delete_task)
        .service(handlers::complete_task)
        .service(handlers::reopen_task);
}
