//! `voronka`: parse the command line and config, then serve or run an admin task.

use clap::Parser;
use voronka_server::cli::{AdminCommand, Cli, Command};
use voronka_server::config::Config;
use voronka_server::{Application, cli, db, openapi, telemetry};

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let args = Cli::parse();
    let command = args.command.unwrap_or(Command::Serve);
    // Printing the contract needs neither configuration nor a database.
    if let Command::Openapi = command {
        print!("{}", openapi::to_yaml()?);
        return Ok(());
    }
    let config = Config::load(args.config.as_deref()).map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    telemetry::init(&config);
    match command {
        Command::Serve | Command::Openapi => {
            let app = Application::build(config).await?;
            tracing::info!(port = app.port(), "Voronka is listening");
            app.run_until_stopped().await?;
        }
        Command::Admin(AdminCommand::CreatePlatformAdmin { email, password, name }) => {
            let db = db::connect_and_migrate(&config).await?;
            let id = cli::create_platform_admin(&db, &email, &password, &name).await?;
            println!("platform admin created: {id}");
        }
        Command::SeedDemo(options) => cli::seed_demo(config, &options).await?,
    }
    Ok(())
}
