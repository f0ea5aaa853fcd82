//! Reading the records a report counts: one sea-query SELECT of the needed whitelisted
//! columns, narrowed in SQL by the tenant, the caller's row scope and the conditions on plain
//! columns. Conditions on tags and custom fields are checked in Rust over the fetched rows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult, Value};
use uuid::Uuid;
use voronka_types::reports::{FilterOp, ReportEntity};
use voronka_types::{TenantId, UserId};

use super::fields::{Field, Kind, owner_column, table};
use super::plan::{Cell, Condition, Plan};
use crate::error::{ApiError, ApiResult};

/// One fetched record: its cells by field key.
pub type Record = HashMap<String, Cell>;

pub fn in_sql(condition: &Condition) -> bool {
    condition.field.column.is_some() && condition.field.kind != Kind::List
}

fn sql_value(field: &Field, cell: &Cell) -> Value {
    match (field.kind, cell) {
        (Kind::Uuid, Cell::Text(raw)) => Uuid::parse_str(raw)
            .map(Value::from)
            .unwrap_or(Value::from(raw.clone())),
        (Kind::Int | Kind::Small | Kind::Money, Cell::Num(n)) => Value::from(*n as i64),
        (_, Cell::Num(n)) => Value::from(*n),
        (_, Cell::Text(s)) => Value::from(s.clone()),
        (_, Cell::Bool(b)) => Value::from(*b),
        (_, Cell::Time(at)) => Value::from(*at),
        (_, Cell::Null | Cell::List(_)) => Value::from(Option::<String>::None),
    }
}

fn like_escaped(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{}%", escaped.to_lowercase())
}

fn sql_condition(condition: &Condition, column: &'static str) -> SimpleExpr {
    let col = || Expr::col(Alias::new(column));
    let first = condition.values.first().map(|v| sql_value(&condition.field, v));
    let first = || first.clone().unwrap_or(Value::from(Option::<String>::None));
    match condition.op {
        FilterOp::Eq => col().eq(first()),
        FilterOp::Ne => col().ne(first()).or(col().is_null()),
        FilterOp::In => col().is_in(condition.values.iter().map(|v| sql_value(&condition.field, v))),
        FilterOp::Gt => col().gt(first()),
        FilterOp::Gte => col().gte(first()),
        FilterOp::Lt => col().lt(first()),
        FilterOp::Lte => col().lte(first()),
        FilterOp::Contains => {
            let needle = match condition.values.first() {
                Some(Cell::Text(t)) => like_escaped(t),
                _ => "%".to_owned(),
            };
            Expr::expr(Func::lower(col())).like(sea_orm::sea_query::LikeExpr::new(needle).escape('\\'))
        }
        FilterOp::IsNull => match condition.values.first() {
            Some(Cell::Bool(false)) => col().is_not_null(),
            _ => col().is_null(),
        },
    }
}

/// The fields the plan reads from each record.
fn needed(plan: &Plan) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    let mut add = |field: &Field| {
        if !fields.iter().any(|f| f.key == field.key) {
            fields.push(field.clone());
        }
    };
    plan.groups.iter().for_each(|(f, _)| add(f));
    plan.measures.iter().filter_map(|m| m.field.as_ref()).for_each(&mut add);
    plan.conditions
        .iter()
        .filter(|c| !in_sql(c))
        .for_each(|c| add(&c.field));
    fields
}

/// The records of `plan` the caller may see (`owner`: only those they own) that meet its
/// conditions on plain columns.
pub fn visible(tenant: TenantId, owner: Option<UserId>, plan: &Plan) -> Cond {
    let mut cond = Cond::all().add(Expr::col(Alias::new("tenant_id")).eq(tenant.0));
    if let Some(owner) = owner {
        cond = match owner_column(plan.entity) {
            Some(column) => cond.add(Expr::col(Alias::new(column)).eq(owner.0)),
            None => cond.add(
                Expr::col(Alias::new("contact_id")).in_subquery(
                    Query::select()
                        .column(Alias::new("id"))
                        .from(Alias::new("contacts"))
                        .and_where(Expr::col(Alias::new("tenant_id")).eq(tenant.0))
                        .and_where(Expr::col(Alias::new("owner_id")).eq(owner.0))
                        .to_owned(),
                ),
            ),
        };
    }
    for condition in plan.conditions.iter().filter(|c| in_sql(c)) {
        if let Some(column) = condition.field.column {
            cond = cond.add(sql_condition(condition, column));
        }
    }
    cond
}

