//! Lead classification by the LLM: a `json_schema` answer (intent, confidence, the details
//! and the company's qualification fields), validated — the intent from the enum, the
//! confidence in 0–1, phones and e-mails re-checked, details that are not in the message and
//! unknown fields dropped — then merged into the rules' answer, which stays when the LLM is
//! skipped or fails.

use std::collections::BTreeMap;

use phonenumber::country::Id as Country;
use sea_orm::ConnectionTrait;
use serde_json::{Map, Value, json};
use voronka_insights::classify::{FieldKind, QualificationField};
use voronka_types::TenantId;
use voronka_types::ai::{FoundPhone, Intent, LeadClassification};

use super::{Llm, Purpose, Question};
use crate::contacts::phone;

const PROMPT: &str = include_str!("../../../prompts/classify.md");

/// The longest detail kept, in characters.
const MAX_DETAIL_CHARS: usize = 200;

/// The longest string the schema lets the LLM write (a small model rambles otherwise).
const MAX_SCHEMA_CHARS: u32 = 60;

/// Enough for the answer's JSON with every string at its longest.
const MAX_ANSWER_TOKENS: u32 = 240;

/// What the LLM read in a message, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub intent: Intent,
    pub confidence: f64,
    pub name: Option<String>,
    pub phone: Option<FoundPhone>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub preferred_time: Option<String>,
    pub fields: BTreeMap<String, String>,
}

/// The answer's JSON schema: every property required, nothing else allowed.
pub fn schema(fields: &[QualificationField]) -> Value {
    let text = json!({"type": "string", "maxLength": MAX_SCHEMA_CHARS});
    let mut properties = Map::new();
    for field in fields {
        let property = match &field.kind {
            FieldKind::Select(options) => {
                let mut values: Vec<Value> = options.iter().map(|o| json!(o)).collect();
                values.push(json!(""));
                json!({"type": "string", "enum": values})
            }
            FieldKind::Bool => json!({"type": "string", "enum": ["true", "false", ""]}),
            FieldKind::Text | FieldKind::Number => text.clone(),
        };
        properties.insert(field.key.clone(), property);
    }
    let keys: Vec<&String> = properties.keys().collect();
    json!({
        "type": "object",
        "properties": {
            "intent": {"type": "string", "enum": Intent::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>()},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "name": text, "phone": text, "email": text, "city": text, "preferred_time": text,
            "fields": {"type": "object", "properties": properties, "required": keys, "additionalProperties": false},
        },
        "required": ["intent", "confidence", "name", "phone", "email", "city", "preferred_time", "fields"],
        "additionalProperties": false,
    })
}

/// The prompt's words for the company's fields.
fn fields_hint(fields: &[QualificationField]) -> String {
    if fields.is_empty() {
        return "an empty object {}".into();
    }
    let described: Vec<String> = fields
        .iter()
        .map(|f| match &f.kind {
            FieldKind::Select(options) => format!("\"{}\" ({}: one of {} or \"\")", f.key, f.label, options.join(", ")),
            FieldKind::Bool => format!("\"{}\" ({}: \"true\", \"false\" or \"\")", f.key, f.label),
            FieldKind::Number => format!("\"{}\" ({}: a number as written, or \"\")", f.key, f.label),
            FieldKind::Text => format!("\"{}\" ({}: as written, or \"\")", f.key, f.label),
        })
        .collect();
    format!("an object with {}", described.join(", "))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A detail kept only when the message says it.
fn detail(value: Option<&Value>, message: &str) -> Option<String> {
    let text = value?.as_str()?.trim();
    (!text.is_empty() && text.chars().count() <= MAX_DETAIL_CHARS && squash(message).contains(&squash(text)))
        .then(|| text.to_owned())
}

fn field_value(field: &QualificationField, value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    if text.is_empty() || text.chars().count() > MAX_DETAIL_CHARS {
        return None;
    }
    match &field.kind {
        FieldKind::Text => Some(text),
        FieldKind::Number => text
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|_| text),
        FieldKind::Select(options) => options
            .iter()
            .find(|o| o.eq_ignore_ascii_case(&text) || o.to_lowercase() == text.to_lowercase())
            .cloned(),
        FieldKind::Bool => match text.to_lowercase().as_str() {
            "true" => Some("true".into()),
            "false" => Some("false".into()),
            _ => None,
        },
    }
}

