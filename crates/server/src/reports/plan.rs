//! Checking a report query against the entity's fields: every unknown field, measure, bucket
//! or value answers 422 naming its path (`group_by[1].field`, `filters[0].value`).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use voronka_types::reports::{Bucket, FilterOp, MeasureFn, ReportEntity, ReportQuery, SortDir};

use super::fields::{Catalog, Field, Kind};
use crate::ai::window::Company;
use crate::error::{ApiError, ApiResult};

/// The most rows a query answers.
pub const MAX_LIMIT: u32 = 1000;
const DEFAULT_LIMIT: u32 = 100;
const MAX_FILTERS: usize = 20;
const MAX_MEASURES: usize = 10;

/// A value as the engine compares it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Num(f64),
    Text(String),
    Time(DateTime<Utc>),
    List(Vec<String>),
}

/// A checked filter: its operand(s) converted to the field's kind.
#[derive(Debug, Clone)]
pub struct Condition {
    pub field: Field,
    pub op: FilterOp,
    /// One operand, or several for `in`; for `is_null`, `Bool(true|false)`.
    pub values: Vec<Cell>,
}

/// A checked measure.
#[derive(Debug, Clone)]
pub struct Measure {
    pub function: MeasureFn,
    pub field: Option<Field>,
    /// `count`, `conversion` or `<fn>_<field>`.
    pub key: String,
    pub label: String,
}

/// A checked query.
#[derive(Debug, Clone)]
pub struct Plan {
    pub entity: ReportEntity,
    pub conditions: Vec<Condition>,
    pub groups: Vec<(Field, Option<Bucket>)>,
    pub measures: Vec<Measure>,
    /// Column keys (group fields, the implicit currency, measures) and directions.
    pub sort: Vec<(String, SortDir)>,
    pub limit: usize,
    /// Money measures without a currency group: rows are split by currency anyway.
    pub by_currency: bool,
}

fn unknown(path: String, what: &str, name: &str) -> ApiError {
    ApiError::field(path, "unknown_field", format!("{what} has no field `{name}`"))
}

/// Checks `query` against `catalog` (the entity's fields for the company).
pub fn check(query: &ReportQuery, catalog: &Catalog, company: &Company) -> ApiResult<Plan> {
    let entity = query.entity;
    let what = format!("{entity:?}").to_lowercase();
    if query.filters.len() > MAX_FILTERS {
        return Err(ApiError::field(
            "filters",
            "too_many",
            format!("at most {MAX_FILTERS} filters"),
        ));
    }
    let mut conditions = Vec::new();
    for (i, filter) in query.filters.iter().enumerate() {
        let field = catalog
            .find(&filter.field)
            .ok_or_else(|| unknown(format!("filters[{i}].field"), &what, &filter.field))?;
        let values = operands(&field, filter.op, &filter.value, company)
            .map_err(|message| ApiError::field(format!("filters[{i}].value"), "invalid_value", message))?;
        conditions.push(Condition {
            field,
            op: filter.op,
            values,
        });
    }
    if query.group_by.len() > 2 {
        return Err(ApiError::field("group_by", "too_many", "group by at most two fields"));
    }
    let mut groups: Vec<(Field, Option<Bucket>)> = Vec::new();
    for (i, group) in query.group_by.iter().enumerate() {
        let field = catalog
            .find(&group.field)
            .ok_or_else(|| unknown(format!("group_by[{i}].field"), &what, &group.field))?;
        if groups.iter().any(|(seen, _)| seen.key == field.key) {
            return Err(ApiError::field(
                format!("group_by[{i}].field"),
                "duplicate",
                "already grouped by this field",
            ));
        }
        let bucket = match (group.bucket, field.kind.dated()) {
            (Some(_), false) => {
                return Err(ApiError::field(
                    format!("group_by[{i}].bucket"),
                    "invalid_value",
                    "only date fields take a bucket",
                ));
            }
            (bucket, true) => Some(bucket.unwrap_or(Bucket::Day)),
            (None, false) => None,
        };
        groups.push((field, bucket));
    }
    let measures = measures(query, catalog)?;
    let money = measures
        .iter()
        .any(|m| m.field.as_ref().is_some_and(|f| f.kind == Kind::Money));
    let by_currency = money && catalog.has_currency() && !groups.iter().any(|(f, _)| f.key == "currency");
    let mut keys: Vec<String> = groups.iter().map(|(f, _)| f.key.clone()).collect();
    if by_currency {
        keys.push("currency".to_owned());
    }
    keys.extend(measures.iter().map(|m| m.key.clone()));
    let mut sort = Vec::new();
    for (i, by) in query.sort.iter().enumerate() {
        if !keys.contains(&by.by) {
            return Err(ApiError::field(
                format!("sort[{i}].by"),
                "unknown_field",
                format!("sort by one of: {}", keys.join(", ")),
            ));
        }
        sort.push((by.by.clone(), by.dir));
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::field(
            "limit",
            "out_of_range",
            format!("limit is 1 to {MAX_LIMIT}"),
        ));
    }
    Ok(Plan {
        entity,
        conditions,
        groups,
        measures,
        sort,
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
        by_currency,
    })
}

