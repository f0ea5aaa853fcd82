//! A tenant's own qualification fields found in a message, by the field's label and key.
//!
//! Method: the label and key are split into words; common words («количество», «тип», «дома»,
//! "number", "of" …) are dropped, the rest are cut to a stem (Russian endings removed) and, when a
//! stem belongs to a known concept (windows, doors, size, foundation, height, floors, area, project,
//! budget, roof, city), the concept's synonyms in both languages are added. The value is then read
//! by the field's kind:
//! - `Number`: the nearest number after a mention (≤ 2 words, same clause), else just before it
//!   («окон 7», «7 окон», «высота потолка 3 м»);
//! - `Text`: for a size field, the first «8 на 10» / «8x10» / «8×10» / «9 by 12» anywhere (written
//!   back as `8x10`); for a city field, the city found; otherwise up to four words after a mention;
//! - `Select`: the option whose stems occur nearest a mention, or the only option mentioned at all;
//! - `Bool`: `"false"` when a negation («нет», «без», «не», "no", "without") stands within three
//!   words of a mention, `"true"` for an affirmation («есть», «да», «будем», "yes", "have").

use std::collections::BTreeMap;

use super::lexicon::Phrase;
use super::text::{Token, TokenKind, normalise};
use super::{FieldKind, QualificationField};

const CONCEPTS: &[&[&str]] = &[
    &["окн", "окон", "window"],
    &["двер", "door"],
    &["размер", "габарит", "dimension", "size"],
    &["фундамент", "foundation"],
    &["высот", "потол", "height", "ceiling"],
    &["этаж", "этажн", "floor", "storey", "stories"],
    &["площад", "квадрат", "area", "sqm"],
    &["проект", "чертеж", "project", "drawing", "plan="],
    &["бюджет", "budget"],
    &["крыш", "кровл", "roof"],
    &["город", "city", "town"],
];
const SIZE: usize = 2;
const CITY: usize = 10;

const COMMON: &[&str] = &[
    "количество",
    "кол",
    "во",
    "число",
    "тип",
    "вид",
    "наличие",
    "есть",
    "ли",
    "дом",
    "дома",
    "нужен",
    "нужна",
    "нужно",
    "будут",
    "будет",
    "клиента",
    "number",
    "of",
    "the",
    "type",
    "kind",
    "count",
    "house",
    "is",
    "there",
    "a",
    "qty",
    "has",
    "have",
    "need",
    "и",
    "или",
    "and",
    "or",
    "для",
    "for",
];

const RU_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ой", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ов", "ев", "ей",
    "ам", "ям", "ах", "ях", "ом", "ем", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "s",
];

fn stem(word: &str) -> String {
    let n = word.chars().count();
    for ending in RU_ENDINGS {
        let e = ending.chars().count();
        if word.ends_with(ending) && n >= e + 3 {
            return word.chars().take(n - e).collect();
        }
    }
    word.to_string()
}

/// The stems that mean this field, and which concept (if any) it is.
fn field_stems(field: &QualificationField) -> (Vec<Phrase>, Option<usize>) {
    let text = normalise(&format!("{} {}", field.label, field.key));
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !COMMON.contains(w))
        .map(stem)
        .collect();
    let mut concept = None;
    let mut stems: Vec<String> = words.clone();
    for (i, synonyms) in CONCEPTS.iter().enumerate() {
        let hit = words.iter().any(|w| {
            synonyms
                .iter()
                .any(|s| w.starts_with(s.trim_end_matches('=')) || s.starts_with(w.as_str()))
        });
        if hit {
            concept.get_or_insert(i);
            stems.extend(synonyms.iter().map(|s| s.to_string()));
        }
    }
    let phrases = stems.into_iter().map(|s| Phrase::new(&s)).collect();
    (phrases, concept)
}

fn mentions(words: &[Vec<char>], phrases: &[Phrase]) -> Vec<usize> {
    (0..words.len())
        .filter(|&i| {
            phrases
                .iter()
                .any(|p| p.stems.first().is_some_and(|s| s.matches(&words[i], true)))
        })
        .collect()
}

