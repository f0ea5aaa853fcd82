//! Per-stage roll-up of leads and deals: how many records each owner has in each stage and
//! the sum of their amounts per currency, so a board (the company's or one manager's) and the
//! total of a list filtered by stage and owner need not count hundreds of thousands of leads
//! on every view.
//!
//! Database triggers keep it: every INSERT, UPDATE and DELETE on `leads` and `deals` adjusts
//! the affected rows in the same transaction, whatever code path made the change (create,
//! move, bulk move, stage removal, merge, tenant deletion). On PostgreSQL they are statement
//! triggers over transition tables (one aggregate per statement, so bulk moves and seeding
//! stay cheap); SQLite has only row triggers. Rows are keyed by stage, owner (the nil UUID
//! for records nobody owns) and currency; records without an amount (or currency) count in
//! the `''` currency.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The owner of a row in the roll-up: the nil UUID when nobody owns it (key columns cannot
/// be NULL).
fn owner(row: &str, postgres: bool) -> String {
    if postgres {
        format!("COALESCE({row}owner_id, '00000000-0000-0000-0000-000000000000'::uuid)")
    } else {
        format!("COALESCE({row}owner_id, zeroblob(16))")
    }
}

/// The currency bucket of a row (`''` when it has no amount) and the amount it adds.
fn bucket(row: &str) -> String {
    format!("CASE WHEN {row}amount_minor IS NOT NULL AND {row}currency IS NOT NULL THEN {row}currency ELSE '' END")
}

fn amount(row: &str) -> String {
    format!("CASE WHEN {row}amount_minor IS NOT NULL AND {row}currency IS NOT NULL THEN {row}amount_minor ELSE 0 END")
}

const UPSERT_TAIL: &str = "ON CONFLICT (entity, stage_id, owner_id, currency) DO UPDATE SET \
     record_count = stage_totals.record_count + excluded.record_count, \
     amount_sum = stage_totals.amount_sum + excluded.amount_sum";

const COLUMNS: &str = "tenant_id, entity, stage_id, owner_id, currency, record_count, amount_sum";

/// The roll-up of the rows of `table` as they are now.
fn backfill(table: &str, entity: &str, postgres: bool) -> String {
    format!(
        "INSERT INTO stage_totals ({COLUMNS}) \
         SELECT tenant_id, '{entity}', stage_id, {o}, {b}, COUNT(*), SUM({a}) FROM {table} \
         GROUP BY tenant_id, stage_id, {o}, {b}",
        o = owner("", postgres),
        b = bucket(""),
        a = amount(""),
    )
}

/// One plpgsql function for both tables: the entity comes as the trigger's argument and the
/// transition tables carry the same column names in `leads` and `deals`.
fn postgres_function() -> String {
    let delta = |table: &str, sign: &str| {
        format!(
            "SELECT r.tenant_id, r.stage_id, {o} AS owner_id, {b} AS currency, {sign}1 AS n, {sign}({a}) AS amount \
             FROM {table} r",
            o = owner("r.", true),
            b = bucket("r."),
            a = amount("r."),
        )
    };
    let changed = format!(
        "JOIN new_rows n ON n.id = o.id WHERE o.stage_id <> n.stage_id OR {oo} <> {no} OR {ob} <> {nb} OR {oa} <> {na}",
        oo = owner("o.", true),
        no = owner("n.", true),
        ob = bucket("o."),
        nb = bucket("n."),
        oa = amount("o."),
        na = amount("n."),
    );
    let apply = |deltas: String| {
        format!(
            "INSERT INTO stage_totals ({COLUMNS}) \
             SELECT tenant_id, TG_ARGV[0], stage_id, owner_id, currency, SUM(n), SUM(amount) FROM ({deltas}) d \
             GROUP BY tenant_id, stage_id, owner_id, currency HAVING SUM(n) <> 0 OR SUM(amount) <> 0 \
             ORDER BY stage_id, owner_id, currency {UPSERT_TAIL};"
        )
    };
    let insert = apply(delta("new_rows", "+"));
    let delete = apply(delta("old_rows", "-"));
    let update = apply(format!(
        "{} UNION ALL {}",
        delta(&format!("(SELECT n.* FROM old_rows o {changed})"), "+"),
        delta(&format!("(SELECT o.* FROM old_rows o {changed})"), "-"),
    ));
    format!(
        "CREATE OR REPLACE FUNCTION stage_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN \
           IF TG_OP = 'INSERT' THEN {insert} \
           ELSIF TG_OP = 'DELETE' THEN {delete} \
           ELSE {update} \
           END IF; \
           RETURN NULL; \
         END $$"
    )
}

