//! Reading one custom field value (from a JSON body or a query parameter) as its field's kind.

use chrono::NaiveDate;
use serde_json::Value;
use voronka_types::custom_fields::{CustomField, CustomFieldKind};

/// The longest text value, in characters (it is indexed for exact-match filters).
pub const MAX_TEXT_CHARS: usize = 500;
/// The most digits a number may have: every such decimal survives the round trip
/// through the `f64` column that filters compare, so ranges and equality stay exact.
pub const MAX_NUMBER_DIGITS: usize = 15;

/// A value that matches its field's kind, in canonical form.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    /// The decimal as entered (sign and leading zeros tidied), and its value for comparisons.
    Number {
        decimal: String,
        value: f64,
    },
    Date(NaiveDate),
    /// The option, spelt as in the definition.
    Select(String),
    /// Distinct options, spelt as in the definition, in the order given.
    MultiSelect(Vec<String>),
    Bool(bool),
}

/// One typed row of `custom_field_values`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedRow {
    pub text: Option<String>,
    pub number: Option<f64>,
    pub date: Option<NaiveDate>,
}

impl TypedRow {
    fn text(s: &str) -> Self {
        Self {
            text: Some(s.to_lowercase()),
            number: None,
            date: None,
        }
    }

    fn number(n: f64) -> Self {
        Self {
            text: None,
            number: Some(n),
            date: None,
        }
    }
}

impl FieldValue {
    /// How the value travels in `custom_fields`.
    pub fn to_json(&self) -> Value {
        match self {
            FieldValue::Text(s) | FieldValue::Select(s) => Value::String(s.clone()),
            FieldValue::Number { decimal, .. } => Value::String(decimal.clone()),
            FieldValue::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            FieldValue::MultiSelect(options) => Value::Array(options.iter().cloned().map(Value::String).collect()),
            FieldValue::Bool(b) => Value::Bool(*b),
        }
    }

    /// The rows that let filters find it: text lower-cased, bools as 1/0.
    pub fn rows(&self) -> Vec<TypedRow> {
        match self {
            FieldValue::Text(s) | FieldValue::Select(s) => vec![TypedRow::text(s)],
            FieldValue::MultiSelect(options) => options.iter().map(|o| TypedRow::text(o)).collect(),
            FieldValue::Number { value, .. } => vec![TypedRow::number(*value)],
            FieldValue::Bool(b) => vec![TypedRow::number(if *b { 1.0 } else { 0.0 })],
            FieldValue::Date(d) => vec![TypedRow {
                text: None,
                number: None,
                date: Some(*d),
            }],
        }
    }

    /// A display string for exports: options joined with `, `, bools as `true`/`false`.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(s) | FieldValue::Select(s) => s.clone(),
            FieldValue::Number { decimal, .. } => decimal.clone(),
            FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            FieldValue::MultiSelect(options) => options.join(", "),
            FieldValue::Bool(b) => b.to_string(),
        }
    }
}

/// Reads `raw` as a value of `field`. `Ok(None)` means "no value": `null`, a blank string or
/// an empty array. The error is a message for the user.
pub fn value(field: &CustomField, raw: &Value) -> Result<Option<FieldValue>, String> {
    let blank = match raw {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty() && field.kind == CustomFieldKind::MultiSelect,
        _ => false,
    };
    if blank {
        return Ok(None);
    }
    let parsed = match (field.kind, raw) {
        (CustomFieldKind::Text, Value::String(s)) => text(s)?,
        (CustomFieldKind::Number, Value::Number(n)) => number(&json_number(n)?)?,
        (CustomFieldKind::Number, Value::String(s)) => number(s)?,
        (CustomFieldKind::Date, Value::String(s)) => {
            FieldValue::Date(date(s).ok_or("expected a date as YYYY-MM-DD, like 2026-11-22")?)
        }
        (CustomFieldKind::Select, Value::String(s)) => FieldValue::Select(option(field, s)?),
        (CustomFieldKind::MultiSelect, Value::Array(items)) => {
            let mut chosen: Vec<String> = Vec::new();
            for item in items {
                let picked = item
                    .as_str()
                    .ok_or_else(|| "expected an array of options".to_owned())
                    .and_then(|s| option(field, s))?;
                if !chosen.contains(&picked) {
                    chosen.push(picked);
                }
            }
            FieldValue::MultiSelect(chosen)
        }
        (CustomFieldKind::Bool, Value::Bool(b)) => FieldValue::Bool(*b),
        (kind, _) => return Err(expected(kind).to_owned()),
    };
    Ok(Some(parsed))
}

