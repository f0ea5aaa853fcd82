//! Importing contacts and leads from CSV and spreadsheet files.
//!
//! - [`file`] reads the upload (CSV or a workbook's first sheet) into a header and rows; any
//!   file-level problem answers 422 before a row lands.
//! - [`mapping`] checks the column mapping; [`requests`] turns a row into the API's create
//!   request.
//! - [`rows`] lands each row through the contacts or leads service in its own savepoint:
//!   created, updated, duplicate, or failed with row number and reason.
//! - [`service`] imports small files at once and queues large ones; [`job`] processes those
//!   in chunks, resuming exactly where the last committed chunk stopped.

pub mod entity;
pub mod file;
mod handlers;
pub mod job;
pub mod mapping;
pub mod requests;
pub mod rows;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::import_contacts)
        .service(handlers::import_leads)
        .service(handlers::list_imports)
        .service(handlers::get_import);
}
