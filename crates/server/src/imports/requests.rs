//! Turning one row's cells into the request the contacts or leads API takes, remembering which
//! column each field came from so errors can name it.

use serde_json::Value;
use voronka_types::FieldError;
use voronka_types::contacts::{CreateContact, Source};
use voronka_types::custom_fields::{CustomField, CustomFieldKind};
use voronka_types::imports::ImportKind;
use voronka_types::leads::{CreateLead, LeadContactInput, Temperature};

use super::mapping::{Column, Mapping, Target};
use crate::pipelines::entity::stage;

/// One row as an API request, with the columns its fields came from (to name them in errors)
/// and problems found before the API's own checks.
#[derive(Debug, Clone, Default)]
pub struct Prepared<T> {
    pub request: T,
    /// API field (`phones[1]`, `custom_fields.budget`) → header.
    pub columns: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

/// The header `field` came from: the field itself, or its list (`phones` for `phones[2]`).
pub fn column_of(columns: &[(String, String)], field: &str) -> Option<String> {
    let base = field.split('[').next().unwrap_or(field);
    columns
        .iter()
        .find(|(f, _)| f == field)
        .or_else(|| columns.iter().find(|(f, _)| f.split('[').next() == Some(base)))
        .map(|(_, header)| header.clone())
}

/// A cell holding several values: split on `,`, `;` and line breaks.
fn list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A cell as the JSON value a custom field of its kind takes.
fn custom_value(field: &CustomField, cell: &str) -> Value {
    match field.kind {
        CustomFieldKind::MultiSelect => Value::Array(list(cell).into_iter().map(Value::String).collect()),
        CustomFieldKind::Bool => match cell.to_lowercase().as_str() {
            "true" | "1" | "yes" | "y" | "да" | "+" => Value::Bool(true),
            "false" | "0" | "no" | "n" | "нет" | "-" => Value::Bool(false),
            _ => Value::String(cell.to_owned()),
        },
        // 22.11.2026, as Russian spreadsheets write dates.
        CustomFieldKind::Date => Value::String(
            chrono::NaiveDate::parse_from_str(cell, "%d.%m.%Y")
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|_| cell.to_owned()),
        ),
        _ => Value::String(cell.to_owned()),
    }
}

fn invalid(field: &str, message: String) -> FieldError {
    FieldError::new(field, "invalid_value", message)
}

fn source(cell: &str) -> Result<Source, FieldError> {
    Source::parse(&cell.to_lowercase()).ok_or_else(|| {
        let all: Vec<&str> = Source::ALL.iter().map(|s| s.as_str()).collect();
        invalid("source", format!("`{cell}` is not a source: {}", all.join(", ")))
    })
}

/// The non-empty cells of the row's mapped columns.
fn cells<'a>(mapping: &'a Mapping, row: &'a [String]) -> impl Iterator<Item = (&'a Column, &'a str)> {
    mapping
        .columns
        .iter()
        .filter_map(|c| row.get(c.index).map(|cell| (c, cell.as_str())))
        .filter(|(_, cell)| !cell.is_empty())
}

/// The API field a column fills, for naming it in errors (even when its cell is empty).
fn base_field(kind: ImportKind, target: &Target) -> String {
    let name = match (kind, target) {
        (_, Target::Custom(key)) => return format!("custom_fields.{key}"),
        (ImportKind::Leads, Target::Name) => "contact.name",
        (ImportKind::Leads, Target::Phone) => "contact.phones",
        (ImportKind::Leads, Target::Email) => "contact.emails",
        (_, Target::Title | Target::Name) => "name",
        (_, Target::Phone) => "phones",
        (_, Target::Email) => "emails",
        (_, Target::City) => "city",
        (_, Target::Source) => "source",
        (_, Target::Tags) => "tags",
        (_, Target::Stage) => "stage",
        (_, Target::Amount) => "amount",
        (_, Target::Currency) => "currency",
        (_, Target::Score) => "score",
        (_, Target::Temperature) => "temperature",
        (_, Target::Message) => "message",
    };
    name.to_owned()
}

fn mapped_columns(kind: ImportKind, mapping: &Mapping) -> Vec<(String, String)> {
    mapping
        .columns
        .iter()
        .map(|c| (base_field(kind, &c.target), c.header.clone()))
        .collect()
}

/// A contact row as `POST /contacts` takes it (source `import` unless a column says).
pub fn contact_row(mapping: &Mapping, row: &[String]) -> Prepared<CreateContact> {
    let mut out = Prepared {
        request: CreateContact {
            source: Some(Source::Import),
            ..CreateContact::default()
        },
        columns: mapped_columns(ImportKind::Contacts, mapping),
        errors: Vec::new(),
    };
    for (column, cell) in cells(mapping, row) {
        let header = column.header.clone();
        let req = &mut out.request;
        let field = match &column.target {
            Target::Name => {
                req.name = cell.to_owned();
                "name".to_owned()
            }
            Target::Phone => add_list(&mut req.phones, cell, "phones", &header, &mut out.columns),
            Target::Email => add_list(&mut req.emails, cell, "emails", &header, &mut out.columns),
            Target::Tags => add_list(&mut req.tags, cell, "tags", &header, &mut out.columns),
            Target::City => {
                req.city = Some(cell.to_owned());
                "city".to_owned()
            }
            Target::Source => {
                match source(cell) {
                    Ok(s) => req.source = Some(s),
                    Err(e) => out.errors.push(e),
                }
                "source".to_owned()
            }
            Target::Custom(key) => {
                if let Some(field) = mapping.fields.iter().find(|f| &f.key == key) {
                    req.custom_fields.insert(key.clone(), custom_value(field, cell));
                }
                format!("custom_fields.{key}")
            }
            _ => continue,
        };
        out.columns.push((field, header));
    }
    out
}

