//! Voronka's API server: an actix-web JSON API over sea-orm (SQLite or PostgreSQL) that also
//! serves the PWA. One module per bounded context; see `startup` for how they are composed.

pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod companies;
pub mod config;
pub mod contacts;
pub mod custom_fields;
pub mod db;
pub mod deals;
pub mod demo;
pub mod error;
pub mod exports;
pub mod extract;
pub mod health;
pub mod http;
pub mod imports;
pub mod jobs;
pub mod leads;
pub mod mail;
pub mod messages;
pub mod money;
pub mod notes;
pub mod notifications;
pub mod openapi;
pub mod pagination;
pub mod pipelines;
pub mod rbac;
pub mod search;
pub mod sorting;
pub mod spa;
pub mod startup;
pub mod tasks;
pub mod telemetry;
pub mod tenants;
pub mod timeline;
pub mod users;
pub mod validation;
pub mod webhooks;

pub use startup::{AppState, Application};
