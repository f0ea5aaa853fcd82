//! Voronka's shared vocabulary: the DTOs, typed IDs and enums that the API server
//! and the PWA exchange. Kept light (serde, uuid, chrono) so the wasm bundle stays small.

pub mod ai;
pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod contacts;
pub mod custom_fields;
pub mod deals;
pub mod forms;
pub mod ids;
pub mod imports;
pub mod kpi;
pub mod leads;
pub mod money;
pub mod notifications;
pub mod page;
pub mod periodic;
pub mod pipelines;
pub mod problem;
pub mod product_lines;
pub mod purchases;
pub mod reports;
pub mod roles;
pub mod tasks;
pub mod timeline;
pub mod users;
pub mod webhooks;
pub mod worktime;

pub use ids::*;
pub use money::Money;
pub use page::{Direction, Page};
pub use problem::{FieldError, Problem};
pub use roles::{Permission, Role};