/// Reads the records of `plan` the caller may see (`owner`: only those they own).
pub async fn records(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    owner: Option<UserId>,
    plan: &Plan,
) -> ApiResult<Vec<Record>> {
    let fields = needed(plan);
    let custom = fields.iter().any(|f| f.column.is_none());
    let conversion = plan
        .measures
        .iter()
        .any(|m| m.function == voronka_types::reports::MeasureFn::Conversion);
    let mut select = Query::select();
    select.from(Alias::new(table(plan.entity)));
    for field in &fields {
        if let Some(column) = field.column {
            select.expr_as(Expr::col(Alias::new(column)), Alias::new(format!("f_{}", field.key)));
        }
    }
    if custom {
        select.expr_as(Expr::col(Alias::new("custom_fields")), Alias::new("x_custom"));
    }
    if conversion {
        select.expr_as(Expr::col(Alias::new("status")), Alias::new("x_status"));
        if plan.entity == ReportEntity::Leads {
            select.expr_as(Expr::col(Alias::new("deal_id")), Alias::new("x_deal"));
        }
    }
    if plan.by_currency {
        select.expr_as(Expr::col(Alias::new("currency")), Alias::new("x_currency"));
    }
    select.expr_as(Expr::col(Alias::new("id")), Alias::new("x_id"));
    select.cond_where(visible(tenant, owner, plan));
    let rows = db.query_all(&select).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(read(&row, &fields, plan.entity, custom, conversion, plan.by_currency)?);
    }
    Ok(out)
}

fn read(
    row: &QueryResult,
    fields: &[Field],
    entity: ReportEntity,
    custom: bool,
    conversion: bool,
    by_currency: bool,
) -> ApiResult<Record> {
    let mut record = Record::new();
    let values: serde_json::Map<String, serde_json::Value> = if custom {
        let raw: Option<String> = row.try_get("", "x_custom")?;
        raw.and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default()
    } else {
        serde_json::Map::new()
    };
    for field in fields {
        let cell = match (field.column, field.custom_key()) {
            (Some(_), _) => column_cell(row, &format!("f_{}", field.key), field.kind)?,
            (None, Some(key)) => json_cell(values.get(key), field.kind),
            (None, None) => Cell::Null,
        };
        record.insert(field.key.clone(), cell);
    }
    if conversion {
        let status: Option<String> = row.try_get("", "x_status")?;
        let converted = entity == ReportEntity::Leads && row.try_get::<Option<Uuid>>("", "x_deal")?.is_some();
        let won = converted || status.as_deref() == Some("won");
        record.insert(super::grouped::WON.to_owned(), Cell::Bool(won));
    }
    if by_currency {
        let currency: Option<String> = row.try_get("", "x_currency")?;
        record.insert("currency".to_owned(), currency.map(Cell::Text).unwrap_or(Cell::Null));
    }
    Ok(record)
}

pub fn column_cell(row: &QueryResult, alias: &str, kind: Kind) -> ApiResult<Cell> {
    let cell = match kind {
        Kind::Text | Kind::Date | Kind::Decimal => row.try_get::<Option<String>>("", alias)?.map(Cell::Text),
        Kind::Uuid => row
            .try_get::<Option<Uuid>>("", alias)?
            .map(|id| Cell::Text(id.to_string())),
        Kind::Int | Kind::Money => row.try_get::<Option<i64>>("", alias)?.map(|n| Cell::Num(n as f64)),
        Kind::Small => row.try_get::<Option<i16>>("", alias)?.map(|n| Cell::Num(f64::from(n))),
        Kind::Bool => row.try_get::<Option<bool>>("", alias)?.map(Cell::Bool),
        Kind::Time => row.try_get::<Option<DateTime<Utc>>>("", alias)?.map(Cell::Time),
        Kind::List => row
            .try_get::<Option<String>>("", alias)?
            .map(|raw| Cell::List(serde_json::from_str::<Vec<String>>(&raw).unwrap_or_default())),
    };
    Ok(cell.unwrap_or(Cell::Null))
}

fn json_cell(value: Option<&serde_json::Value>, kind: Kind) -> Cell {
    use serde_json::Value as J;
    match (value, kind) {
        (None | Some(J::Null), _) => Cell::Null,
        (Some(J::Array(items)), _) => Cell::List(items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()),
        (Some(J::Bool(b)), _) => Cell::Bool(*b),
        (Some(J::Number(n)), _) => n.as_f64().map(Cell::Num).unwrap_or(Cell::Null),
        (Some(J::String(s)), Kind::Decimal) => s.parse::<f64>().map(Cell::Num).unwrap_or(Cell::Null),
        (Some(J::String(s)), _) => Cell::Text(s.clone()),
        (Some(J::Object(_)), _) => Cell::Null,
    }
}

/// A scope error for an entity the caller may not read at all.
pub fn forbidden_entity(entity: ReportEntity) -> ApiError {
    ApiError::forbidden(
        "permission_denied",
        format!("your role may not read {}", format!("{entity:?}").to_lowercase()),
    )
}