/// Adds a cell's values to a list field, remembering which header each index came from;
/// answers the list's field name.
fn add_list(
    target: &mut Vec<String>,
    cell: &str,
    field: &str,
    header: &str,
    columns: &mut Vec<(String, String)>,
) -> String {
    for value in list(cell) {
        columns.push((format!("{field}[{}]", target.len()), header.to_owned()));
        target.push(value);
    }
    field.to_owned()
}

/// A lead row as `POST /leads` takes it; `stages` are those of the default lead pipeline.
pub fn lead_row(mapping: &Mapping, stages: &[stage::Model], row: &[String]) -> Prepared<CreateLead> {
    let mut out = Prepared {
        request: CreateLead {
            source: Some(Source::Import),
            ..CreateLead::default()
        },
        columns: mapped_columns(ImportKind::Leads, mapping),
        errors: Vec::new(),
    };
    let mut contact = LeadContactInput::default();
    for (column, cell) in cells(mapping, row) {
        let header = column.header.clone();
        let req = &mut out.request;
        let field = match &column.target {
            Target::Name => {
                contact.name = Some(cell.to_owned());
                "contact.name".to_owned()
            }
            Target::Title => {
                req.name = Some(cell.to_owned());
                "name".to_owned()
            }
            Target::Phone => add_list(&mut contact.phones, cell, "contact.phones", &header, &mut out.columns),
            Target::Email => add_list(&mut contact.emails, cell, "contact.emails", &header, &mut out.columns),
            Target::Tags => add_list(&mut req.tags, cell, "tags", &header, &mut out.columns),
            Target::City => {
                req.city = Some(cell.to_owned());
                "city".to_owned()
            }
            Target::Source => {
                match source(cell) {
                    Ok(s) => req.source = Some(s),
                    Err(e) => out.errors.push(e),
                }
                "source".to_owned()
            }
            Target::Stage => {
                let wanted = cell.to_lowercase();
                let found = stages
                    .iter()
                    .find(|s| s.name.to_lowercase() == wanted || s.key.as_deref() == Some(wanted.as_str()));
                match found {
                    Some(stage) => req.stage_id = Some(stage.id.into()),
                    None => {
                        let names: Vec<&str> = stages.iter().map(|s| s.name.as_str()).collect();
                        out.errors.push(FieldError::new(
                            "stage",
                            "unknown_stage",
                            format!("no stage `{cell}` in the lead pipeline: {}", names.join(", ")),
                        ));
                    }
                }
                "stage".to_owned()
            }
            Target::Amount => {
                req.amount = Some(cell.replace([' ', '\u{a0}'], ""));
                "amount".to_owned()
            }
            Target::Currency => {
                req.currency = Some(cell.to_uppercase());
                "currency".to_owned()
            }
            Target::Score => {
                match cell.parse::<u8>() {
                    Ok(score) => req.score = Some(score),
                    Err(_) => out
                        .errors
                        .push(invalid("score", "expected a whole number from 0 to 100".into())),
                }
                "score".to_owned()
            }
            Target::Temperature => {
                match temperature(cell) {
                    Some(t) => req.temperature = Some(t),
                    None => out
                        .errors
                        .push(invalid("temperature", "expected hot, warm or cold".into())),
                }
                "temperature".to_owned()
            }
            Target::Message => {
                req.message = Some(cell.to_owned());
                "message".to_owned()
            }
            Target::Custom(key) => {
                if let Some(field) = mapping.fields.iter().find(|f| &f.key == key) {
                    req.custom_fields.insert(key.clone(), custom_value(field, cell));
                }
                format!("custom_fields.{key}")
            }
        };
        out.columns.push((field, header));
    }
    out.request.contact = Some(contact);
    out
}

fn temperature(cell: &str) -> Option<Temperature> {
    match cell.to_lowercase().as_str() {
        "горячий" => Some(Temperature::Hot),
        "тёплый" | "теплый" => Some(Temperature::Warm),
        "холодный" => Some(Temperature::Cold),
        other => Temperature::parse(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imports::mapping::resolve;
    use serde_json::json;

    #[test]
    fn several_columns_fill_phones_and_errors_point_back_to_them() {
        let m = contacts_mapping(json!({"Имя": "name", "Телефон": "phone", "Телефон 2": "phone", "Почта": ""}));
        let row = ["Анна", "+7 916 123-45-67", "8 495 1; 8 495 2", "a@b.co"].map(String::from);
        let prepared = contact_row(&m, &row);
        assert_eq!(prepared.request.phones.len(), 3);
        assert!(prepared.request.emails.is_empty(), "the skipped column fills nothing");
        assert_eq!(prepared.request.source, Some(Source::Import));
        assert_eq!(column_of(&prepared.columns, "phones[2]").as_deref(), Some("Телефон 2"));
        assert_eq!(column_of(&prepared.columns, "phones").as_deref(), Some("Телефон"));
        assert_eq!(column_of(&prepared.columns, "name").as_deref(), Some("Имя"));
    }

    fn contacts_mapping(raw: Value) -> Mapping {
        let Value::Object(map) = raw else {
            panic!("not an object")
        };
        let headers = ["Имя", "Телефон", "Телефон 2", "Почта"].map(String::from);
        resolve(ImportKind::Contacts, &map, &headers, Vec::new()).unwrap()
    }
}
