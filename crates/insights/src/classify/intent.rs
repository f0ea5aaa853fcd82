//! Intent by weighted dictionary cues plus a few structural signals (links, handles, a phone left).
//!
//! Method: every dictionary phrase found in the message adds its weight to its intent (once per
//! phrase; a phrase right after a negator such as «не»/«not» does not count for a request-like intent).
//! Structural signals add more: each link 2.5 to spam, a message that is only links +4, suspicious
//! shorteners/domains +1, «@handles» +1.5, a phone number +0.75 to "wants a call", a named time
//! +0.5. "Other" starts at a baseline of 1.0, so a message needs real evidence to leave it. The
//! winner is the highest score (ties broken Spam > Complaint > ReadyToBuy > WantsCall >
//! PriceQuestion > ProductInfo > Other); the confidence is its softmax share exp(sᵢ)/Σⱼexp(sⱼ).

use std::sync::LazyLock;

use super::dictionary::{CUES, NEGATORS, SUSPICIOUS_LINKS};
use super::lexicon::Phrase;
use super::text::{Scanned, TokenKind};
use super::{Intent, Lang};

struct Cue {
    intent: Intent,
    weight: f64,
    phrase: Phrase,
}

static COMPILED: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    CUES.iter()
        .flat_map(|(intent, weight, phrases)| {
            phrases.iter().map(|p| Cue {
                intent: *intent,
                weight: *weight,
                phrase: Phrase::new(p),
            })
        })
        .collect()
});

/// A question of four words or more with nothing else in it is most often about the offer.
const QUESTION_WEIGHT: f64 = 1.25;

/// Baseline score of [`Intent::Other`].
pub(crate) const OTHER_BASELINE: f64 = 1.0;

/// Tie-break order, strongest claim first ("Other" keeps any tie against it).
const PRIORITY: [Intent; 7] = [
    Intent::Spam,
    Intent::Complaint,
    Intent::ReadyToBuy,
    Intent::WantsCall,
    Intent::PriceQuestion,
    Intent::ProductInfo,
    Intent::Other,
];

/// The decided intent with its confidence and the evidence, strongest first.
pub(crate) struct Decision {
    pub intent: Intent,
    pub confidence: f64,
    pub reasons: Vec<String>,
}

struct Evidence {
    intent: Intent,
    weight: f64,
    /// The human reason, already in the message's language.
    reason: String,
}

/// Russian or English, by the message's language.
fn say(en: bool, ru: String, english: String) -> String {
    if en { english } else { ru }
}

fn index(intent: Intent) -> usize {
    Intent::ALL.iter().position(|i| *i == intent).unwrap_or(0)
}

