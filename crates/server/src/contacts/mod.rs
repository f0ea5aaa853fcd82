//! Contacts: the people a company sells to, with phones normalised for matching and search.

pub mod duplicates;
pub mod entity;
pub mod fields;
pub(crate) mod handlers;
pub mod list;
pub mod lookup;
mod merge;
pub mod phone;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_contacts)
        .service(handlers::list_duplicates)
        .service(handlers::merge_contacts)
        .service(handlers::create_contact)
        .service(handlers::get_contact)
        .service(handlers::update_contact)
        .service(handlers::delete_contact);
}
