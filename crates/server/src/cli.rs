//! The `voronka` command line: `serve` (default), `admin create-platform-admin`, `openapi`.

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
