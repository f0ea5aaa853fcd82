//! Managers' work time: schedules, activity sessions (check-in at sign-in, heartbeats,
//! check-out at sign-out) and the per-day report against the schedule.

pub mod activity;
pub mod entity;
mod handlers;
pub mod report;
pub mod schedule;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::get_schedule)
        .service(handlers::set_schedule)
        .service(handlers::heartbeat)
        .service(handlers::work_time);
}
