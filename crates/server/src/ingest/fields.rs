//! Checks shared by the ingest endpoints: external ids, moments, attributes, decimals, and
//! batches (size, duplicate ids, errors named `items[<index>].<field>`).

use chrono::{DateTime, Duration, TimeZone, Utc};
use voronka_types::FieldError;
use voronka_types::purchases::{Attributes, Decimal};

use crate::error::{ApiError, ApiResult};
use crate::validation::{self, Checks};

/// Most items one batch request may carry.
pub const MAX_BATCH: usize = 1_000;
/// Largest attributes object, serialised.
pub const MAX_ATTRIBUTES_BYTES: usize = 16 * 1024;

/// An integrator's id: trimmed, 1–200 characters.
pub fn external_id(checks: &mut Checks, field: &str, raw: &str) -> Option<String> {
    checks.take(validation::text(field, raw, 200))
}

/// A moment that is neither before 1970 nor more than a day ahead of `now`.
pub fn past_moment(
    checks: &mut Checks,
    field: &str,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let at = at?;
    if at > now + Duration::days(1) {
        checks.push(FieldError::new(field, "in_the_future", "must not be in the future"));
        return None;
    }
    if at < Utc.timestamp_opt(0, 0).single().unwrap_or(at) {
        checks.push(FieldError::new(field, "too_early", "must not be before 1970"));
        return None;
    }
    Some(at)
}

/// An attributes object of bounded size.
pub fn attributes(checks: &mut Checks, field: &str, raw: Option<Attributes>) -> Option<Attributes> {
    let raw = raw?;
    let size = serde_json::to_vec(&raw).map_or(usize::MAX, |v| v.len());
    if size > MAX_ATTRIBUTES_BYTES {
        checks.push(FieldError::new(
            field,
            "too_large",
            format!("attributes take at most {MAX_ATTRIBUTES_BYTES} bytes as JSON"),
        ));
        return None;
    }
    Some(raw)
}

/// `stored` with `changes` merged in key by key; `null` removes a key.
pub fn merge_attributes(stored: &str, changes: Attributes) -> Attributes {
    let mut merged: Attributes = serde_json::from_str(stored).unwrap_or_default();
    for (key, value) in changes {
        if value.is_null() {
            merged.remove(&key);
        } else {
            merged.insert(key, value);
        }
    }
    merged
}

/// A decimal's text; JSON numbers in exponent form are refused (they are not exact).
pub fn decimal_text(checks: &mut Checks, field: &str, raw: &Decimal) -> Option<String> {
    let text = raw.as_text();
    if matches!(raw, Decimal::Number(_)) && text.contains(['e', 'E']) {
        checks.push(FieldError::new(
            field,
            "invalid_amount",
            "send this number as a decimal string such as \"1250.50\"",
        ));
        return None;
    }
    Some(text.trim().to_owned())
}

/// 422 naming `items` when a batch is empty or too large.
pub fn batch_size(len: usize) -> ApiResult<()> {
    if len == 0 || len > MAX_BATCH {
        return Err(ApiError::field(
            "items",
            if len == 0 { "required" } else { "too_many" },
            format!("send 1 to {MAX_BATCH} items"),
        ));
    }
    Ok(())
}

/// An item's errors renamed into the batch: `amount` → `items[3].amount`.
pub fn in_batch(index: usize, errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            e.field = format!("items[{index}].{}", e.field);
            e
        })
        .collect()
}

/// Marks every item whose external id an earlier item of the batch already has.
pub fn duplicates_in_batch<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    ids.map(|id| id.is_some_and(|id| !seen.insert(id))).collect()
}

/// The error of a repeated external id.
pub fn repeated(field: &str) -> FieldError {
    FieldError::new(
        field,
        "duplicate_in_batch",
        "an earlier item of this batch has the same external_id",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_merge_key_by_key_and_null_removes() {
        let changes: Attributes = serde_json::from_str(r#"{"tier": "gold", "old": null}"#).unwrap();
        let merged = merge_attributes(r#"{"old": 1, "city": "Kazan"}"#, changes);
        assert_eq!(
            serde_json::Value::Object(merged),
            serde_json::json!({"tier": "gold", "city": "Kazan"})
        );
    }

    #[test]
    fn repeated_external_ids_are_marked_after_their_first_use() {
        let marks = duplicates_in_batch([Some("a"), Some("b"), None, Some("a"), None].into_iter());
        assert_eq!(marks, vec![false, false, false, true, false]);
    }

    #[test]
    fn numbers_in_exponent_form_are_refused() {
        let mut checks = Checks::new();
        let number: Decimal = serde_json::from_str("1e300").unwrap();
        assert_eq!(decimal_text(&mut checks, "amount", &number), None);
        let plain: Decimal = serde_json::from_str("19.99").unwrap();
        assert_eq!(decimal_text(&mut checks, "amount", &plain).as_deref(), Some("19.99"));
        assert_eq!(checks.into_errors().len(), 1);
    }
}
