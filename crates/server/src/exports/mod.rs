//! Exporting contacts, leads and deals as CSV or XLSX, with the same filters (and row scope)
//! as their lists.
//!
//! - [`records`] reads the rows page by page from the list's selection: main fields, then one
//!   column per custom field.
//! - [`formats`] streams CSV and builds XLSX (with a row cap).

pub mod formats;
mod handlers;
pub mod records;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::export_contacts)
        .service(handlers::export_leads)
        .service(handlers::export_deals);
}
