//! Accounts and sessions: registration, sign-in with throttling and 2FA, rotating refresh
//! tokens, password change and reset, and the [`principal::Principal`] every handler gets.

pub mod authenticate;
pub mod entities;
mod handlers;
pub mod password;
pub mod principal;
pub mod reset;
pub mod service;
pub mod sessions;
mod throttle;
pub mod tokens;
pub mod totp;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::register)
        .service(handlers::login)
        .service(handlers::refresh)
        .service(handlers::logout)
        .service(handlers::change_password)
        .service(handlers::enroll_totp)
        .service(handlers::confirm_totp)
        .service(handlers::disable_totp)
        .service(handlers::request_password_reset)
        .service(handlers::confirm_password_reset);
}