fn expected(kind: CustomFieldKind) -> &'static str {
    match kind {
        CustomFieldKind::Text => "expected text",
        CustomFieldKind::Number => "expected a number, like 1250.50 or \"1250.50\"",
        CustomFieldKind::Date => "expected a date as YYYY-MM-DD, like 2026-11-22",
        CustomFieldKind::Select => "expected one of the field's options",
        CustomFieldKind::MultiSelect => "expected an array of the field's options",
        CustomFieldKind::Bool => "expected true or false",
    }
}

fn text(raw: &str) -> Result<FieldValue, String> {
    let value = raw.trim();
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("text longer than {MAX_TEXT_CHARS} characters"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("text contains control characters".to_owned());
    }
    Ok(FieldValue::Text(value.to_owned()))
}

/// A JSON number as decimal text; Rust prints floats without exponents.
fn json_number(n: &serde_json::Number) -> Result<String, String> {
    if n.is_i64() || n.is_u64() {
        return Ok(n.to_string());
    }
    n.as_f64()
        .filter(|f| f.is_finite())
        .map(|f| f.to_string())
        .ok_or_else(|| expected(CustomFieldKind::Number).to_owned())
}

fn number(raw: &str) -> Result<FieldValue, String> {
    let decimal = decimal(raw).ok_or_else(|| {
        format!(
            "expected a number with at most {MAX_NUMBER_DIGITS} digits, like 1250.50 (as a string to keep every digit)"
        )
    })?;
    let value = decimal
        .parse::<f64>()
        .map_err(|_| expected(CustomFieldKind::Number).to_owned())?;
    Ok(FieldValue::Number { decimal, value })
}

