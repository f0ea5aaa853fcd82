//! The facts of a lead as numbers for the outcome model: contact completeness and the share of
//! qualification fields filled (weights held ≥ 0), intent and source one-hot, log(1 + x) of message,
//! note/call counts, hours waiting (weight held ≤ 0), age and amount.

use super::LeadFacts;
use crate::classify::Intent;

/// One model feature: name, labels, the sign its weight is held to (+1 never negative, −1 never
/// positive, 0 free) and how it is read from the facts.
pub(crate) struct Feature {
    pub name: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub sign: i8,
    pub value: fn(&LeadFacts) -> f64,
}

pub(crate) fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

fn log1p_clean(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x.ln_1p() } else { 0.0 }
}

fn source_is(f: &LeadFacts, name: &str) -> f64 {
    flag(f.source.trim().eq_ignore_ascii_case(name))
}

macro_rules! intent_feature {
    ($name:literal, $ru:literal, $en:literal, $intent:expr) => {
        Feature {
            name: $name,
            ru: $ru,
            en: $en,
            sign: 0,
            value: |f| flag(f.intent == Some($intent)),
        }
    };
}
macro_rules! source_feature {
    ($name:literal, $source:literal) => {
        Feature {
            name: $name,
            ru: concat!("источник ", $source),
            en: concat!("source ", $source),
            sign: 0,
            value: |f| source_is(f, $source),
        }
    };
}

pub(crate) const FEATURES: &[Feature] = &[
    Feature {
        name: "has_name",
        ru: "есть имя",
        en: "name known",
        sign: 1,
        value: |f| flag(f.has_name),
    },
    Feature {
        name: "has_phone",
        ru: "есть телефон",
        en: "phone known",
        sign: 1,
        value: |f| flag(f.has_phone),
    },
    Feature {
        name: "has_email",
        ru: "есть e-mail",
        en: "e-mail known",
        sign: 1,
        value: |f| flag(f.has_email),
    },
    Feature {
        name: "has_city",
        ru: "есть город",
        en: "city known",
        sign: 1,
        value: |f| flag(f.has_city),
    },
    Feature {
        name: "qualification_share",
        ru: "заполненность полей",
        en: "fields filled",
        sign: 1,
        value: |f| {
            if f.qualification_total == 0 {
                0.0
            } else {
                f.qualification_filled.min(f.qualification_total) as f64 / f.qualification_total as f64
            }
        },
    },
    intent_feature!(
        "intent_wants_call",
        "просит звонок",
        "asks for a call",
        Intent::WantsCall
    ),
    intent_feature!(
        "intent_price_question",
        "спрашивает цену",
        "asks the price",
        Intent::PriceQuestion
    ),
    intent_feature!(
        "intent_product_info",
        "спрашивает о продукте",
        "asks about the product",
        Intent::ProductInfo
    ),
    intent_feature!(
        "intent_ready_to_buy",
        "готов купить",
        "ready to buy",
        Intent::ReadyToBuy
    ),
    intent_feature!("intent_complaint", "жалоба", "complaint", Intent::Complaint),
    intent_feature!("intent_spam", "спам", "spam", Intent::Spam),
    intent_feature!("intent_other", "без запроса", "no request", Intent::Other),
    source_feature!("source_website", "website"),
    source_feature!("source_whatsapp", "whatsapp"),
    source_feature!("source_telegram", "telegram"),
    source_feature!("source_instagram", "instagram"),
    source_feature!("source_email", "email"),
    source_feature!("source_api", "api"),
    source_feature!("source_import", "import"),
    source_feature!("source_manual", "manual"),
    source_feature!("source_partner", "partner"),
    Feature {
        name: "inbound_messages",
        ru: "сообщения клиента",
        en: "messages from the lead",
        sign: 0,
        value: |f| log1p_clean(f64::from(f.inbound_messages)),
    },
    Feature {
        name: "outbound_messages",
        ru: "наши сообщения",
        en: "our messages",
        sign: 0,
        value: |f| log1p_clean(f64::from(f.outbound_messages)),
    },
    Feature {
        name: "notes_and_calls",
        ru: "заметки и звонки",
        en: "notes and calls",
        sign: 0,
        value: |f| log1p_clean(f64::from(f.notes_and_calls)),
    },
    Feature {
        name: "hours_without_reply",
        ru: "ожидание ответа",
        en: "waiting for a reply",
        sign: -1,
        value: |f| log1p_clean(f.hours_without_reply.unwrap_or(0.0)),
    },
    Feature {
        name: "age",
        ru: "возраст заявки",
        en: "lead age",
        sign: 0,
        value: |f| log1p_clean(f.age_hours),
    },
    Feature {
        name: "has_amount",
        ru: "известна сумма",
        en: "amount known",
        sign: 0,
        value: |f| flag(f.amount_minor.is_some_and(|a| a > 0)),
    },
    Feature {
        name: "amount",
        ru: "сумма сделки",
        en: "deal amount",
        sign: 0,
        value: |f| log1p_clean(f.amount_minor.unwrap_or(0) as f64 / 100.0),
    },
];
