//! Indexes for "contains" searches (`LIKE '%…%'`) on PostgreSQL: trigram GIN indexes on the
//! contacts' search keys (names, e-mails, E.164 phones) and on lead names, so finding a
//! phone among a million leads reads a few index pages instead of every row.
//!
//! They need the `pg_trgm` extension (shipped with PostgreSQL, trusted since version 13 so a
//! database owner may create it). Where it cannot be created the migration still succeeds
//! without these indexes: searches stay correct, only slower. SQLite has no such index and
//! scans, which is fine at the sizes it serves.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &str); 2] = [
    ("idx_contact_identities_value_trgm", "contact_identities", "value"),
    ("idx_leads_sort_name_trgm", "leads", "sort_name"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        // A missing extension or privilege must not fail the whole upgrade (the block's own
        // subtransaction absorbs the error).
        db.execute_unprepared(
            "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; \
             EXCEPTION WHEN OTHERS THEN RAISE WARNING 'pg_trgm unavailable, searches will scan: %', SQLERRM; \
             END $$",
        )
        .await?;
        let creates: Vec<String> = INDEXES
            .iter()
            .map(|(name, table, column)| {
                format!("CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops);")
            })
            .collect();
        db.execute_unprepared(&format!(
            "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN {} END IF; END $$",
            creates.join(" ")
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        for (name, _, _) in INDEXES {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
        }
        Ok(())
    }
}