fn postgres_triggers(table: &str, entity: &str) -> Vec<String> {
    let statement = |event: &str, tables: &str| {
        format!(
            "CREATE TRIGGER {table}_stage_totals_{suffix} AFTER {event} ON {table} REFERENCING {tables} \
             FOR EACH STATEMENT EXECUTE FUNCTION stage_totals_apply('{entity}')",
            suffix = event.to_lowercase(),
        )
    };
    vec![
        statement("INSERT", "NEW TABLE AS new_rows"),
        statement("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        statement("DELETE", "OLD TABLE AS old_rows"),
    ]
}

fn sqlite_triggers(table: &str, entity: &str) -> Vec<String> {
    let add = |row: &str, sign: &str| {
        format!(
            "INSERT INTO stage_totals ({COLUMNS}) \
             VALUES ({row}.tenant_id, '{entity}', {row}.stage_id, {o}, {b}, {sign}1, {sign}({a})) {UPSERT_TAIL};",
            o = owner(&format!("{row}."), false),
            b = bucket(&format!("{row}.")),
            a = amount(&format!("{row}.")),
        )
    };
    vec![
        format!(
            "CREATE TRIGGER {table}_stage_totals_insert AFTER INSERT ON {table} BEGIN {} END",
            add("NEW", "+")
        ),
        format!(
            "CREATE TRIGGER {table}_stage_totals_update \
             AFTER UPDATE OF stage_id, owner_id, amount_minor, currency ON {table} \
             WHEN OLD.stage_id IS NOT NEW.stage_id OR OLD.owner_id IS NOT NEW.owner_id \
             OR OLD.amount_minor IS NOT NEW.amount_minor OR OLD.currency IS NOT NEW.currency BEGIN {} {} END",
            add("OLD", "-"),
            add("NEW", "+")
        ),
        format!(
            "CREATE TRIGGER {table}_stage_totals_delete AFTER DELETE ON {table} BEGIN {} END",
            add("OLD", "-")
        ),
    ]
}

const TABLES: [(&str, &str); 2] = [("leads", "lead"), ("deals", "deal")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No foreign keys: a tenant's cascade delete removes its leads (and fires the
        // triggers) while the tenant row is already going.
        manager
            .create_table(
                Table::create()
                    .table(StageTotals::Table)
                    .col(uuid(StageTotals::TenantId))
                    .col(string_len(StageTotals::Entity, 8))
                    .col(uuid(StageTotals::StageId))
                    .col(uuid(StageTotals::OwnerId))
                    .col(string_len(StageTotals::Currency, 3))
                    .col(big_integer(StageTotals::RecordCount))
                    .col(big_integer(StageTotals::AmountSum))
                    .primary_key(
                        Index::create()
                            .col(StageTotals::Entity)
                            .col(StageTotals::StageId)
                            .col(StageTotals::OwnerId)
                            .col(StageTotals::Currency),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        for (table, entity) in TABLES {
            db.execute_unprepared(&backfill(table, entity, postgres)).await?;
        }
        if postgres {
            db.execute_unprepared(&postgres_function()).await?;
        }
        for (table, entity) in TABLES {
            let triggers = if postgres {
                postgres_triggers(table, entity)
            } else {
                sqlite_triggers(table, entity)
            };
            for trigger in triggers {
                db.execute_unprepared(&trigger).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
        for (table, _) in TABLES {
            for event in ["insert", "update", "delete"] {
                let on = if postgres {
                    format!(" ON {table}")
                } else {
                    String::new()
                };
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_stage_totals_{event}{on}"))
                    .await?;
            }
        }
        if postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS stage_totals_apply()")
                .await?;
        }
        manager
            .drop_table(Table::drop().table(StageTotals::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StageTotals {
    Table,
    TenantId,
    Entity,
    StageId,
    OwnerId,
    Currency,
    RecordCount,
    AmountSum,
}
