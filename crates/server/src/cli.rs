//! The `voronka` command line: `serve` (default), `admin create-platform-admin`, `openapi`,
//! `seed-demo`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sea_orm::{ActiveModelTrait, DatabaseConnection};
use voronka_types::users::UserStatus;
use voronka_types::{Role, UserId};

use crate::auth::{password, service::find_user_by_email};
use crate::clock;
use crate::users::entity as user;
use crate::validation;

#[derive(Debug, Parser)]
#[command(name = "voronka", version, about = "Voronka sales CRM server")]
pub struct Cli {
    /// A TOML config file (values there are overridden by VORONKA_* variables).
    #[arg(long, global = true, env = "VORONKA_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the HTTP server (the default).
    Serve,
    /// Operator tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print the OpenAPI document (YAML) to standard output.
    Openapi,
    /// Create a demo company full of realistic contacts, leads, deals and stage histories.
    SeedDemo(crate::demo::DemoOptions),
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a platform administrator, who stands above all tenants.
    CreatePlatformAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long, default_value = "Platform admin")]
        name: String,
    },
}

/// Creates a platform admin; fails with a readable message on bad input or a taken e-mail.
pub async fn create_platform_admin(
    db: &DatabaseConnection,
    email: &str,
    password_raw: &str,
    name: &str,
) -> anyhow::Result<UserId> {
    let email = validation::email("email", email).map_err(|e| anyhow::anyhow!("--email: {}", e.message))?;
    validation::password("password", password_raw, Some(&email))
        .map_err(|e| anyhow::anyhow!("--password: {}", e.message))?;
    let name = validation::text("name", name, 200).map_err(|e| anyhow::anyhow!("--name: {}", e.message))?;
    if find_user_by_email(db, &email)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .is_some()
    {
        anyhow::bail!("an account with e-mail {email} already exists");
    }
    let hash = password::hash(password_raw.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = clock::now();
    let id = UserId::new();
    user::ActiveModel::from(user::Model {
        id: id.0,
        tenant_id: None,
        email,
        name,
        password_hash: hash,
        role: Role::PlatformAdmin.as_str().into(),
        status: UserStatus::Active.as_str().into(),
        start_date: None,
        totp_secret: None,
        totp_enabled: false,
        created_at: now,
        updated_at: now,
    })
    .insert(db)
    .await?;
    Ok(id)
}

/// `voronka seed-demo`: connects, migrates, seeds with progress on standard error, and
/// prints how to sign in.
pub async fn seed_demo(config: crate::config::Config, opts: &crate::demo::DemoOptions) -> anyhow::Result<()> {
    use std::io::Write;
    use std::time::{Duration, Instant};

    let db = crate::db::connect_and_migrate(&config).await?;
    let state = crate::AppState {
        mailer: crate::mail::Mailer::from_config(&config)?,
        tokens: crate::auth::tokens::TokenKeys::new(
            crate::auth::tokens::random_secret("", 64).as_bytes(),
            config.access_token_ttl_secs,
        ),
        key_limits: std::sync::Arc::new(crate::rate_limit::RateLimiter::new(0.0, 1)),
        llm: crate::ai::llm::Llm::from_config(&config),
        config: std::sync::Arc::new(config),
        db,
    };
    let mut last = Instant::now() - Duration::from_secs(60);
    let summary = crate::demo::seed(&state, opts, |p| {
        if p.done == p.total || last.elapsed() >= Duration::from_secs(2) {
            last = Instant::now();
            let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
            eprintln!(
                "{:>8} {:>9}/{:<9} {percent:>3}%  {:>6.1}s",
                p.phase,
                p.done,
                p.total,
                p.elapsed.as_secs_f64()
            );
            let _ = std::io::stderr().flush();
        }
    })
    .await?;
    println!("demo company seeded in {:.1}s", summary.elapsed.as_secs_f64());
    println!("  tenant:        {}", summary.tenant_id);
    println!(
        "  records:       {} contacts, {} leads, {} deals, {} stage changes, {} tasks, {} work sessions",
        summary.contacts, summary.leads, summary.deals, summary.stage_changes, summary.tasks, summary.work_sessions
    );
    println!("  owner:         {} / {}", summary.owner_email, opts.password);
    match (summary.manager_emails.first(), summary.manager_emails.last()) {
        (Some(first), Some(last)) => println!(
            "  managers:      {} … {} ({}), same password",
            first,
            last,
            summary.manager_emails.len()
        ),
        _ => println!("  managers:      none"),
    }
    Ok(())
}
