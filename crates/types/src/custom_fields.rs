//! Custom fields: per-company definitions of extra fields on contacts, companies, leads and
//! deals, and the values records carry for them.
//!
//! Values travel as one JSON object per record, `custom_fields: {"<key>": value}`:
//! text → string; number → a decimal **string** such as `"1250.50"` (a JSON number is accepted
//! on input, but answers always carry the exact decimal as a string so no digits are lost to
//! floating point); date → `"YYYY-MM-DD"`; select → one of the options; multi_select → an array
//! of options; bool → `true`/`false`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::CustomFieldId;

/// Custom field values of one record, keyed by the field's `key`.
pub type CustomFieldValues = serde_json::Map<String, serde_json::Value>;

/// The kind of record a custom field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomFieldEntity {
    Contact,
    Company,
    Lead,
    Deal,
}

impl CustomFieldEntity {
    pub const ALL: [CustomFieldEntity; 4] = [
        CustomFieldEntity::Contact,
        CustomFieldEntity::Company,
        CustomFieldEntity::Lead,
        CustomFieldEntity::Deal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomFieldEntity::Contact => "contact",
            CustomFieldEntity::Company => "company",
            CustomFieldEntity::Lead => "lead",
            CustomFieldEntity::Deal => "deal",
        }
    }

    pub fn parse(s: &str) -> Option<CustomFieldEntity> {
        CustomFieldEntity::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// What a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomFieldKind {
    /// Up to 500 characters.
    Text,
    /// A decimal with at most 15 significant digits, answered as a string (`"1250.50"`).
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// One of `options`.
    Select,
    /// Any number of `options`.
    MultiSelect,
    Bool,
}

impl CustomFieldKind {
    pub const ALL: [CustomFieldKind; 6] = [
        CustomFieldKind::Text,
        CustomFieldKind::Number,
        CustomFieldKind::Date,
        CustomFieldKind::Select,
        CustomFieldKind::MultiSelect,
        CustomFieldKind::Bool,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomFieldKind::Text => "text",
            CustomFieldKind::Number => "number",
            CustomFieldKind::Date => "date",
            CustomFieldKind::Select => "select",
            CustomFieldKind::MultiSelect => "multi_select",
            CustomFieldKind::Bool => "bool",
        }
    }

    pub fn parse(s: &str) -> Option<CustomFieldKind> {
        CustomFieldKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Select and multi-select fields pick from a list of options; the others have none.
    pub fn has_options(self) -> bool {
        matches!(self, CustomFieldKind::Select | CustomFieldKind::MultiSelect)
    }
}

/// A custom field definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomField {
    pub id: CustomFieldId,
    pub entity: CustomFieldEntity,
    /// The name under which values travel in `custom_fields` and in `cf[<key>]` filters:
    /// ASCII lower-case letters, digits and `_`. Unique per company and entity.
    pub key: String,
    pub label: String,
    pub kind: CustomFieldKind,
    /// The choices of a select or multi-select field, in display order; empty otherwise.
    pub options: Vec<String>,
    /// Required on creation of a record.
    pub required: bool,
    /// Display order among the entity's fields, ascending.
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/custom-fields`. Without `key`, the key is made from the label (Cyrillic is
/// transliterated: "Бюджет" → `byudzhet`). Without `position`, the field goes last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCustomField {
    pub entity: CustomFieldEntity,
    pub label: String,
    pub kind: CustomFieldKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
}

/// `PATCH /api/v1/custom-fields/{id}`: only present fields change. `entity`, `kind` and `key`
/// cannot change; sending a different one answers 422 naming it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCustomField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The whole new list. Removing an option that records still use answers 409 `option_in_use`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
    /// Fixed at creation: accepted only when equal to the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<CustomFieldEntity>,
    /// Fixed at creation: accepted only when equal to the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CustomFieldKind>,
    /// Fixed at creation: accepted only when equal to the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// The longest key.
pub const MAX_KEY_CHARS: usize = 50;

/// A key made from a label: Cyrillic transliterated, ASCII letters lower-cased, digits kept,
/// every other run of characters turned into one `_`, at most [`MAX_KEY_CHARS`] characters.
/// Empty when nothing usable is left (a label of emoji, say).
pub fn key_from_label(label: &str) -> String {
    let mut key = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if let Some(latin) = transliterate(c) {
            key.push_str(latin);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let mut key: String = key.trim_end_matches('_').chars().take(MAX_KEY_CHARS).collect();
    while key.ends_with('_') {
        key.pop();
    }
    key
}

/// Whether `key` is a well-formed key: 1–50 of `a-z`, `0-9`, `_`, starting with a letter or digit.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && !key.starts_with('_')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Russian (and Ukrainian/Belarusian) letters in a common passport-style romanisation;
/// soft and hard signs vanish. `None` for anything else.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_labels_become_transliterated_keys() {
        assert_eq!(key_from_label("Бюджет"), "byudzhet");
        assert_eq!(key_from_label("Дата рождения"), "data_rozhdeniya");
        assert_eq!(key_from_label("Объём заказа, м²"), "obyom_zakaza_m");
        assert_eq!(key_from_label("Щука и Ёж"), "shchuka_i_yozh");
    }

    #[test]
    fn latin_labels_are_lower_cased_and_punctuation_collapses() {
        assert_eq!(key_from_label("Budget (RUB)"), "budget_rub");
        assert_eq!(key_from_label("  VIP -- level 2 "), "vip_level_2");
        assert_eq!(key_from_label("🙂🙂"), "");
        assert_eq!(key_from_label(&"Long ".repeat(30)).len(), MAX_KEY_CHARS - 1);
    }

    #[test]
    fn only_well_formed_keys_are_valid() {
        assert!(is_valid_key("budget_2026"));
        for bad in ["", "_x", "Budget", "бюджет", "a-b", &"x".repeat(51)] {
            assert!(!is_valid_key(bad), "{bad}");
        }
    }
}
