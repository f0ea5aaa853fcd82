//! Tenants: the companies that use Voronka. Every business row belongs to one.

pub mod entity;
pub mod service;
