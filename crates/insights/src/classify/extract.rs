//! Contact details a lead writes in passing: the name («меня зовут …», «я …», «это …», «my name is …»,
//! «I'm …», «this is …»), the city (see `cities`) and a preferred time to talk
//! («завтра после 18:00», «вечером», «Thursday 3pm», «в любое время»).

use super::text::{Token, TokenKind};

/// Phrases after which a name follows; for the marked ones (true) only a capitalised word counts,
/// since «я готов», «это брак», «I'm in London» are not names.
const NAME_LEADS: &[(&[&str], bool)] = &[
    (&["меня", "зовут"], false),
    (&["мое", "имя"], false),
    (&["my", "name", "is"], false),
    (&["my", "name's"], false),
    (&["name", "is"], true),
    (&["я"], true),
    (&["это"], true),
    (&["i'm"], true),
    (&["i’m"], true),
    (&["i", "am"], true),
    (&["this", "is"], true),
];

/// The name introduced by one of [`NAME_LEADS`]: up to two words in the same clause, as written.
/// `is_city(i)` tells whether token `i` starts a known city (never a name).
pub(crate) fn find_name(text: &str, tokens: &[Token], is_city: impl Fn(usize) -> bool) -> Option<String> {
    for start in 0..tokens.len() {
        for (lead, capital_only) in NAME_LEADS {
            let fits = lead
                .iter()
                .enumerate()
                .all(|(k, w)| tokens.get(start + k).is_some_and(|t| t.norm == *w));
            if !fits {
                continue;
            }
            let first = start + lead.len();
            let is_name_word = |i: usize, capital: bool| {
                tokens.get(i).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && t.clause == tokens[start].clause
                        && (t.capitalised || !capital)
                        && t.norm.chars().count() >= 2
                        && !is_city(i)
                })
            };
            if !is_name_word(first, *capital_only) {
                continue;
            }
            let last = if is_name_word(first + 1, true) && tokens[first].capitalised {
                first + 1
            } else {
                first
            };
            return Some(text[tokens[first].span.start..tokens[last].span.end].to_string());
        }
    }
    None
}

/// Words that by themselves name a time of day or a day.
const TIME_WORDS: &[&str] = &[
    "сегодня",
    "завтра",
    "послезавтра",
    "утром",
    "утра",
    "утро",
    "днем",
    "вечером",
    "вечера",
    "вечер",
    "обеда",
    "обеду",
    "понедельник",
    "вторник",
    "среду",
    "среда",
    "четверг",
    "пятниц",
    "суббот",
    "воскресень",
    "выходн",
    "будни",
    "часа",
    "часов",
    "час",
    "today",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "tonight",
    "noon",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "weekend",
    "anytime",
];

/// Words that join a time phrase («после», «до», «с», «в», «after», «at» …).
const TIME_JOINERS: &[&str] = &[
    "после",
    "до",
    "с",
    "со",
    "в",
    "во",
    "к",
    "около",
    "after",
    "before",
    "at",
    "around",
    "from",
    "to",
    "between",
];

const HOUR_JOINERS: &[&str] = &["после", "до", "около", "after", "before", "at", "around", "between"];

fn is_time_word(token: &Token) -> bool {
    token.kind == TokenKind::Word
        && TIME_WORDS
            .iter()
            .any(|w| token.norm == *w || (w.chars().count() >= 5 && token.norm.starts_with(w)))
}

fn is_hour(token: &Token) -> bool {
    token.kind == TokenKind::Number && token.norm.parse::<f64>().is_ok_and(|h| (0.0..=24.0).contains(&h))
}

