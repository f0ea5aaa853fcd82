//! Web forms: lead capture from the company's own sites. Managed under `/api/v1/forms`
//! (`forms.manage`); visitors post to the public `/api/v1/forms/{public_key}/submissions`.

pub mod cors;
mod definition;
pub mod entity;
mod handlers;
pub mod limiter;
mod public;
pub mod service;
mod snippet;
pub mod submit;

use utoipa_actix_web::service_config::ServiceConfig;

pub use limiter::SubmissionLimiter;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_forms)
        .service(handlers::create_form)
        .service(handlers::get_form)
        .service(handlers::update_form)
        .service(handlers::delete_form)
        .service(handlers::regenerate_form_key)
        .service(handlers::form_snippet)
        .service(public::submit_form);
}
