//! Reusable pieces of the interface.

pub mod auth_layout;
pub mod badges;
pub mod bell;
pub mod confirm;
pub mod copy;
pub mod download;
pub mod filters;
pub mod form;
pub mod icons;
pub mod inline;
pub mod kanban;
pub mod lang_switch;
pub mod logo;
pub mod page;
pub mod qr;
pub mod shell;