/// Whether token `i` is the core of a time phrase.
fn is_anchor(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    // «в 2 этажа», «с 2 окнами»: only these joiners make a bare number an hour.
    let prev_joins = i > 0 && HOUR_JOINERS.contains(&tokens[i - 1].norm.as_str()) && tokens[i - 1].clause == t.clause;
    let next_is_hours = tokens
        .get(i + 1)
        .is_some_and(|n| n.norm.starts_with("час") || n.norm == "hours");
    let any_time = t.norm == "любое" && tokens.get(i + 1).is_some_and(|n| n.norm == "время");
    let any_time_en = t.norm == "any" && tokens.get(i + 1).is_some_and(|n| n.norm == "time");
    is_time_word(t)
        || (t.kind == TokenKind::Number && t.clock)
        || (is_hour(t) && !t.norm.contains('.') && (prev_joins || next_is_hours))
        || any_time
        || any_time_en
        || (i > 0 && (tokens[i - 1].norm == "любое" || tokens[i - 1].norm == "any") && is_anchor_word_time(t))
}

fn is_anchor_word_time(t: &Token) -> bool {
    t.norm == "время" || t.norm == "time"
}

/// The first time phrase in the message, as written.
pub(crate) fn find_time(text: &str, tokens: &[Token]) -> Option<String> {
    let first = (0..tokens.len()).find(|&i| is_anchor(tokens, i))?;
    let clause = tokens[first].clause;
    let mut start = first;
    while start > 0
        && tokens[start - 1].clause == clause
        && (TIME_JOINERS.contains(&tokens[start - 1].norm.as_str()) || is_anchor(tokens, start - 1))
    {
        start -= 1;
    }
    let mut end = first;
    loop {
        let next = end + 1;
        let Some(token) = tokens.get(next) else { break };
        if token.clause != clause {
            break;
        }
        if is_anchor(tokens, next) || token.norm.starts_with("час") {
            end = next;
        } else if TIME_JOINERS.contains(&token.norm.as_str())
            && tokens
                .get(next + 1)
                .is_some_and(|_| tokens[next + 1].clause == clause && is_anchor(tokens, next + 1))
        {
            end = next + 1;
        } else {
            break;
        }
    }
    Some(text[tokens[start].span.start..tokens[end].span.end].to_string())
}

#[cfg(test)]
mod tests {
    use super::super::text::scan;
    use super::*;

    fn name(text: &str) -> Option<String> {
        find_name(text, &scan(text).tokens, |_| false)
    }

    fn time(text: &str) -> Option<String> {
        find_time(text, &scan(text).tokens)
    }

    #[test]
    fn names_follow_introductions_in_both_languages() {
        assert_eq!(
            name("Добрый день! Меня зовут Сергей, наберите меня").as_deref(),
            Some("Сергей")
        );
        assert_eq!(
            name("Здравствуйте, я Марина из Екатеринбурга").as_deref(),
            Some("Марина")
        );
        assert_eq!(name("My name is Emma Clark.").as_deref(), Some("Emma Clark"));
        assert_eq!(name("Это Дмитрий, перезвоните").as_deref(), Some("Дмитрий"));
    }

    #[test]
    fn lower_case_words_after_ya_or_eto_are_not_names() {
        assert_eq!(name("Я готов приобрести"), None);
        assert_eq!(name("Дверь не того размера, это брак"), None);
        assert_eq!(name("I'm in London"), None);
    }

    #[test]
    fn preferred_times_are_quoted_as_written() {
        assert_eq!(
            time("Можно созвониться сегодня после 18:00?").as_deref(),
            Some("сегодня после 18:00")
        );
        assert_eq!(
            time("наберите меня завтра утром 8(900)1234567").as_deref(),
            Some("завтра утром")
        );
        assert_eq!(
            time("Жду звонка, вечером после 20 удобно").as_deref(),
            Some("вечером после 20")
        );
        assert_eq!(time("Thursday 3pm works for me").as_deref(), Some("Thursday 3pm"));
        assert_eq!(time("Наберите в любое время").as_deref(), Some("в любое время"));
        assert_eq!(time("I'm free after 5pm").as_deref(), Some("after 5pm"));
    }

    #[test]
    fn numbers_that_are_not_hours_are_no_time() {
        assert_eq!(time("дом 8 на 10, 2 этажа, окон 7"), None);
        assert_eq!(time("Сколько времени занимает монтаж?"), None);
    }
}
