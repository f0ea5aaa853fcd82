//! Grouping in SQL. When every group, measure and condition of a report is a plain column (no
//! tags, no custom fields), the database groups, counts and sums. [`super::compute`] then gets
//! one weighted record per group instead of every record: a million leads by source and month
//! come back as a few hundred rows.
//!
//! Date groups are bucketed by the company-local day:
//! - On PostgreSQL the query groups by the start of the local day ([`super::local_day`]).
//! - SQLite has no time zones, so it groups by the instant itself and the day is found in Rust,
//!   as for fetched records.
//!
//! Either way the table is the one the records would give.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult};
use voronka_types::reports::{MeasureFn, ReportEntity};
use voronka_types::{TenantId, UserId};

use super::fetch::{Record, column_cell, in_sql, visible};
use super::fields::{Field, Kind, table};
use super::local_day;
use super::plan::{Cell, Plan};
use crate::ai::window::Company;
use crate::clock;
use crate::error::ApiResult;

/// Record keys of the aggregates (never a field key: those have no `@`).
pub const COUNT: &str = "@n";
pub const WON: &str = "@won";

/// The keys of measure `i`'s sum and count of values.
pub fn measure_keys(i: usize) -> (String, String) {
    (format!("@sum{i}"), format!("@values{i}"))
}

fn summable(field: &Field) -> bool {
    field.column.is_some() && matches!(field.kind, Kind::Int | Kind::Small | Kind::Money)
}

/// Whether `plan` can be grouped in SQL.
pub fn applies(plan: &Plan) -> bool {
    plan.conditions.iter().all(in_sql)
        && plan
            .groups
            .iter()
            .all(|(field, _)| field.column.is_some() && field.kind != Kind::List)
        && plan.measures.iter().all(|m| m.field.as_ref().is_none_or(summable))
}

/// A group's SQL expression: the column, or on PostgreSQL a date-bucketed instant's local day.
fn group_expr(backend: DbBackend, company: &Company, field: &Field, column: &str) -> SimpleExpr {
    if backend == DbBackend::Postgres && field.kind == Kind::Time {
        local_day::day_start_sql(company.zone, column, clock::now())
    } else {
        Expr::col(Alias::new(column))
    }
}

fn won_expr(entity: ReportEntity) -> &'static str {
    match entity {
        ReportEntity::Leads => "SUM(CASE WHEN deal_id IS NOT NULL OR status = 'won' THEN 1 ELSE 0 END)",
        _ => "SUM(CASE WHEN status = 'won' THEN 1 ELSE 0 END)",
    }
}

/// One record per group of `plan` (checked with [`applies`]) among the records the caller may
/// see, carrying its count, conversions and measure sums under the `@` keys.
pub async fn records(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    owner: Option<UserId>,
    plan: &Plan,
    company: &Company,
) -> ApiResult<Vec<Record>> {
    let backend = db.get_database_backend();
    let float = if backend == DbBackend::Postgres {
        "DOUBLE PRECISION"
    } else {
        "REAL"
    };
    let mut select = Query::select();
    select.from(Alias::new(table(plan.entity)));
    for (i, (field, _)) in plan.groups.iter().enumerate() {
        if let Some(column) = field.column {
            let alias = Alias::new(format!("g{i}"));
            select
                .expr_as(group_expr(backend, company, field, column), alias.clone())
                .group_by_col(alias);
        }
    }
    if plan.by_currency {
        select
            .expr_as(Expr::col(Alias::new("currency")), Alias::new("x_currency"))
            .group_by_col(Alias::new("x_currency"));
    }
    select.expr_as(Expr::cust("COUNT(*)"), Alias::new("x_n"));
    let conversion = plan.measures.iter().any(|m| m.function == MeasureFn::Conversion);
    if conversion {
        select.expr_as(Expr::cust(won_expr(plan.entity)), Alias::new("x_won"));
    }
    for (i, measure) in plan.measures.iter().enumerate() {
        if let Some(column) = measure.field.as_ref().and_then(|f| f.column) {
            select
                .expr_as(
                    Expr::cust(format!("CAST(SUM(\"{column}\") AS {float})")),
                    Alias::new(format!("x_sum{i}")),
                )
                .expr_as(
                    Expr::cust(format!("COUNT(\"{column}\")")),
                    Alias::new(format!("x_values{i}")),
                );
        }
    }
    select.cond_where(visible(tenant, owner, plan));
    let rows = db.query_all(&select).await?;
    rows.iter()
        .map(|row| read(row, plan, backend, company, conversion))
        .collect()
}

fn read(row: &QueryResult, plan: &Plan, backend: DbBackend, company: &Company, conversion: bool) -> ApiResult<Record> {
    let mut record = Record::new();
    for (i, (field, _)) in plan.groups.iter().enumerate() {
        let alias = format!("g{i}");
        let cell = if backend == DbBackend::Postgres && field.kind == Kind::Time {
            // The start of the local day; as `YYYY-MM-DD` it is bucketed like a date column.
            row.try_get::<Option<DateTime<Utc>>>("", &alias)?
                .map(|start| {
                    Cell::Text(
                        local_day::day_of_start(company.zone, start)
                            .format("%Y-%m-%d")
                            .to_string(),
                    )
                })
                .unwrap_or(Cell::Null)
        } else {
            column_cell(row, &alias, field.kind)?
        };
        record.insert(field.key.clone(), cell);
    }
    if plan.by_currency {
        let currency: Option<String> = row.try_get("", "x_currency")?;
        record.insert("currency".to_owned(), currency.map(Cell::Text).unwrap_or(Cell::Null));
    }
    let count = |alias: &str| -> ApiResult<Cell> { Ok(Cell::Num(row.try_get::<i64>("", alias)? as f64)) };
    record.insert(COUNT.to_owned(), count("x_n")?);
    if conversion {
        let won = row.try_get::<Option<i64>>("", "x_won")?.unwrap_or(0);
        record.insert(WON.to_owned(), Cell::Num(won as f64));
    }
    for (i, measure) in plan.measures.iter().enumerate() {
        if measure.field.is_some() {
            let (sum_key, values_key) = measure_keys(i);
            let sum = row.try_get::<Option<f64>>("", &format!("x_sum{i}"))?.unwrap_or(0.0);
            record.insert(sum_key, Cell::Num(sum));
            record.insert(values_key, count(&format!("x_values{i}"))?);
        }
    }
    Ok(record)
}
