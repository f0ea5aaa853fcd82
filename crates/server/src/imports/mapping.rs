//! The column mapping of an import: file header → field, checked against the file and the
//! company's custom fields.
//!
//! Targets: contacts `name`, `phone`, `email`, `city`, `source`, `tags`; leads `name` (the
//! contact's name, which the card shows), `title` (the lead's own name, when it differs),
//! `phone`, `email`, `city`, `source`, `tags`, `stage` (a stage name or key of the default lead
//! pipeline), `amount`, `currency`, `score`, `temperature`, `message`; both `cf.<key>` for a
//! custom field. `phone`, `email` and `tags` may take several columns, and a cell may hold
//! several values separated by `,` or `;`. An empty target (or `null`) skips the column.

use serde_json::{Map, Value};
use voronka_types::FieldError;
use voronka_types::custom_fields::CustomField;
use voronka_types::imports::ImportKind;

use crate::error::{ApiError, ApiResult};
use crate::validation::Checks;

/// What a column fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Name,
    Title,
    Phone,
    Email,
    City,
    Source,
    Tags,
    Stage,
    Amount,
    Currency,
    Score,
    Temperature,
    Message,
    Custom(String),
}

const CONTACT_TARGETS: &[(&str, Target)] = &[
    ("name", Target::Name),
    ("phone", Target::Phone),
    ("email", Target::Email),
    ("city", Target::City),
    ("source", Target::Source),
    ("tags", Target::Tags),
];

const LEAD_TARGETS: &[(&str, Target)] = &[
    ("name", Target::Name),
    ("title", Target::Title),
    ("phone", Target::Phone),
    ("email", Target::Email),
    ("city", Target::City),
    ("source", Target::Source),
    ("tags", Target::Tags),
    ("stage", Target::Stage),
    ("amount", Target::Amount),
    ("currency", Target::Currency),
    ("score", Target::Score),
    ("temperature", Target::Temperature),
    ("message", Target::Message),
];

fn targets(kind: ImportKind) -> &'static [(&'static str, Target)] {
    match kind {
        ImportKind::Contacts => CONTACT_TARGETS,
        ImportKind::Leads => LEAD_TARGETS,
    }
}

/// One mapped column: where it is in the row, its header, what it fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub target: Target,
}

/// A mapping checked against the file's header and the company's custom fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub columns: Vec<Column>,
    /// The company's custom fields of the imported entity.
    pub fields: Vec<CustomField>,
}

/// The `mapping` form field: a JSON object of header → target.
pub fn parse(raw: &str) -> ApiResult<Map<String, Value>> {
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(map)) if !map.is_empty() => Ok(map),
        _ => Err(ApiError::field(
            "mapping",
            "invalid_mapping",
            r#"give a JSON object of column header → field, like {"Имя": "name", "Телефон": "phone"}"#,
        )),
    }
}

/// Checks `raw` against the file's `headers` and the custom `fields`: 422 naming
/// `mapping.<header>` for an unknown target, a header the file lacks or a field given twice.
pub fn resolve(
    kind: ImportKind,
    raw: &Map<String, Value>,
    headers: &[String],
    fields: Vec<CustomField>,
) -> ApiResult<Mapping> {
    let mut checks = Checks::new();
    let mut columns: Vec<Column> = Vec::new();
    for (header, target) in raw {
        let name = format!("mapping.{header}");
        let target = match target {
            Value::Null => continue,
            Value::String(t) if t.trim().is_empty() => continue,
            Value::String(t) => t.trim(),
            _ => {
                checks.push(FieldError::new(name, "invalid_type", "the field name must be a string"));
                continue;
            }
        };
        let parsed = match target.strip_prefix("cf.") {
            Some(key) if fields.iter().any(|f| f.key == key) => Some(Target::Custom(key.to_owned())),
            Some(_) => None,
            None => targets(kind).iter().find(|(n, _)| *n == target).map(|(_, t)| t.clone()),
        };
        let Some(parsed) = parsed else {
            let known: Vec<&str> = targets(kind).iter().map(|(n, _)| *n).collect();
            checks.push(FieldError::new(
                name,
                "unknown_target",
                format!(
                    "`{target}` is not a field of {}: use {} or cf.<key> of a custom field",
                    kind.as_str(),
                    known.join(", ")
                ),
            ));
            continue;
        };
        let Some(index) = headers.iter().position(|h| h == header.trim()) else {
            checks.push(FieldError::new(
                name,
                "unknown_column",
                format!("the file has no column `{header}`"),
            ));
            continue;
        };
        let repeatable = matches!(parsed, Target::Phone | Target::Email | Target::Tags);
        if !repeatable && columns.iter().any(|c| c.target == parsed) {
            checks.push(FieldError::new(
                name,
                "duplicate_target",
                format!("another column already fills `{target}`"),
            ));
            continue;
        }
        columns.push(Column {
            index,
            header: header.trim().to_owned(),
            target: parsed,
        });
    }
    let has = |t: &Target| columns.iter().any(|c| &c.target == t);
    if checks.is_clean() {
        match kind {
            ImportKind::Contacts if !has(&Target::Name) => checks.push(FieldError::new(
                "mapping",
                "name_required",
                "map a column to `name`: every contact needs one",
            )),
            ImportKind::Leads if ![Target::Name, Target::Phone, Target::Email].iter().any(has) => {
                checks.push(FieldError::new(
                    "mapping",
                    "contact_required",
                    "map a column to `name`, `phone` or `email`: every lead needs a contact",
                ))
            }
            _ => {}
        }
    }
    checks.finish()?;
    columns.sort_by_key(|c| c.index);
    Ok(Mapping { columns, fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers() -> Vec<String> {
        ["Имя", "Телефон", "Телефон 2", "Почта"].map(String::from).to_vec()
    }

    fn mapping(raw: Value) -> ApiResult<Mapping> {
        let Value::Object(map) = raw else {
            panic!("not an object")
        };
        resolve(ImportKind::Contacts, &map, &headers(), Vec::new())
    }

    fn fields_of(err: ApiError) -> Vec<String> {
        match err {
            ApiError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn unknown_targets_missing_headers_and_doubled_fields_are_named() {
        let err = mapping(json!({"Имя": "name", "Телефон": "fax", "Нет": "email", "Почта": "name"})).unwrap_err();
        let mut fields = fields_of(err);
        fields.sort();
        assert_eq!(fields, vec!["mapping.Нет", "mapping.Почта", "mapping.Телефон"]);
        assert_eq!(
            fields_of(mapping(json!({"Телефон": "phone"})).unwrap_err()),
            vec!["mapping"]
        );
        assert!(parse("[1]").is_err() && parse("{}").is_err() && parse("{\"a\": \"name\"}").is_ok());
    }
}
