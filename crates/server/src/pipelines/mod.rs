//! Pipelines (sales funnels) and their stages, and what leads and deals share as records
//! that sit in a stage.

pub mod board;
mod defaults;
pub mod entity;
mod handlers;
pub mod placement;
pub mod records;
pub mod service;
mod stages;
pub mod totals;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_pipelines)
        .service(handlers::create_pipeline)
        .service(handlers::get_pipeline)
        .service(handlers::update_pipeline)
        .service(handlers::delete_pipeline)
        .service(handlers::add_stage)
        .service(handlers::reorder_stages)
        .service(handlers::update_stage)
        .service(handlers::delete_stage);
}
