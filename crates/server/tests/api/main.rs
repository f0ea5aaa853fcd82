//! Black-box API tests: each test starts the real server on a free port against its own
//! fresh database (SQLite by default; PostgreSQL when VORONKA_TEST_DATABASE=postgres).

mod api_keys;
mod audit;
mod auth;
mod companies;
mod contacts;
mod crm;
mod custom_field_filters;
mod custom_field_values;
mod custom_fields;
mod deals;
mod demo;
mod duplicates;
mod exports;
mod health;
mod helpers;
mod imports;
mod jobs;
mod leads;
mod notifications;
mod openapi;
mod password_reset;
mod pipelines;
mod platform_admin;
mod roles;
mod scale;
mod settings;
mod tasks;
mod tasks_filters;
mod timeline;
mod two_factor;
mod users;
mod webhook_delivery;
mod webhook_receiver;
mod webhooks;
