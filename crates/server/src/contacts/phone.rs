//! Phone numbers: parsed with libphonenumber's rules and kept in E.164 for matching.

use phonenumber::Mode;
use phonenumber::country::Id as Country;

/// The region a number without a country code belongs to, from the company's language
/// (Russian-speaking companies dial Russian numbers without +7).
pub fn default_region(tenant_locale: &str) -> Option<Country> {
    match tenant_locale {
        "ru" => Some(Country::RU),
        _ => None,
    }
}

/// `+79161234567` for `8 (916) 123-45-67` and friends; `None` when it is not a valid number.
pub fn to_e164(raw: &str, region: Option<Country>) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.len() > 40 {
        return None;
    }
    let number = phonenumber::parse(region, trimmed).ok()?;
    phonenumber::is_valid(&number).then(|| number.format().mode(Mode::E164).to_string())
}

/// What to look for in stored E.164 numbers when a search term looks like (part of) a phone:
/// its digits, the digits with a Russian trunk `8` read as `+7`, and the whole number in
/// E.164 when it parses. Empty when the term is not phone-like.
pub fn search_terms(q: &str, region: Option<Country>) -> Vec<String> {
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = q.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !only_phone_chars || digits.len() < 4 {
        return Vec::new();
    }
    let mut terms = vec![digits.clone()];
    if region == Some(Country::RU) && !q.trim_start().starts_with('+') && digits.starts_with('8') {
        terms.push(format!("7{}", &digits[1..]));
    }
    if let Some(e164) = to_e164(q, region) {
        terms.push(e164);
    }
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_numbers_in_any_format_become_the_same_e164() {
        let ru = default_region("ru");
        for raw in [
            "8 (916) 123-45-67",
            "+7 916 123 45 67",
            "89161234567",
            "9161234567",
            "+7(916)1234567",
        ] {
            assert_eq!(to_e164(raw, ru).as_deref(), Some("+79161234567"), "{raw}");
        }
    }

    #[test]
    fn numbers_without_a_country_need_a_region() {
        assert_eq!(to_e164("9161234567", None), None);
        assert_eq!(to_e164("+1 415 555 2671", None).as_deref(), Some("+14155552671"));
        assert_eq!(to_e164("hello", default_region("ru")), None);
        assert_eq!(to_e164("123", default_region("ru")), None);
    }

    #[test]
    fn search_terms_that_look_like_phones_give_their_digits() {
        let ru = default_region("ru");
        assert_eq!(search_terms("8 916 123", ru), vec!["8916123", "7916123"]);
        assert_eq!(
            search_terms("8 (916) 123-45-67", ru),
            vec!["89161234567", "79161234567", "+79161234567"]
        );
        assert!(search_terms("Anna", ru).is_empty());
        assert!(search_terms("12", ru).is_empty());
    }
}
