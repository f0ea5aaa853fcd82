//! Database connection (embedded SQLite by default, PostgreSQL in production) and migrations.

use std::time::Duration;

use anyhow::Context;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use voronka_migrations::{Migrator, MigratorTrait};

use crate::config::Config;

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let url = config.database_url.expose();
    if config.is_sqlite() {
        ensure_sqlite_dir(url)?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    // SQLite allows one writer, and a transaction that reads before it writes fails at once
    // with "database is locked" when another connection wrote meanwhile (the busy timeout does
    // not help there). One connection serialises all work instead: plenty for the embedded
    // default; PostgreSQL is the engine for concurrency.
    options
        .max_connections(if config.is_sqlite() {
            1
        } else {
            config.database_max_connections
        })
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // Pinging every connection taken from the pool doubles the round trips of each query;
        // only connections idle long enough to have been dropped are checked first.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .context("cannot connect to the database")?;
    if config.is_sqlite() {
        // WAL lets readers work while one writer writes; foreign keys are off by default.
        for pragma in [
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
            "PRAGMA synchronous=NORMAL",
            // 32 MiB of page cache (the default is 2 MiB): the analyses read a company's whole
            // purchase history, and re-reading its pages from the OS costs ~10 % of a report.
            "PRAGMA cache_size=-32768",
        ] {
            db.execute_unprepared(pragma)
                .await
                .with_context(|| format!("cannot apply {pragma}"))?;
        }
    }
    Migrator::up(&db, None).await.context("migrations failed")?;
    Ok(db)
}

/// Creates the folder of a `sqlite://path/file.db` URL so a fresh checkout just runs.
fn ensure_sqlite_dir(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(())
}

/// True when the database answers a trivial query.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}
