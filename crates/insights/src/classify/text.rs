//! Splitting a lead message into what the rules look at: links, e-mail addresses, phone numbers,
//! and words/numbers normalised for matching (lower case, «ё» read as «е»), each keeping its place
//! in the original text so that extracted values can be quoted as written.

use std::ops::Range;

/// What a piece of the message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (Cyrillic or Latin, apostrophes and inner hyphens allowed).
    Word,
    /// Digits, possibly with one decimal point or comma ("2.5", "3,5").
    Number,
}

/// A word or number with its normalised form and where it sits in the original text.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Lower case, «ё» → «е».
    pub norm: String,
    /// Byte range in the original message.
    pub span: Range<usize>,
    /// Index of the clause (split at , . ! ? ; and line breaks): values are not looked for across clauses.
    pub clause: usize,
    /// Whether the word starts with a capital letter as written.
    pub capitalised: bool,
    /// Whether a number is written as a clock time ("18:00") or with am/pm ("5pm").
    pub clock: bool,
}

/// The message split into links, addresses, phones and tokens.
#[derive(Debug, Default)]
pub(crate) struct Scanned {
    pub urls: Vec<String>,
    pub emails: Vec<String>,
    /// Telegram/Instagram-style handles ("@easymoney").
    pub handles: Vec<String>,
    pub phones: Vec<(String, Range<usize>)>,
    pub tokens: Vec<Token>,
    /// Exclamation marks in the message.
    pub exclamations: usize,
    pub question: bool,
}

/// Lower-cases and reads «ё» as «е».
pub(crate) fn normalise(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

const URL_TLDS: &[&str] = &[
    "com", "ru", "kz", "biz", "xyz", "club", "top", "site", "info", "net", "org", "io", "me", "ly", "online", "pro",
    "shop", "example", "su", "by", "ua", "uk", "store", "app", "link", "click", "win", "bet", "casino", "рф",
];

fn is_url(chunk: &str) -> bool {
    let lower = normalise(chunk);
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with("t.me/") {
        return true;
    }
    if lower.contains('@') {
        return false;
    }
    let host = lower.split('/').next().unwrap_or("");
    let mut parts = host.split('.');
    let first = parts.next().unwrap_or("");
    let Some(tld) = host.rsplit('.').next() else {
        return false;
    };
    host.contains('.')
        && !first.is_empty()
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && host.chars().any(|c| c.is_alphabetic())
        && URL_TLDS.contains(&tld)
}

fn is_email(chunk: &str) -> bool {
    let Some((local, domain)) = chunk.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && chunk.chars().all(|c| c.is_alphanumeric() || "._%+-@".contains(c))
}

fn trim_punct(chunk: &str) -> &str {
    chunk.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '/' || c == '+'))
}