/// The canonical form of a decimal: `-12.50` for ` -012,50 `. Accepts one `.` or `,` as the
/// separator, an optional sign, and at most [`MAX_NUMBER_DIGITS`] digits (leading zeros of the
/// whole part do not count); the fraction's trailing zeros are kept (`1250.50` stays as written).
pub fn decimal(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let (negative, unsigned) = match trimmed.as_bytes().first()? {
        b'-' => (true, &trimmed[1..]),
        b'+' => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let (int, frac) = match unsigned.split_once(['.', ',']) {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.unwrap_or("");
    if int.len() + frac.len() > MAX_NUMBER_DIGITS {
        return None;
    }
    let is_zero = int.is_empty() && frac.bytes().all(|b| b == b'0');
    let mut out = String::new();
    if negative && !is_zero {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
}

/// `YYYY-MM-DD`, exactly.
pub fn date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    (parsed.format("%Y-%m-%d").to_string() == raw).then_some(parsed)
}

/// `true`/`false` (or `1`/`0`) in a query parameter.
pub fn bool_param(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// The field's option that `raw` names, compared case-insensitively, as the field spells it.
pub fn option(field: &CustomField, raw: &str) -> Result<String, String> {
    let wanted = raw.trim().to_lowercase();
    field
        .options
        .iter()
        .find(|o| o.to_lowercase() == wanted)
        .cloned()
        .ok_or_else(|| {
            let shown: Vec<&str> = field.options.iter().take(10).map(String::as_str).collect();
            let more = if field.options.len() > 10 { ", …" } else { "" };
            format!("`{}` is not one of the options: {}{more}", raw.trim(), shown.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use voronka_types::CustomFieldId;
    use voronka_types::custom_fields::CustomFieldEntity;

    fn field(kind: CustomFieldKind, options: &[&str]) -> CustomField {
        CustomField {
            id: CustomFieldId::new(),
            entity: CustomFieldEntity::Contact,
            key: "f".into(),
            label: "F".into(),
            kind,
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            required: false,
            position: 0,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn parsed(kind: CustomFieldKind, raw: Value) -> Result<Option<Value>, String> {
        value(&field(kind, &["VIP", "Regular"]), &raw).map(|v| v.map(|v| v.to_json()))
    }

    #[test]
    fn decimals_keep_their_digits_and_tidy_their_form() {
        assert_eq!(decimal("1250.50").as_deref(), Some("1250.50"));
        assert_eq!(decimal(" +0012,5 ").as_deref(), Some("12.5"));
        assert_eq!(decimal("-0.00").as_deref(), Some("0.00"));
        assert_eq!(decimal("-.5"), None);
        assert_eq!(decimal("0.000000000000001").as_deref(), Some("0.000000000000001"));
        assert_eq!(decimal("123456789012345").as_deref(), Some("123456789012345"));
        for bad in [
            "",
            "-",
            "1e5",
            "1.2.3",
            "12a",
            "1 000",
            "1234567890123456",
            "0.0000000000000001",
        ] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_are_answered_as_decimal_strings() {
        let n = CustomFieldKind::Number;
        assert_eq!(parsed(n, json!(1250.5)), Ok(Some(json!("1250.5"))));
        assert_eq!(parsed(n, json!(42)), Ok(Some(json!("42"))));
        assert_eq!(parsed(n, json!("1250.50")), Ok(Some(json!("1250.50"))));
        assert!(parsed(n, json!("lots")).is_err());
        assert!(parsed(n, json!(true)).is_err());
        assert!(parsed(n, json!(1e300)).is_err());
    }

    #[test]
    fn each_kind_takes_only_its_own_shape() {
        use CustomFieldKind::*;
        assert_eq!(parsed(Text, json!("  Hello ")), Ok(Some(json!("Hello"))));
        assert!(parsed(Text, json!(5)).is_err());
        assert!(parsed(Text, json!("x".repeat(MAX_TEXT_CHARS + 1))).is_err());
        assert_eq!(parsed(Date, json!("2026-02-28")), Ok(Some(json!("2026-02-28"))));
        for bad in [
            json!("2026-02-30"),
            json!("2026-2-3"),
            json!("28.02.2026"),
            json!(20260228),
        ] {
            assert!(parsed(Date, bad.clone()).is_err(), "{bad}");
        }
        assert_eq!(parsed(Select, json!("vip")), Ok(Some(json!("VIP"))));
        assert!(parsed(Select, json!("Gold")).is_err());
        assert_eq!(
            parsed(MultiSelect, json!(["regular", "VIP", "Regular"])),
            Ok(Some(json!(["Regular", "VIP"])))
        );
        assert!(parsed(MultiSelect, json!("VIP")).is_err());
        assert!(parsed(MultiSelect, json!(["VIP", 3])).is_err());
        assert_eq!(parsed(Bool, json!(false)), Ok(Some(json!(false))));
        assert!(parsed(Bool, json!("yes")).is_err());
    }

    #[test]
    fn null_blank_and_empty_mean_no_value() {
        use CustomFieldKind::*;
        assert_eq!(parsed(Text, json!(null)), Ok(None));
        assert_eq!(parsed(Number, json!("  ")), Ok(None));
        assert_eq!(parsed(MultiSelect, json!([])), Ok(None));
    }

    #[test]
    fn filters_find_values_through_lower_cased_rows() {
        let f = field(CustomFieldKind::MultiSelect, &["VIP", "Опт"]);
        let v = value(&f, &json!(["опт", "vip"])).unwrap().unwrap();
        let texts: Vec<_> = v.rows().into_iter().map(|r| r.text.unwrap()).collect();
        assert_eq!(texts, vec!["опт", "vip"]);
        assert_eq!(v.display(), "Опт, VIP");
        assert_eq!(bool_param("TRUE"), Some(true));
        assert_eq!(bool_param("no"), None);
    }
}
