//! Numbers as people write them (`1 234,50`, `1,234.50`, `12%`, `−57 %`, `01.11.2026`), read
//! out of a text so an LLM's narrative can be checked against the facts it was given.

/// The numbers a text states: for each number as written, the readings it may have (`1,234`
/// is 1234 in English and 1.234 in Russian); each reading is one or more values (a date
/// `01.11.2026` reads as 1, 11 and 2026).
pub fn numbers_in(text: &str) -> Vec<(String, Vec<Vec<f64>>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphabetic()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i];
            let separator = matches!(c, ',' | '.') && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            let group = is_space(c) && group_of_three_follows(&chars, i + 1);
            if !(c.is_ascii_digit() || separator || group) {
                break;
            }
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        found.push((token.clone(), readings(&token)));
    }
    found
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Exactly three digits, then no digit: a thousands group after a space.
fn group_of_three_follows(chars: &[char], at: usize) -> bool {
    (at..at + 3).all(|j| chars.get(j).is_some_and(char::is_ascii_digit))
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

fn readings(token: &str) -> Vec<Vec<f64>> {
    let compact: String = token.chars().filter(|c| !is_space(*c)).collect();
    let commas = compact.matches(',').count();
    let dots = compact.matches('.').count();
    let mut out = Vec::new();
    let mut push = |text: String| {
        if let Ok(v) = text.parse::<f64>() {
            out.push(vec![v]);
        }
    };
    let groups_of_three = |sep: char| compact.split(sep).skip(1).all(|g| g.len() == 3);
    match (commas, dots) {
        (0, 0) => push(compact.clone()),
        (_, 0) => {
            if commas == 1 {
                push(compact.replace(',', "."));
            }
            if groups_of_three(',') {
                push(compact.replace(',', ""));
            }
        }
        (0, _) => {
            if dots == 1 {
                push(compact.clone());
            }
            if groups_of_three('.') {
                push(compact.replace('.', ""));
            }
        }
        _ => {
            // Both: the last one is the decimal point.
            let last_comma = compact.rfind(',').unwrap_or(0);
            let last_dot = compact.rfind('.').unwrap_or(0);
            if last_dot > last_comma && dots == 1 {
                push(compact.replace(',', ""));
            } else if last_comma > last_dot && commas == 1 {
                push(compact.replace('.', "").replace(',', "."));
            }
        }
    }
    // A date or a version: each part on its own.
    let parts: Vec<&str> = compact.split(['.', ',']).collect();
    if parts.len() > 1 {
        let values: Vec<f64> = parts.iter().filter_map(|p| p.parse::<f64>().ok()).collect();
        if values.len() == parts.len() {
            out.push(values);
        }
    }
    out
}

/// Whether two values are the same figure as written (to the cent).
fn same(a: f64, b: f64) -> bool {
    (a.abs() - b.abs()).abs() < 0.005
}

/// The numbers of `text` that none of `allowed` matches, as written.
pub fn unknown_numbers(text: &str, allowed: &[f64]) -> Vec<String> {
    numbers_in(text)
        .into_iter()
        .filter(|(_, readings)| {
            !readings
                .iter()
                .any(|values| values.iter().all(|v| allowed.iter().any(|a| same(*v, *a))))
        })
        .map(|(token, _)| token)
        .collect()
}

/// Every value any number of `facts` may mean.
pub fn values_in(facts: &str) -> Vec<f64> {
    numbers_in(facts)
        .into_iter()
        .flat_map(|(_, readings)| readings.into_iter().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_readings(text: &str) -> Vec<Vec<f64>> {
        numbers_in(text).remove(0).1
    }

    #[test]
    fn russian_and_english_money_read_the_same() {
        assert!(first_readings("1\u{a0}234\u{a0}567,50\u{a0}RUB").contains(&vec![1_234_567.5]));
        assert!(first_readings("1 234,50 ₽").contains(&vec![1234.5]));
        assert!(first_readings("1,234,567.50 RUB").contains(&vec![1_234_567.5]));
        assert!(first_readings("1,234").contains(&vec![1234.0]));
        assert!(first_readings("1,234").contains(&vec![1.234]));
    }

    #[test]
    fn percents_and_signs_read_as_their_size() {
        let facts = values_in("Выручка: 120 000 RUB (−57 % к прошлому периоду), повторных: 12 %");
        assert!(unknown_numbers("Revenue fell 57% to 120,000 RUB; 12 % came back.", &facts).is_empty());
        assert!(unknown_numbers("Revenue fell by −57 %.", &facts).is_empty());
    }

    #[test]
    fn an_invented_number_is_named() {
        let facts = values_in("Orders: 45 (+12 % on the previous period)");
        assert_eq!(unknown_numbers("There were 45 orders, 13% more.", &facts), vec!["13"]);
    }

    #[test]
    fn dates_read_as_their_parts() {
        let facts = values_in("Period 2026-11-01 – 2026-11-30.");
        assert!(unknown_numbers("From 01.11.2026 to 30.11.2026", &facts).is_empty());
        assert_eq!(unknown_numbers("From 02.11.2026", &facts), vec!["02.11.2026"]);
    }

    #[test]
    fn digits_inside_words_are_not_numbers() {
        assert!(numbers_in("SmolLM2 and H2O").is_empty());
        assert_eq!(numbers_in("12 customers and 3 orders").len(), 2);
    }
}