/// Finds phone numbers as written: a run of digits with spaces, dashes, dots and brackets between them,
/// 10–11 digits (or 8–15 after a leading «+»), or 7 digits written with a dash (555-1234).
fn find_phones(text: &str) -> Vec<(String, Range<usize>)> {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut phones = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let (start, c) = bytes[i];
        let prev_is_word = i > 0 && (bytes[i - 1].1.is_alphanumeric() || bytes[i - 1].1 == '.');
        if prev_is_word || !(c.is_ascii_digit() || c == '+' || c == '(') {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut last_digit = i;
        let mut separators_in_a_row = 0;
        while j < bytes.len() {
            let ch = bytes[j].1;
            if ch.is_ascii_digit() {
                digits += 1;
                last_digit = j;
                separators_in_a_row = 0;
            } else if (ch == '+' && j == i) || "()-. ".contains(ch) {
                separators_in_a_row += 1;
                if separators_in_a_row > 2 {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        let next_is_word = bytes.get(last_digit + 1).is_some_and(|(_, ch)| ch.is_alphanumeric());
        let written_end = bytes.get(last_digit + 1).map_or(text.len(), |(at, _)| *at);
        let written = &text[start..written_end];
        let plus = c == '+';
        let dashed_local = digits == 7 && written.contains('-');
        let ok = if plus {
            (8..=15).contains(&digits)
        } else {
            (10..=11).contains(&digits) || dashed_local
        };
        if ok && !next_is_word {
            phones.push((written.trim().to_string(), start..written_end));
            i = last_digit + 1;
        } else {
            i = last_digit.max(i) + 1;
        }
    }
    phones
}

/// Scans a message once; everything the rules need comes from here.
pub(crate) fn scan(text: &str) -> Scanned {
    let mut scanned = Scanned {
        phones: find_phones(text),
        ..Scanned::default()
    };
    // Byte ranges already taken by links, addresses and phones, not to be read as words.
    let mut taken: Vec<Range<usize>> = scanned.phones.iter().map(|(_, r)| r.clone()).collect();
    let mut offset = 0;
    for chunk in text.split_whitespace() {
        let at = text[offset..].find(chunk).map_or(offset, |p| p + offset);
        offset = at + chunk.len();
        let core = trim_punct(chunk);
        let core_at = at + chunk.find(core).unwrap_or(0);
        if core.is_empty() {
            continue;
        }
        if is_email(core) {
            scanned.emails.push(core.to_string());
        } else if is_url(core) {
            scanned.urls.push(core.to_string());
        } else if core.starts_with('@') && core.len() > 2 {
            scanned.handles.push(core.to_string());
        } else {
            continue;
        }
        taken.push(core_at..core_at + core.len());
    }
    scanned.tokens = tokenise(text, &taken);
    scanned.exclamations = text.matches('!').count();
    scanned.question = text.contains('?');
    scanned
}

fn tokenise(text: &str, taken: &[Range<usize>]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut clause = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if let Some(range) = taken.iter().find(|r| r.contains(&at)) {
            while i < chars.len() && chars[i].0 < range.end {
                i += 1;
            }
            continue;
        }
        if ",.!?;\n…".contains(c) {
            clause += 1;
            i += 1;
            continue;
        }
        let is_word_char = |ch: char| ch.is_alphabetic();
        if !(is_word_char(c) || c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut j = i;
        let mut clock = false;
        while j < chars.len() {
            let ch = chars[j].1;
            let next = chars.get(j + 1).map(|p| p.1);
            let continues = if numeric {
                ch.is_ascii_digit()
                    || ((ch == '.' || ch == ',' || ch == ':') && next.is_some_and(|n| n.is_ascii_digit()))
            } else {
                is_word_char(ch) || ((ch == '-' || ch == '\'' || ch == '’') && next.is_some_and(is_word_char))
            };
            if !continues {
                break;
            }
            if numeric && ch == ':' {
                clock = true;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |p| p.0);
        let written = &text[at..end];
        let mut norm = normalise(written);
        if numeric {
            norm = norm.replace(',', ".");
            // "5pm", "10am": the suffix belongs to the number.
            let suffix: String = chars[j..].iter().take(3).map(|p| p.1.to_ascii_lowercase()).collect();
            let mut suffix_chars = suffix.chars();
            let (a, m, after) = (suffix_chars.next(), suffix_chars.next(), suffix_chars.next());
            if matches!(a, Some('a' | 'p')) && m == Some('m') && !after.is_some_and(char::is_alphabetic) {
                clock = true;
                j += 2;
            }
        }
        tokens.push(Token {
            kind: if numeric { TokenKind::Number } else { TokenKind::Word },
            norm,
            span: at..chars.get(j).map_or(text.len(), |p| p.0),
            clause,
            capitalised: c.is_uppercase(),
            clock,
        });
        i = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<String> {
        find_phones(text).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn phones_are_found_in_many_written_formats() {
        assert_eq!(phones("мой +7 900 123-45-67, звоните"), ["+7 900 123-45-67"]);
        assert_eq!(phones("8(900)1234567"), ["8(900)1234567"]);
        assert_eq!(phones("UK: +44 20 7946 0958."), ["+44 20 7946 0958"]);
        assert_eq!(phones("call 555-123-4567 or 555-1234"), ["555-123-4567", "555-1234"]);
        assert_eq!(phones("+7 (701) 777 88 99"), ["+7 (701) 777 88 99"]);
    }

    #[test]
    fn dimensions_prices_and_dates_are_not_phones() {
        assert!(phones("дом 8 на 10, 2 этажа, 100 000 тенге, 15 мая 2025").is_empty());
        assert!(phones("8x10 и 2.5x1.25").is_empty());
        assert!(phones("заработок от 5000$").is_empty());
    }

    #[test]
    fn links_emails_and_handles_are_set_apart_from_words() {
        let s = scan("Пишите anna@mail.ru, сайт www.site.kz и vulkan-bonus.club, @easymoney! Ок?");
        assert_eq!(s.emails, ["anna@mail.ru"]);
        assert_eq!(s.urls, ["www.site.kz", "vulkan-bonus.club"]);
        assert_eq!(s.handles, ["@easymoney"]);
        let words: Vec<&str> = s.tokens.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["пишите", "сайт", "и", "ок"]);
        assert!(s.question);
        assert_eq!(s.exclamations, 1);
    }

    #[test]
    fn words_are_lower_cased_with_yo_read_as_ye_and_clock_times_marked() {
        let s = scan("Ещё тёплый дом, после 18:00 или 5pm");
        let norms: Vec<&str> = s.tokens.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["еще", "теплый", "дом", "после", "18:00", "или", "5"]);
        assert!(s.tokens[4].clock && s.tokens[6].clock);
        assert_eq!(s.tokens[3].clause, 1);
    }
}
