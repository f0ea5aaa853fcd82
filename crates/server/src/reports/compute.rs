//! Grouping, measuring and sorting fetched records into a report table. Date buckets are
//! computed here in the company's time zone (identical on SQLite and PostgreSQL, which have no
//! common time-zone arithmetic); a record with several tags counts once under each tag.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{Value, json};
use voronka_types::reports::{Bucket, FilterOp, MeasureFn, ReportColumn, ReportTable, SortDir};

use super::fetch::Record;
use super::fields::Kind;
use super::grouped;
use super::plan::{Cell, Condition, Plan};
use crate::ai::window::Company;

fn matches(record: &Record, condition: &Condition) -> bool {
    let cell = record.get(&condition.field.key).unwrap_or(&Cell::Null);
    let empty = matches!(cell, Cell::Null) || matches!(cell, Cell::List(l) if l.is_empty());
    let equal = |value: &Cell| match (cell, value) {
        (Cell::List(items), Cell::Text(t)) => items.iter().any(|i| i.eq_ignore_ascii_case(t)),
        (Cell::Text(a), Cell::Text(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    };
    let order = |value: &Cell| compare_cells(cell, value);
    let first = condition.values.first().unwrap_or(&Cell::Null);
    match condition.op {
        FilterOp::IsNull => empty == (first == &Cell::Bool(true)),
        FilterOp::Eq => equal(first),
        FilterOp::Ne => !equal(first),
        FilterOp::In => condition.values.iter().any(equal),
        FilterOp::Contains => match (cell, first) {
            (Cell::Text(t), Cell::Text(needle)) => t.to_lowercase().contains(&needle.to_lowercase()),
            (Cell::List(_), _) => equal(first),
            _ => false,
        },
        FilterOp::Gt => !empty && order(first) == Ordering::Greater,
        FilterOp::Gte => !empty && order(first) != Ordering::Less,
        FilterOp::Lt => !empty && order(first) == Ordering::Less,
        FilterOp::Lte => !empty && order(first) != Ordering::Greater,
    }
}

fn compare_cells(a: &Cell, b: &Cell) -> Ordering {
    match (a, b) {
        (Cell::Num(x), Cell::Num(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Cell::Text(x), Cell::Text(y)) => x.cmp(y),
        (Cell::Time(x), Cell::Time(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// The group values of one field of a record: one, or one per tag.
fn keys(cell: &Cell, kind: Kind, bucket: Option<Bucket>, company: &Company) -> Vec<Value> {
    let day = match cell {
        Cell::Time(at) => Some(company.day_of(*at)),
        // A date column, or an instant's local day as grouped in SQL.
        Cell::Text(t) if kind.dated() => NaiveDate::parse_from_str(t, "%Y-%m-%d").ok(),
        _ => None,
    };
    if let (Some(day), Some(bucket)) = (day, bucket) {
        return vec![Value::String(bucketed(day, bucket))];
    }
    match cell {
        Cell::Null => vec![Value::Null],
        Cell::Bool(b) => vec![json!(b)],
        Cell::Num(n) if kind == Kind::Money => vec![json!(money(*n))],
        Cell::Num(n) => vec![json!(n)],
        Cell::Text(t) => vec![json!(t)],
        Cell::Time(at) => vec![json!(at.to_rfc3339())],
        Cell::List(items) if items.is_empty() => vec![Value::Null],
        Cell::List(items) => items.iter().map(|i| json!(i)).collect(),
    }
}

/// `2026-11-09` (day), the Monday of its week, or `2026-11` (month).
pub fn bucketed(day: NaiveDate, bucket: Bucket) -> String {
    match bucket {
        Bucket::Day => day.format("%Y-%m-%d").to_string(),
        Bucket::Week => (day - Duration::days(i64::from(day.weekday().num_days_from_monday())))
            .format("%Y-%m-%d")
            .to_string(),
        Bucket::Month => day.format("%Y-%m").to_string(),
    }
}

/// Minor units as a decimal string with two places.
fn money(minor: f64) -> String {
    let cents = minor.round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

#[derive(Debug, Default, Clone)]
struct Tally {
    count: u64,
    sums: Vec<(f64, u64)>,
    won: u64,
}

/// Orders JSON cells: nulls last, then numbers, then text.
fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(p), Ok(q)) if x.contains('.') && y.contains('.') => p.partial_cmp(&q).unwrap_or(Ordering::Equal),
            _ => x.cmp(y),
        },
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Builds the table of `plan` over `records` (already narrowed by SQL).
pub fn table(plan: &Plan, records: &[Record], company: &Company) -> ReportTable {
    let rust_conditions: Vec<&Condition> = plan
        .conditions
        .iter()
        .filter(|c| c.field.column.is_none() || c.field.kind == Kind::List)
        .collect();
    let mut groups: BTreeMap<String, (Vec<Value>, Tally)> = BTreeMap::new();
    let measure_keys: Vec<(String, String)> = (0..plan.measures.len()).map(grouped::measure_keys).collect();
    for record in records.iter().filter(|r| rust_conditions.iter().all(|c| matches(r, c))) {
        let mut combos: Vec<Vec<Value>> = vec![Vec::new()];
        for (field, bucket) in &plan.groups {
            let cell = record.get(&field.key).unwrap_or(&Cell::Null);
            let values = keys(cell, field.kind, *bucket, company);
            combos = combos
                .into_iter()
                .flat_map(|combo| {
                    values.iter().map(move |v| {
                        let mut next = combo.clone();
                        next.push(v.clone());
                        next
                    })
                })
                .collect();
        }
        if plan.by_currency {
            let currency = match record.get("currency") {
                Some(Cell::Text(c)) => json!(c),
                _ => Value::Null,
            };
            combos.iter_mut().for_each(|combo| combo.push(currency.clone()));
        }
        for combo in combos {
            let id = serde_json::to_string(&combo).unwrap_or_default();
            let (_, tally) = groups.entry(id).or_insert_with(|| {
                (
                    combo,
                    Tally {
                        sums: vec![(0.0, 0); plan.measures.len()],
                        ..Tally::default()
                    },
                )
            });
            // A record grouped in SQL carries its group's count, conversions and sums.
            tally.count += match record.get(grouped::COUNT) {
                Some(Cell::Num(n)) => *n as u64,
                _ => 1,
            };
            match record.get(grouped::WON) {
                Some(Cell::Bool(true)) => tally.won += 1,
                Some(Cell::Num(n)) => tally.won += *n as u64,
                _ => {}
            }
            for (i, measure) in plan.measures.iter().enumerate() {
                let (sum_key, values_key) = &measure_keys[i];
                let value = match (record.get(sum_key), record.get(values_key)) {
                    (Some(Cell::Num(sum)), Some(Cell::Num(n))) => Some((*sum, *n as u64)),
                    _ => measure.field.as_ref().and_then(|f| match record.get(&f.key) {
                        Some(Cell::Num(n)) => Some((*n, 1)),
                        _ => None,
                    }),
                };
                if let (Some((sum, n)), Some(slot)) = (value, tally.sums.get_mut(i)) {
                    slot.0 += sum;
                    slot.1 += n;
                }
            }
        }
    }
    if groups.is_empty() && plan.groups.is_empty() && !plan.by_currency {
        let empty = Tally {
            sums: vec![(0.0, 0); plan.measures.len()],
            ..Tally::default()
        };
        groups.insert(String::new(), (Vec::new(), empty));
    }
    let mut columns: Vec<ReportColumn> = plan
        .groups
        .iter()
        .map(|(field, bucket)| ReportColumn {
            key: field.key.clone(),
            label: field.label.clone(),
            kind: match bucket {
                Some(Bucket::Month) => "month".to_owned(),
                Some(_) => "date".to_owned(),
                None => field.kind.column_type().to_owned(),
            },
        })
        .collect();
    if plan.by_currency {
        columns.push(ReportColumn {
            key: "currency".into(),
            label: "currency".into(),
            kind: "text".into(),
        });
    }
    for measure in &plan.measures {
        let kind = match (measure.function, measure.field.as_ref().map(|f| f.kind)) {
            (MeasureFn::Count, _) => "number",
            (MeasureFn::Conversion, _) => "ratio",
            (_, Some(Kind::Money)) => "money",
            _ => "number",
        };
        columns.push(ReportColumn {
            key: measure.key.clone(),
            label: measure.label.clone(),
            kind: kind.into(),
        });
    }
    let mut rows: Vec<Vec<Value>> = groups
        .into_values()
        .map(|(mut row, tally)| {
            for (i, measure) in plan.measures.iter().enumerate() {
                let (sum, n) = tally.sums.get(i).copied().unwrap_or((0.0, 0));
                let is_money = measure.field.as_ref().is_some_and(|f| f.kind == Kind::Money);
                let cell = match measure.function {
                    MeasureFn::Count => json!(tally.count),
                    MeasureFn::Conversion => json!(round(tally.won as f64 / tally.count.max(1) as f64, 4)),
                    MeasureFn::Sum if is_money => json!(money(sum)),
                    MeasureFn::Sum => json!(round(sum, 6)),
                    MeasureFn::Avg if n == 0 => Value::Null,
                    MeasureFn::Avg if is_money => json!(money(sum / n as f64)),
                    MeasureFn::Avg => json!(round(sum / n as f64, 6)),
                };
                row.push(cell);
            }
            row
        })
        .collect();
    let index = |key: &str| columns.iter().position(|c| c.key == key);
    let mut order: Vec<(usize, SortDir)> = plan
        .sort
        .iter()
        .filter_map(|(k, d)| index(k).map(|i| (i, *d)))
        .collect();
    order.extend((0..plan.groups.len() + usize::from(plan.by_currency)).map(|i| (i, SortDir::Asc)));
    rows.sort_by(|a, b| {
        order
            .iter()
            .map(|(i, dir)| {
                let ord = compare_values(&a[*i], &b[*i]);
                if *dir == SortDir::Desc { ord.reverse() } else { ord }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let total_rows = rows.len() as u64;
    rows.truncate(plan.limit);
    ReportTable {
        columns,
        rows,
        total_rows,
    }
}

fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}
