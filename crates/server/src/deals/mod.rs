//! Deals: sales in progress, with money, an expected close date and a won/lost outcome.

pub mod changes;
pub mod entity;
mod handlers;
pub mod list;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_deals)
        .service(handlers::deal_board)
        .service(handlers::create_deal)
        .service(handlers::get_deal)
        .service(handlers::update_deal)
        .service(handlers::delete_deal)
        .service(handlers::deal_stage_history);
}
