//! Each lead's first human response (`leads.first_response_at`), kept by database triggers, so
//! the KPI's "taken into work" and "first-response time" read one column of the leads in the
//! period instead of grouping every message, note and stage move of the company.
//!
//! A first response is the earliest of: an outbound message with an author, a note or logged
//! call with an author, a stage move by a person (not the lead's creation). Triggers on the
//! inserts of those three tables lower the column to the new action's time when it is earlier
//! (or set it); it stays once set, since the manager did respond even if the note is deleted
//! later. On PostgreSQL they are statement triggers over transition tables (one UPDATE per
//! statement, so bulk moves and seeding stay cheap); SQLite gets the equivalent row triggers.
//! The migration computes the column of existing leads.
//!
//! A covering index `(tenant, created_at)` with owner, first response, deal, source and status
//! lets the KPI and the report builder's most common groupings (leads by source and month,
//! with conversion) read the leads from the index alone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The human actions of each source: (table, lead column, time column, condition).
const SOURCES: [(&str, &str, &str, &str); 3] = [
    (
        "messages",
        "lead_id",
        "sent_at",
        "{r}direction = 'outbound' AND {r}author_id IS NOT NULL",
    ),
    (
        "notes",
        "lead_id",
        "created_at",
        "{r}lead_id IS NOT NULL AND {r}author_id IS NOT NULL",
    ),
    (
        "stage_changes",
        "record_id",
        "changed_at",
        "{r}entity = 'lead' AND {r}actor_id IS NOT NULL AND {r}from_stage_id IS NOT NULL",
    ),
];

fn condition(template: &str, row: &str) -> String {
    template.replace("{r}", row)
}

/// Lowers `first_response_at` of the leads in `firsts` (rows of `lead`, `first`).
fn lower_from(firsts: &str) -> String {
    format!(
        "UPDATE leads SET first_response_at = f.first FROM ({firsts}) f \
         WHERE leads.id = f.lead AND (leads.first_response_at IS NULL OR leads.first_response_at > f.first)"
    )
}

/// Every lead's earliest human action as it is now.
fn backfill() -> String {
    let parts: Vec<String> = SOURCES
        .iter()
        .map(|(table, lead, at, when)| {
            format!(
                "SELECT {lead} AS lead, MIN({at}) AS first FROM {table} WHERE {} GROUP BY {lead}",
                condition(when, "")
            )
        })
        .collect();
    lower_from(&format!(
        "SELECT lead, MIN(first) AS first FROM ({}) a GROUP BY lead",
        parts.join(" UNION ALL ")
    ))
}

fn postgres_statements(table: &str, lead: &str, at: &str, when: &str) -> [String; 2] {
    let function = format!("leads_first_response_from_{table}");
    let update = lower_from(&format!(
        "SELECT {lead} AS lead, MIN({at}) AS first FROM new_rows WHERE {} GROUP BY {lead} ORDER BY {lead}",
        condition(when, "")
    ));
    [
        format!(
            "CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN {update}; RETURN NULL; END $$"
        ),
        format!(
            "CREATE TRIGGER {table}_first_response AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows \
             FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        ),
    ]
}

fn sqlite_statement(table: &str, lead: &str, at: &str, when: &str) -> String {
    format!(
        "CREATE TRIGGER {table}_first_response AFTER INSERT ON {table} WHEN {} BEGIN \
         UPDATE leads SET first_response_at = NEW.{at} \
         WHERE id = NEW.{lead} AND (first_response_at IS NULL OR first_response_at > NEW.{at}); END",
        condition(when, "NEW.")
    )
}

const INDEX: &str = "idx_kpi_leads_created_covering";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Leads::Table)
                    .add_column(ColumnDef::new(Leads::FirstResponseAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        db.execute_unprepared(&backfill()).await?;
        for (table, lead, at, when) in SOURCES {
            if postgres {
                for statement in postgres_statements(table, lead, at, when) {
                    db.execute_unprepared(&statement).await?;
                }
            } else {
                db.execute_unprepared(&sqlite_statement(table, lead, at, when)).await?;
            }
        }
        let columns = "tenant_id, created_at, owner_id, first_response_at, deal_id, source, status";
        let index = if postgres {
            format!(
                "CREATE INDEX {INDEX} ON leads (tenant_id, created_at) \
                 INCLUDE (owner_id, first_response_at, deal_id, source, status)"
            )
        } else {
            format!("CREATE INDEX {INDEX} ON leads ({columns})")
        };
        db.execute_unprepared(&index).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        db.execute_unprepared(&format!("DROP INDEX {INDEX}")).await?;
        for (table, _, _, _) in SOURCES {
            if postgres {
                db.execute_unprepared(&format!("DROP TRIGGER {table}_first_response ON {table}"))
                    .await?;
                db.execute_unprepared(&format!("DROP FUNCTION leads_first_response_from_{table}()"))
                    .await?;
            } else {
                db.execute_unprepared(&format!("DROP TRIGGER {table}_first_response"))
                    .await?;
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Leads::Table)
                    .drop_column(Leads::FirstResponseAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    FirstResponseAt,
}