/// The first size written as «8 на 10», «8x10», «8 х 10», «8×10», «9 by 12» (three numbers allowed).
fn find_size(text: &str, tokens: &[Token]) -> Option<String> {
    let numbers: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].kind == TokenKind::Number)
        .collect();
    let joined = |a: usize, b: usize| {
        b <= a + 2 && {
            let between = normalise(text[tokens[a].span.end..tokens[b].span.start].trim());
            ["на", "x", "х", "×", "*", "by"].contains(&between.as_str())
        }
    };
    for (k, &a) in numbers.iter().enumerate() {
        let Some(&b) = numbers.get(k + 1) else { break };
        if joined(a, b) {
            let mut size = format!("{}x{}", tokens[a].norm, tokens[b].norm);
            if let Some(&c) = numbers.get(k + 2).filter(|&&c| joined(b, c)) {
                size = format!("{size}x{}", tokens[c].norm);
            }
            return Some(size);
        }
    }
    None
}

fn number_near(tokens: &[Token], at: usize) -> Option<String> {
    let same = |i: usize| tokens.get(i).filter(|t| t.clause == tokens[at].clause);
    let after = (at + 1..=at + 2).find_map(|i| same(i).filter(|t| t.kind == TokenKind::Number));
    let before = (at.saturating_sub(2)..at)
        .rev()
        .find_map(|i| same(i).filter(|t| t.kind == TokenKind::Number));
    after.or(before).map(|t| t.norm.clone())
}

const NEGATIONS: &[&str] = &["нет", "без", "не", "no", "not", "without", "none", "нету"];
const AFFIRMATIONS: &[&str] = &[
    "да",
    "есть",
    "будем",
    "будет",
    "будут",
    "имеется",
    "нужен",
    "нужно",
    "нужна",
    "yes",
    "have",
    "has",
    "with",
    "готов",
];

fn polarity_near(tokens: &[Token], at: usize) -> Option<&'static str> {
    let near: Vec<&Token> = (at.saturating_sub(3)..=at + 3)
        .filter(|&i| i != at)
        .filter_map(|i| tokens.get(i))
        .filter(|t| t.clause == tokens[at].clause)
        .collect();
    if near.iter().any(|t| NEGATIONS.contains(&t.norm.as_str())) {
        Some("false")
    } else if near.iter().any(|t| AFFIRMATIONS.contains(&t.norm.as_str())) {
        Some("true")
    } else {
        None
    }
}

fn select_option(options: &[String], words: &[Vec<char>], found: &[usize]) -> Option<String> {
    let mut best: Option<(usize, &String)> = None;
    let mut matched = 0;
    for option in options {
        let stems: Vec<String> = normalise(option)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.chars().count() <= 3 {
                    format!("{w}=")
                } else {
                    stem(w)
                }
            })
            .collect();
        if stems.is_empty() {
            continue;
        }
        let phrase = Phrase::new(&stems.join(" "));
        let Some((at, _)) = phrase.find(words, &[]) else {
            continue;
        };
        matched += 1;
        let distance = found.iter().map(|m| m.abs_diff(at)).min().unwrap_or(usize::MAX);
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, option));
        }
    }
    match best {
        Some((d, option)) if d != usize::MAX || matched == 1 => Some(option.clone()),
        _ => None,
    }
}

/// Values of the tenant's qualification fields found in the message, keyed by field key.
pub(crate) fn extract_fields(
    text: &str,
    tokens: &[Token],
    fields: &[QualificationField],
    city: Option<&str>,
) -> BTreeMap<String, String> {
    let words: Vec<Vec<char>> = tokens.iter().map(|t| t.norm.chars().collect()).collect();
    let mut values = BTreeMap::new();
    for field in fields {
        let (phrases, concept) = field_stems(field);
        let found = mentions(&words, &phrases);
        let value = match &field.kind {
            FieldKind::Number => found.iter().find_map(|&at| number_near(tokens, at)),
            FieldKind::Text if concept == Some(SIZE) => find_size(text, tokens),
            FieldKind::Text if concept == Some(CITY) => city.map(str::to_string),
            FieldKind::Text => found.first().and_then(|&at| {
                let rest: Vec<&Token> = tokens[at + 1..]
                    .iter()
                    .take_while(|t| t.clause == tokens[at].clause)
                    .take(4)
                    .collect();
                let (first, last) = (rest.first()?, rest.last()?);
                Some(text[first.span.start..last.span.end].to_string())
            }),
            FieldKind::Select(options) => select_option(options, &words, &found),
            FieldKind::Bool => found
                .iter()
                .find_map(|&at| polarity_near(tokens, at))
                .map(str::to_string),
        };
        if let Some(value) = value {
            values.insert(field.key.clone(), value);
        }
    }
    values
}
