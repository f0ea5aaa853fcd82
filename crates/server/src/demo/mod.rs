//! `voronka seed-demo`: a demo company full of realistic data (Russian and English names,
//! valid +7/+44/+1 phones, e-mails, cities, sources, tags; leads spread over the funnel with
//! their stage histories; deals), for trying the product and for load benchmarks.
//!
//! The company is registered through the normal sign-up service, so it gets its pipelines,
//! roles and owner like any other; the bulk rows are then written directly in large
//! multi-row INSERTs, one transaction per batch, with progress reported as it goes.

pub mod activity;
pub mod funnel;
pub mod generate;
pub mod people;
pub mod phones;
mod seeding;
#[cfg(test)]
mod tests;
mod write;

use std::time::Duration;

pub use seeding::seed;

/// What to create. Counts are totals for the new company.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoOptions {
    /// The demo company's name.
    #[arg(long, default_value = "Demo Voronka")]
    pub company: String,
    /// The owner's e-mail (must not be taken). Managers get `<local>+managerN@<domain>`.
    #[arg(long, default_value = "owner@demo.voronka.test")]
    pub owner_email: String,
    /// The password of the owner and every manager.
    #[arg(long, default_value = "Demo-Voronka-2026")]
    pub password: String,
    /// `ru` (Russian-speaking company: roubles, mostly Russian customers) or `en`.
    #[arg(long, default_value = "ru")]
    pub locale: String,
    /// Sales managers besides the owner.
    #[arg(long, default_value_t = 20)]
    pub managers: u32,
    #[arg(long, default_value_t = 1_000)]
    pub contacts: u64,
    #[arg(long, default_value_t = 3_000)]
    pub leads: u64,
    /// Deals: first made from won leads, the rest straight from contacts.
    #[arg(long, default_value_t = 500)]
    pub deals: u64,
    /// Seed of the random generator: the same seed gives the same people, numbers and funnel.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Records written per transaction.
    #[arg(long, default_value_t = 10_000)]
    pub batch: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            company: "Demo Voronka".into(),
            owner_email: "owner@demo.voronka.test".into(),
            password: "Demo-Voronka-2026".into(),
            locale: "ru".into(),
            managers: 20,
            contacts: 1_000,
            leads: 3_000,
            deals: 500,
            seed: 1,
            batch: 10_000,
        }
    }
}

/// How far a phase of seeding has got.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// `contacts`, `leads`, `deals` or `work sessions`.
    pub phase: &'static str,
    pub done: u64,
    pub total: u64,
    /// Since seeding started.
    pub elapsed: Duration,
}

/// What was created, to print and to sign in with.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub tenant_id: voronka_types::TenantId,
    pub owner_email: String,
    pub manager_emails: Vec<String>,
    pub contacts: u64,
    pub leads: u64,
    pub deals: u64,
    pub stage_changes: u64,
    pub tasks: u64,
    pub work_sessions: u64,
    pub elapsed: Duration,
}

/// `owner+manager7@example.com` for `owner@example.com`.
pub fn manager_email(owner_email: &str, n: u32) -> String {
    match owner_email.split_once('@') {
        Some((local, domain)) => format!("{local}+manager{n}@{domain}"),
        None => format!("{owner_email}+manager{n}"),
    }
}