/// Decides the intent of a scanned message. `text` is the original message (for quotes), `time`
/// the preferred time found in it.
pub(crate) fn decide(text: &str, scanned: &Scanned, time: Option<&str>, lang: Lang) -> Decision {
    let words: Vec<Vec<char>> = scanned.tokens.iter().map(|t| t.norm.chars().collect()).collect();
    let known: Vec<bool> = words
        .iter()
        .map(|w| {
            COMPILED
                .iter()
                .any(|cue| cue.phrase.stems.iter().any(|s| s.matches_exactly(w)))
        })
        .collect();
    let en = lang == Lang::En;
    let mut evidence: Vec<Evidence> = Vec::new();
    for cue in COMPILED.iter() {
        let Some((first, last)) = cue.phrase.find(&words, &known) else {
            continue;
        };
        let negated = first > 0
            && NEGATORS.contains(&scanned.tokens[first - 1].norm.as_str())
            && !matches!(cue.intent, Intent::Complaint | Intent::Other);
        if negated {
            continue;
        }
        let quote = text[scanned.tokens[first].span.start..scanned.tokens[last].span.end].to_string();
        evidence.push(Evidence {
            intent: cue.intent,
            weight: cue.weight,
            reason: describe(cue.intent, &quote, en),
        });
    }
    let links = scanned.urls.len();
    if links > 0 {
        let only_links = scanned.tokens.iter().filter(|t| t.kind == TokenKind::Word).count() <= 1;
        let weight = 2.5 * links as f64 + if only_links { 4.0 } else { 0.0 };
        let reason = match (only_links, en) {
            (true, false) => format!("только ссылки: {links}"),
            (true, true) => format!("links only: {links}"),
            (false, false) => format!("ссылок: {links}"),
            (false, true) => format!("{links} link(s)"),
        };
        evidence.push(Evidence {
            intent: Intent::Spam,
            weight,
            reason,
        });
        if let Some(url) = scanned
            .urls
            .iter()
            .find(|u| SUSPICIOUS_LINKS.iter().any(|s| u.to_lowercase().contains(s)))
        {
            evidence.push(Evidence {
                intent: Intent::Spam,
                weight: 1.0,
                reason: say(
                    en,
                    format!("подозрительная ссылка: «{url}»"),
                    format!("suspicious link: «{url}»"),
                ),
            });
        }
    }
    if let Some(handle) = scanned.handles.first() {
        evidence.push(Evidence {
            intent: Intent::Spam,
            weight: 1.5,
            reason: say(
                en,
                format!("ник для связи: «{handle}»"),
                format!("contact handle: «{handle}»"),
            ),
        });
    }
    if let Some((phone, _)) = scanned.phones.first() {
        evidence.push(Evidence {
            intent: Intent::WantsCall,
            weight: 0.75,
            reason: say(
                en,
                format!("оставил телефон: «{phone}»"),
                format!("left a phone number: «{phone}»"),
            ),
        });
    }
    let word_count = scanned.tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let nothing_else = evidence
        .iter()
        .all(|e| matches!(e.intent, Intent::Other | Intent::ProductInfo));
    if scanned.question && word_count >= 4 && nothing_else {
        evidence.push(Evidence {
            intent: Intent::ProductInfo,
            weight: QUESTION_WEIGHT,
            reason: say(en, "задаёт вопрос".into(), "asks a question".into()),
        });
    }
    if let Some(time) = time {
        evidence.push(Evidence {
            intent: Intent::WantsCall,
            weight: 0.5,
            reason: say(
                en,
                format!("называет время: «{time}»"),
                format!("names a time: «{time}»"),
            ),
        });
    }

    let mut scores = [0.0; 7];
    scores[index(Intent::Other)] = OTHER_BASELINE;
    for e in &evidence {
        scores[index(e.intent)] += e.weight;
    }
    // "Other" keeps ties against it; among the rest the earlier in PRIORITY wins a tie.
    let intent = PRIORITY.iter().copied().fold(Intent::Other, |best, i| {
        if scores[index(i)] > scores[index(best)] {
            i
        } else {
            best
        }
    });
    let top = scores[index(intent)];
    let total: f64 = scores.iter().map(|s| (s - top).exp()).sum();
    let confidence = if total.is_finite() && total > 0.0 {
        1.0 / total
    } else {
        0.0
    };

    let mut mine: Vec<&Evidence> = evidence.iter().filter(|e| e.intent == intent).collect();
    mine.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut reasons: Vec<String> = mine.iter().take(3).map(|e| e.reason.clone()).collect();
    if reasons.is_empty() {
        reasons.push(if en {
            "no clear request found".to_string()
        } else {
            "явного запроса нет".to_string()
        });
    }
    Decision {
        intent,
        confidence,
        reasons,
    }
}

fn describe(intent: Intent, quote: &str, en: bool) -> String {
    let what = match (intent, en) {
        (Intent::WantsCall, false) => "просит звонок",
        (Intent::WantsCall, true) => "asks for a call",
        (Intent::PriceQuestion, false) => "спрашивает цену",
        (Intent::PriceQuestion, true) => "asks about the price",
        (Intent::ProductInfo, false) => "спрашивает о товаре или услуге",
        (Intent::ProductInfo, true) => "asks about the product",
        (Intent::ReadyToBuy, false) => "готов купить",
        (Intent::ReadyToBuy, true) => "ready to buy",
        (Intent::Complaint, false) => "жалоба",
        (Intent::Complaint, true) => "complains",
        (Intent::Spam, false) => "похоже на спам",
        (Intent::Spam, true) => "looks like spam",
        (Intent::Other, false) => "без запроса",
        (Intent::Other, true) => "no request",
    };
    format!("{what}: «{quote}»")
}
