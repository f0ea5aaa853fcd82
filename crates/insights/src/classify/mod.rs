//! Lead categorisation without an LLM: the intent of an incoming message (Russian, English or mixed),
//! a confidence, human reasons, and the contact and qualification details written in it.
//!
//! Everything is rules and dictionaries compiled once (`LazyLock`): a scan into links, e-mails,
//! phones and normalised words (`text`), weighted dictionary cues matched by stem with one typo
//! allowed in longer words (`lexicon`, `dictionary`, `intent`), and extractors for the name, city,
//! preferred time (`extract`, `cities`) and the tenant's own fields (`fields`).

mod cities;
mod dictionary;
pub mod evaluation;
mod extract;
mod fields;
mod intent;
mod lexicon;
mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the person writing wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Asks to be called or to talk on the phone.
    WantsCall,
    /// Asks what something costs.
    PriceQuestion,
    /// Asks how the product or service works, what it includes, delivery terms …
    ProductInfo,
    /// Wants to order, pay or sign now.
    ReadyToBuy,
    /// Complains about a delivery, the quality, the service or a charge.
    Complaint,
    /// Unsolicited offers, scams, link drops.
    Spam,
    /// Greetings, thanks, "I'll think about it" — no request to act on.
    Other,
}

impl Intent {
    /// Every intent, in a fixed order.
    pub const ALL: [Intent; 7] = [
        Intent::WantsCall,
        Intent::PriceQuestion,
        Intent::ProductInfo,
        Intent::ReadyToBuy,
        Intent::Complaint,
        Intent::Spam,
        Intent::Other,
    ];

    /// The snake_case name used in the API and the data set (`"wants_call"` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::WantsCall => "wants_call",
            Intent::PriceQuestion => "price_question",
            Intent::ProductInfo => "product_info",
            Intent::ReadyToBuy => "ready_to_buy",
            Intent::Complaint => "complaint",
            Intent::Spam => "spam",
            Intent::Other => "other",
        }
    }

    /// The intent named `s` (as [`Intent::as_str`] writes it, case and surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<Intent> {
        let s = s.trim().to_ascii_lowercase();
        Intent::ALL.into_iter().find(|i| i.as_str() == s)
    }
}

/// The language of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ru,
    En,
    /// Both scripts in earnest: the smaller one has at least 20 % of the words or two words.
    Mixed,
}

/// The kind of value a qualification field holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "options")]
pub enum FieldKind {
    Text,
    Number,
    /// One of these options (the value extracted is the option exactly as given here).
    Select(Vec<String>),
    /// Extracted as `"true"` or `"false"`.
    Bool,
}

/// A tenant's custom qualification field to extract (from its lead custom fields).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationField {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
}

/// Details found in a message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    pub name: Option<String>,
    /// Phone numbers as written (the server normalises them to E.164).
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// The city's usual name («из Астаны» → «Астана»); an unknown city after «город»/«г.»/"city" as written.
    pub city: Option<String>,
    /// A time to talk as written («завтра после 18:00», "Thursday 3pm").
    pub preferred_time: Option<String>,
    /// Qualification field key → value (see `fields` for how each kind is read).
    pub fields: BTreeMap<String, String>,
}

/// The result of [`classify`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub intent: Intent,
    /// 0..1: the softmax share of the winning intent's rule score.
    pub confidence: f64,
    /// Short, human, in the message's language (Russian for mixed): «спрашивает цену: «сколько стоит»».
    pub reasons: Vec<String>,
    pub language: Lang,
    pub extracted: Extracted,
}

/// The language by script: Cyrillic against Latin words (links, addresses and phones left out).
/// Mixed when the smaller script has ≥ 20 % of the words or ≥ 2 words; no letters at all reads as Russian.
fn language(scanned: &text::Scanned) -> Lang {
    let (mut cyrillic, mut latin) = (0usize, 0usize);
    for token in scanned.tokens.iter().filter(|t| t.kind == text::TokenKind::Word) {
        if token.norm.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            cyrillic += 1;
        } else if token.norm.chars().any(|c| c.is_ascii_alphabetic()) {
            latin += 1;
        }
    }
    let minority = cyrillic.min(latin);
    let total = cyrillic + latin;
    if minority > 0 && (minority >= 2 || minority * 5 >= total) {
        Lang::Mixed
    } else if latin > cyrillic {
        Lang::En
    } else {
        Lang::Ru
    }
}

/// Categorises one incoming lead message and extracts what it says about the lead.
/// Never fails: an empty or meaningless message is [`Intent::Other`] with a low confidence.
pub fn classify(text: &str, fields: &[QualificationField]) -> Classification {
    let scanned = text::scan(text);
    let language = language(&scanned);
    let tokens = &scanned.tokens;
    let found_city = cities::find_city(tokens);
    let city = found_city
        .map(|(c, _, _)| c.to_string())
        .or_else(|| unknown_city(text, tokens));
    let city_starts = |i: usize| cities::city_at(tokens, i).is_some();
    let preferred_time = extract::find_time(text, tokens);
    let decision = intent::decide(text, &scanned, preferred_time.as_deref(), language);
    let extracted = Extracted {
        name: extract::find_name(text, tokens, city_starts),
        phones: scanned.phones.iter().map(|(p, _)| p.clone()).collect(),
        emails: scanned.emails.clone(),
        fields: fields::extract_fields(text, tokens, fields, city.as_deref()),
        city,
        preferred_time,
    };
    Classification {
        intent: decision.intent,
        confidence: decision.confidence,
        reasons: decision.reasons,
        language,
        extracted,
    }
}

/// A capitalised word after «город», «г.» or "city" when no known city was found, as written.
fn unknown_city(text: &str, tokens: &[text::Token]) -> Option<String> {
    tokens.windows(2).find_map(|pair| {
        let lead = matches!(pair[0].norm.as_str(), "город" | "г" | "city");
        (lead && pair[1].capitalised && pair[1].kind == text::TokenKind::Word)
            .then(|| text[pair[1].span.clone()].to_string())
    })
}

#[cfg(test)]
mod tests;
