//! Custom fields: each company defines extra fields (text, number, date, select, multi-select,
//! bool) for contacts, companies, leads and deals.
//!
//! - `/api/v1/custom-fields` manages the definitions ([`service`]).
//! - [`values`] checks, stores and removes the values of a record, and renders them for export.
//! - [`filter`] turns `cf[<key>]`, `cf_from[<key>]`, `cf_to[<key>]` list parameters into query
//!   conditions.
//!
//! See [`values`] for how a context (leads, deals) wires them in.

pub mod entity;
pub mod filter;
mod handlers;
pub mod parse;
pub mod service;
pub mod values;

pub use filter::{CustomFieldFilter, CustomFieldParams};
pub use values::Mode;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_custom_fields)
        .service(handlers::create_custom_field)
        .service(handlers::get_custom_field)
        .service(handlers::update_custom_field)
        .service(handlers::delete_custom_field);
}