/// Checks the LLM's answer about `message`; `Err` says why it is rejected.
pub fn accept(
    answer: &str,
    message: &str,
    fields: &[QualificationField],
    region: Option<Country>,
) -> Result<Reading, String> {
    let value: Value = serde_json::from_str(answer.trim()).map_err(|_| "not valid JSON".to_owned())?;
    let object = value.as_object().ok_or("not a JSON object")?;
    let intent_text = object.get("intent").and_then(Value::as_str).ok_or("no intent")?;
    let intent = Intent::parse(intent_text.trim())
        .ok_or_else(|| format!("unknown intent `{}`", intent_text.chars().take(40).collect::<String>()))?;
    let confidence = object
        .get("confidence")
        .and_then(Value::as_f64)
        .filter(|c| (0.0..=1.0).contains(c))
        .ok_or("confidence is not a number from 0 to 1")?;
    let message_digits: String = message.chars().filter(char::is_ascii_digit).collect();
    let phone = detail(object.get("phone"), message).and_then(|raw| {
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let e164 = phone::to_e164(&raw, region)?;
        (digits.len() >= 5 && message_digits.contains(&digits)).then_some(FoundPhone { raw, e164: Some(e164) })
    });
    let email = detail(object.get("email"), message).filter(|e| {
        !e.contains(char::is_whitespace)
            && e.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    let given = object.get("fields").and_then(Value::as_object);
    let fields = fields
        .iter()
        .filter_map(|f| Some((f.key.clone(), field_value(f, given?.get(&f.key)?)?)))
        .collect();
    Ok(Reading {
        intent,
        confidence,
        name: detail(object.get("name"), message),
        phone,
        email,
        city: detail(object.get("city"), message),
        preferred_time: detail(object.get("preferred_time"), message),
        fields,
    })
}

/// The rules' answer with the LLM's reading: its intent and confidence, and the details the
/// rules did not find.
pub fn merge(rules: LeadClassification, reading: Reading) -> LeadClassification {
    let mut merged = rules.clone();
    let reason = if rules.language == "ru" {
        format!("LLM: намерение {}", reading.intent.as_str())
    } else {
        format!("LLM: intent {}", reading.intent.as_str())
    };
    merged.reasons = vec![reason];
    if reading.intent == rules.intent {
        merged.reasons.extend(rules.reasons);
    }
    merged.intent = reading.intent;
    merged.confidence = (reading.confidence * 1000.0).round() / 1000.0;
    merged.method = "llm".to_owned();
    merged.llm_status = None;
    let found = &mut merged.extracted;
    found.name = found.name.take().or(reading.name);
    found.city = found.city.take().or(reading.city);
    found.preferred_time = found.preferred_time.take().or(reading.preferred_time);
    if let Some(phone) = reading.phone
        && !found.phones.iter().any(|p| p.e164 == phone.e164)
    {
        found.phones.push(phone);
    }
    if let Some(email) = reading.email
        && !found.emails.iter().any(|e| e.eq_ignore_ascii_case(&email))
    {
        found.emails.push(email);
    }
    for (key, value) in reading.fields {
        found.custom_fields.entry(key).or_insert(value);
    }
    merged
}

/// The question about `message` (in `language`: `ru`, `en` or `mixed`) for the company's fields.
pub fn question(message: &str, language: &str, fields: &[QualificationField]) -> Question {
    let language = match language {
        "ru" => "Russian",
        "en" => "English",
        _ => "Russian and English",
    };
    Question {
        purpose: Purpose::Classify,
        system: PROMPT
            .replace("{language}", language)
            .replace("{fields}", &fields_hint(fields)),
        user: message.to_owned(),
        schema: Some(("lead_classification", schema(fields))),
        max_tokens: MAX_ANSWER_TOKENS,
    }
}

/// The rules' answer improved by the company's LLM, or kept with the reason it was not.
pub async fn improve(
    llm: Option<&Llm>,
    db: &impl ConnectionTrait,
    tenant: TenantId,
    message: &str,
    fields: &[QualificationField],
    region: Option<Country>,
    rules: LeadClassification,
) -> LeadClassification {
    let language = match rules.language.as_str() {
        "ru" => "Russian",
        "en" => "English",
        _ => "Russian and English",
    };
    let question = Question {
        purpose: Purpose::Classify,
        system: PROMPT
            .replace("{language}", language)
            .replace("{fields}", &fields_hint(fields)),
        user: message.to_owned(),
        schema: Some(("lead_classification", schema(fields))),
        max_tokens: 300,
    };
    match super::ask(llm, db, tenant, question, |answer| {
        accept(answer, message, fields, region)
    })
    .await
    {
        Ok(reading) => merge(rules, reading),
        Err(status) => LeadClassification {
            llm_status: Some(status),
            ..rules
        },
    }
}
