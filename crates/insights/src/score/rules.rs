//! Transparent rule points; their sum (clamped to 0–100) is the score without a fitted model.
//!
//! | part | points |
//! |---|---|
//! | base | 10 |
//! | completeness | name 5, phone 10, e-mail 5, city 3, qualification fields 12 × filled / total |
//! | intent | ready to buy 30, wants a call 25, price question 15, product question 10, other 0, complaint −5, spam −60 |
//! | source | partner/referral 8, website/form/whatsapp/telegram 6, e-mail/api/manual 4, instagram 3, import 0, other 2 |
//! | engagement | 2 per inbound message (≤ 5), 2 per note or call (≤ 3) |
//! | waiting | −20 · (1 − e^(−h/12)) for h hours without our reply (−2 at 1 h, −13 at 12 h, −20 at 3 days) |
//! | staleness | −1 per 3 days of age, at most −10 |
//! | amount | 3 when a deal amount is known |

use super::{LeadFacts, ScoreReason};
use crate::classify::Intent;

pub(crate) const BASE: i32 = 10;

fn reason(code: &'static str, points: i32, text_ru: String, text_en: String) -> ScoreReason {
    ScoreReason {
        code,
        points,
        text_ru,
        text_en,
    }
}

/// Points for a source name (case-insensitive).
pub(crate) fn source_points(source: &str) -> i32 {
    match source.trim().to_lowercase().as_str() {
        "partner" | "referral" => 8,
        "website" | "form" | "whatsapp" | "telegram" => 6,
        "email" | "api" | "manual" => 4,
        "instagram" => 3,
        "import" => 0,
        _ => 2,
    }
}

pub(crate) fn intent_points(intent: Intent) -> i32 {
    match intent {
        Intent::ReadyToBuy => 30,
        Intent::WantsCall => 25,
        Intent::PriceQuestion => 15,
        Intent::ProductInfo => 10,
        Intent::Other => 0,
        Intent::Complaint => -5,
        Intent::Spam => -60,
    }
}

fn finite_non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// The waiting penalty (≤ 0, non-increasing in the hours waited).
pub(crate) fn waiting_points(hours: Option<f64>) -> i32 {
    let h = finite_non_negative(hours.unwrap_or(0.0));
    -(20.0 * (1.0 - (-h / 12.0).exp())).round() as i32
}

/// The rule parts of the score, in a fixed order.
pub(crate) fn points(facts: &LeadFacts) -> Vec<ScoreReason> {
    let mut parts = vec![reason("base", BASE, "базовые баллы".into(), "base points".into())];

    let (mut known_ru, mut known_en, mut completeness) = (Vec::new(), Vec::new(), 0);
    for (has, pts, ru, en) in [
        (facts.has_name, 5, "имя", "name"),
        (facts.has_phone, 10, "телефон", "phone"),
        (facts.has_email, 5, "e-mail", "e-mail"),
        (facts.has_city, 3, "город", "city"),
    ] {
        if has {
            completeness += pts;
            known_ru.push(ru.to_string());
            known_en.push(en.to_string());
        }
    }
    if facts.qualification_total > 0 {
        let filled = facts.qualification_filled.min(facts.qualification_total);
        completeness += (12.0 * filled as f64 / facts.qualification_total as f64).round() as i32;
        known_ru.push(format!("заполнено полей {filled} из {}", facts.qualification_total));
        known_en.push(format!("{filled} of {} fields filled", facts.qualification_total));
    }
    if !known_ru.is_empty() {
        parts.push(reason(
            "completeness",
            completeness,
            format!("данные: {}", known_ru.join(", ")),
            format!("known: {}", known_en.join(", ")),
        ));
    }

    if let Some(intent) = facts.intent {
        let (ru, en) = match intent {
            Intent::ReadyToBuy => ("готов купить", "ready to buy"),
            Intent::WantsCall => ("просит звонок", "asks for a call"),
            Intent::PriceQuestion => ("спрашивает цену", "asks about the price"),
            Intent::ProductInfo => ("интересуется продуктом", "asks about the product"),
            Intent::Other => ("без явного запроса", "no clear request"),
            Intent::Complaint => ("жалоба", "complaint"),
            Intent::Spam => ("похоже на спам", "looks like spam"),
        };
        parts.push(reason(
            "intent",
            intent_points(intent),
            format!("намерение: {ru}"),
            format!("intent: {en}"),
        ));
    }

    let source = facts.source.trim();
    let shown = if source.is_empty() { "—" } else { source };
    parts.push(reason(
        "source",
        source_points(source),
        format!("источник: {shown}"),
        format!("source: {shown}"),
    ));

    let inbound = facts.inbound_messages.min(5) as i32;
    let touches = facts.notes_and_calls.min(3) as i32;
    if inbound + touches > 0 {
        parts.push(reason(
            "engagement",
            2 * (inbound + touches),
            format!(
                "сообщений от клиента: {}, заметок и звонков: {}",
                facts.inbound_messages, facts.notes_and_calls
            ),
            format!(
                "{} from the lead, {}",
                english_count(facts.inbound_messages, "message", "messages"),
                english_count(facts.notes_and_calls, "note or call", "notes and calls")
            ),
        ));
    }

    if let Some(hours) = facts.hours_without_reply {
        let h = finite_non_negative(hours);
        parts.push(reason(
            "waiting",
            waiting_points(Some(h)),
            format!("ждёт ответа {h:.1} ч"),
            format!("waiting for a reply for {h:.1} h"),
        ));
    }

    let days = finite_non_negative(facts.age_hours) / 24.0;
    let stale = (days / 3.0).floor().min(10.0) as i32;
    if stale > 0 {
        parts.push(reason(
            "staleness",
            -stale,
            format!("заявке {days:.0} дн."),
            format!("lead is {days:.0} days old"),
        ));
    }

    if facts.amount_minor.is_some_and(|a| a > 0) {
        parts.push(reason(
            "amount",
            3,
            "сумма сделки известна".into(),
            "deal amount known".into(),
        ));
    }
    parts
}

/// "1 message", "3 messages".
fn english_count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