fn measures(query: &ReportQuery, catalog: &Catalog) -> ApiResult<Vec<Measure>> {
    if query.measures.len() > MAX_MEASURES {
        return Err(ApiError::field(
            "measures",
            "too_many",
            format!("at most {MAX_MEASURES} measures"),
        ));
    }
    let mut out: Vec<Measure> = Vec::new();
    let wanted = if query.measures.is_empty() {
        vec![voronka_types::reports::ReportMeasure {
            function: MeasureFn::Count,
            field: None,
        }]
    } else {
        query.measures.clone()
    };
    for (i, measure) in wanted.iter().enumerate() {
        let (key, label, field) = match measure.function {
            MeasureFn::Count => ("count".to_owned(), "Count".to_owned(), None),
            MeasureFn::Conversion => {
                if !matches!(catalog.entity, ReportEntity::Leads | ReportEntity::Deals) {
                    return Err(ApiError::field(
                        format!("measures[{i}].fn"),
                        "unknown_measure",
                        "conversion is measured on leads and deals",
                    ));
                }
                ("conversion".to_owned(), "Conversion".to_owned(), None)
            }
            MeasureFn::Sum | MeasureFn::Avg => {
                let path = format!("measures[{i}].field");
                let name = measure
                    .field
                    .as_deref()
                    .ok_or_else(|| ApiError::field(path.clone(), "required", "sum and avg need a numeric field"))?;
                let field = catalog
                    .find(name)
                    .ok_or_else(|| unknown(path.clone(), &format!("{:?}", catalog.entity).to_lowercase(), name))?;
                if !field.kind.numeric() {
                    return Err(ApiError::field(
                        path,
                        "not_numeric",
                        format!("`{name}` is not a number"),
                    ));
                }
                let verb = if measure.function == MeasureFn::Sum {
                    "sum"
                } else {
                    "avg"
                };
                (
                    format!("{verb}_{name}"),
                    format!("{verb} of {}", field.label),
                    Some(field),
                )
            }
        };
        if out.iter().any(|m| m.key == key) {
            return Err(ApiError::field(
                format!("measures[{i}]"),
                "duplicate",
                "this measure is already asked",
            ));
        }
        out.push(Measure {
            function: measure.function,
            field,
            key,
            label,
        });
    }
    Ok(out)
}

/// The operands of a filter, converted to the field's kind.
fn operands(field: &Field, op: FilterOp, value: &Value, company: &Company) -> Result<Vec<Cell>, String> {
    match op {
        FilterOp::IsNull => match value {
            Value::Null => Ok(vec![Cell::Bool(true)]),
            Value::Bool(b) => Ok(vec![Cell::Bool(*b)]),
            _ => Err("is_null takes true, false or nothing".into()),
        },
        FilterOp::In => {
            let items = value.as_array().ok_or("`in` takes an array of values")?;
            if items.is_empty() || items.len() > 100 {
                return Err("`in` takes 1 to 100 values".into());
            }
            items.iter().map(|item| operand(field, item, company)).collect()
        }
        FilterOp::Contains if !matches!(field.kind, Kind::Text | Kind::List) => {
            Err("`contains` works on text fields, tags and multi-selects".into())
        }
        FilterOp::Gt | FilterOp::Gte | FilterOp::Lt | FilterOp::Lte
            if matches!(field.kind, Kind::Bool | Kind::List | Kind::Uuid) =>
        {
            Err("this field cannot be compared by order".into())
        }
        _ => Ok(vec![operand(field, value, company)?]),
    }
}

fn operand(field: &Field, value: &Value, company: &Company) -> Result<Cell, String> {
    let text = || {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "expected a string".to_owned())
    };
    match field.kind {
        Kind::Text | Kind::List => match value {
            Value::Number(n) => Ok(Cell::Text(n.to_string())),
            _ => text().map(Cell::Text),
        },
        Kind::Uuid => {
            let raw = text()?;
            uuid::Uuid::parse_str(&raw).map_err(|_| "expected a UUID".to_owned())?;
            Ok(Cell::Text(raw.to_lowercase()))
        }
        Kind::Int | Kind::Small | Kind::Decimal => number(value).map(Cell::Num),
        Kind::Money => number(value).map(|major| Cell::Num((major * 100.0).round())),
        Kind::Bool => value
            .as_bool()
            .map(Cell::Bool)
            .ok_or_else(|| "expected true or false".into()),
        Kind::Date => {
            let raw = text()?;
            NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_err(|_| "expected YYYY-MM-DD".to_owned())?;
            Ok(Cell::Text(raw))
        }
        Kind::Time => {
            let raw = text()?;
            if let Ok(day) = NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
                return Ok(Cell::Time(company.start_of(day)));
            }
            DateTime::parse_from_rfc3339(&raw)
                .map(|at| Cell::Time(at.with_timezone(&Utc)))
                .map_err(|_| "expected YYYY-MM-DD or an RFC 3339 instant".to_owned())
        }
    }
}

fn number(value: &Value) -> Result<f64, String> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|n| n.is_finite())
    .ok_or_else(|| "expected a number".to_owned())
}
