//! The Voronka REST API, one async function per endpoint.
//!
//! Every function returns `Result<T, Problem>`: the server's RFC 9457 body, or a client-side
//! problem (code `network_error`) when no answer came. Tokens and their transparent refresh
//! live in [`tokens`]; components never see a URL or a header.

pub mod ai;
pub mod api_keys;
pub mod audit;
pub mod auth;
mod client;
pub mod companies;
pub mod contacts;
pub mod custom_fields;
pub mod deals;
pub mod forms;
pub mod kpi;
pub mod leads;
pub mod notifications;
pub mod periodic;
pub mod pipelines;
pub mod reports;
pub mod roles;
pub mod tasks;
pub mod timeline;
pub mod tokens;
pub mod users;
pub mod webhooks;

pub use client::SESSION_EXPIRED;
