//! One module per screen.

pub mod api_keys;
pub mod audit;
pub mod companies;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod forgot_password;
pub mod home;
pub mod home_stats;
pub mod insights;
pub mod integrations;
pub mod leads;
pub mod login;
pub mod logout;
pub mod more;
pub mod not_found;
pub mod profile;
pub mod register;
pub mod reports;
pub mod reset_password;
pub mod roles;
pub mod tasks;
pub mod team;
pub mod team_form;
pub mod team_schedule;
pub mod two_factor;
