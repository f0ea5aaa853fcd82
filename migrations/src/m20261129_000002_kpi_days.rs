//! The KPI roll-up on PostgreSQL: each manager's counts per company-local day (`kpi_days`), so
//! a year of the team's KPI reads some 18,000 rows instead of a million leads.
//!
//! - **Dirty days.** Statement triggers on `leads`, `deals` and `tasks` note every (company,
//!   manager, local day) a write touches in `kpi_dirty`. The note is made in the same
//!   transaction, whatever code path wrote, for the old and the new row of an update. A note
//!   made again moves its `marked_at`, so a refresh that looked earlier does not forget it.
//! - **Recomputed on read.** The server recomputes the noted days from the tables before it
//!   reads the roll-up (`kpi::rollup`), so the figures are always those of the tables.
//! - **Rebuilt on settings changes.** `kpi_rollup_state` remembers the time zone and currency
//!   the days were counted in. When the company changes either, its roll-up is rebuilt.
//!
//! SQLite keeps the tables (one schema) but no triggers: there the KPI counts from the tables
//! directly, which is fast at the sizes SQLite serves.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Per table: the user column, the instants whose local days a row counts on, and the columns
/// whose change moves it between days or figures.
const SOURCES: [(&str, &str, &[&str], &[&str]); 3] = [
    (
        "leads",
        "owner_id",
        &["created_at"],
        &["owner_id", "created_at", "deal_id", "first_response_at"],
    ),
    (
        "deals",
        "owner_id",
        &["created_at", "closed_at"],
        &[
            "owner_id",
            "created_at",
            "closed_at",
            "status",
            "amount_minor",
            "currency",
        ],
    ),
    (
        "tasks",
        "assignee_id",
        &["completed_at", "due_at"],
        &["assignee_id", "status", "completed_at", "due_at"],
    ),
];

/// Notes the days of the rows of `rows` (a transition table, or a select over them).
fn mark(rows: &str, user: &str, instants: &[&str]) -> String {
    let days: Vec<String> = instants
        .iter()
        .map(|at| {
            format!(
                "SELECT r.tenant_id, r.{user} AS user_id, CAST(timezone(t.time_zone, r.{at}) AS date) AS day \
                 FROM {rows} r JOIN tenants t ON t.id = r.tenant_id WHERE r.{user} IS NOT NULL AND r.{at} IS NOT NULL"
            )
        })
        .collect();
    format!(
        "INSERT INTO kpi_dirty (tenant_id, user_id, day, marked_at) \
         SELECT tenant_id, user_id, day, clock_timestamp() FROM (SELECT DISTINCT tenant_id, user_id, day FROM ({}) a) d \
         ORDER BY tenant_id, user_id, day \
         ON CONFLICT (tenant_id, user_id, day) DO UPDATE SET marked_at = excluded.marked_at;",
        days.join(" UNION ALL ")
    )
}

fn postgres_function(table: &str, user: &str, instants: &[&str], watched: &[&str]) -> String {
    let old: Vec<String> = watched.iter().map(|c| format!("o.{c}")).collect();
    let new: Vec<String> = watched.iter().map(|c| format!("n.{c}")).collect();
    let changed = format!(
        "old_rows o JOIN new_rows n ON n.id = o.id WHERE ({}) IS DISTINCT FROM ({})",
        old.join(", "),
        new.join(", ")
    );
    let updated = mark(
        &format!("(SELECT o.* FROM {changed} UNION ALL SELECT n.* FROM {changed})"),
        user,
        instants,
    );
    format!(
        "CREATE OR REPLACE FUNCTION kpi_mark_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           IF TG_OP = 'INSERT' THEN {} \
           ELSIF TG_OP = 'DELETE' THEN {} \
           ELSE {updated} \
           END IF; \
           RETURN NULL; \
         END $$",
        mark("new_rows", user, instants),
        mark("old_rows", user, instants),
    )
}

fn postgres_triggers(table: &str) -> Vec<String> {
    [
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ]
    .iter()
    .map(|(event, tables)| {
        format!(
            "CREATE TRIGGER {table}_kpi_{suffix} AFTER {event} ON {table} REFERENCING {tables} \
             FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_{table}()",
            suffix = event.to_lowercase()
        )
    })
    .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        // Seconds from arrival to first response of each taken lead (unused on SQLite).
        let mut response_secs = ColumnDef::new(KpiDays::ResponseSecs);
        if postgres {
            response_secs.array(ColumnType::Integer);
        } else {
            response_secs.text();
        }
        response_secs.not_null();
        // No foreign keys: a tenant's cascade delete fires the triggers while it is going.
        manager
            .create_table(
                Table::create()
                    .table(KpiDays::Table)
                    .col(uuid(KpiDays::TenantId))
                    .col(uuid(KpiDays::UserId))
                    .col(date(KpiDays::Day))
                    .col(big_integer(KpiDays::LeadsReceived))
                    .col(big_integer(KpiDays::LeadsWithDeal))
                    .col(response_secs)
                    .col(big_integer(KpiDays::DealsCreated))
                    .col(big_integer(KpiDays::DealsWon))
                    .col(big_integer(KpiDays::DealsLost))
                    .col(big_integer(KpiDays::RevenueMinor))
                    .col(big_integer(KpiDays::DealsWonOtherCurrencies))
                    .col(big_integer(KpiDays::TasksCompleted))
                    .col(big_integer(KpiDays::TasksOverdue))
                    .primary_key(
                        Index::create()
                            .col(KpiDays::TenantId)
                            .col(KpiDays::UserId)
                            .col(KpiDays::Day),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiDirty::Table)
                    .col(uuid(KpiDirty::TenantId))
                    .col(uuid(KpiDirty::UserId))
                    .col(date(KpiDirty::Day))
                    // A refresh forgets a day only if nobody marked it again since it looked.
                    .col(timestamp_with_time_zone(KpiDirty::MarkedAt))
                    .primary_key(
                        Index::create()
                            .col(KpiDirty::TenantId)
                            .col(KpiDirty::UserId)
                            .col(KpiDirty::Day),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiRollupState::Table)
                    .col(uuid(KpiRollupState::TenantId).primary_key())
                    .col(string_len(KpiRollupState::TimeZone, 64))
                    .col(string_len(KpiRollupState::Currency, 3))
                    .to_owned(),
            )
            .await?;
        if postgres {
            let db = manager.get_connection();
            for (table, user, instants, watched) in SOURCES {
                db.execute_unprepared(&postgres_function(table, user, instants, watched))
                    .await?;
                for trigger in postgres_triggers(table) {
                    db.execute_unprepared(&trigger).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let db = manager.get_connection();
            for (table, _, _, _) in SOURCES {
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER {table}_kpi_{event} ON {table}"))
                        .await?;
                }
                db.execute_unprepared(&format!("DROP FUNCTION kpi_mark_{table}()"))
                    .await?;
            }
        }
        for table in ["kpi_rollup_state", "kpi_dirty", "kpi_days"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum KpiDays {
    Table,
    TenantId,
    UserId,
    Day,
    LeadsReceived,
    LeadsWithDeal,
    ResponseSecs,
    DealsCreated,
    DealsWon,
    DealsLost,
    RevenueMinor,
    DealsWonOtherCurrencies,
    TasksCompleted,
    TasksOverdue,
}

#[derive(DeriveIden)]
enum KpiDirty {
    Table,
    TenantId,
    UserId,
    Day,
    MarkedAt,
}

#[derive(DeriveIden)]
enum KpiRollupState {
    Table,
    TenantId,
    TimeZone,
    Currency,
}
