//! Turning contact input into clean values: E.164 phones, lower-cased e-mails, tidy tags.

use voronka_types::FieldError;
use voronka_types::contacts::Phone;

use super::phone;
use crate::validation::{self, Checks};

pub const MAX_PHONES: usize = 10;
pub const MAX_EMAILS: usize = 10;
pub const MAX_TAGS: usize = 30;

/// Phones normalised with the company's region; duplicates (same E.164) dropped.
pub fn phones(checks: &mut Checks, raw: &[String], region: Option<phonenumber::country::Id>) -> Vec<Phone> {
    if raw.len() > MAX_PHONES {
        checks.push(FieldError::new(
            "phones",
            "too_many",
            format!("at most {MAX_PHONES} phone numbers"),
        ));
        return Vec::new();
    }
    let mut out: Vec<Phone> = Vec::new();
    for (i, raw) in raw.iter().enumerate() {
        match phone::to_e164(raw, region) {
            Some(e164) if !out.iter().any(|p| p.e164 == e164) => out.push(Phone {
                raw: raw.trim().to_owned(),
                e164,
            }),
            Some(_) => {}
            None => checks.push(FieldError::new(
                format!("phones[{i}]"),
                "invalid_phone",
                "not a valid phone number; include the country code, like +7 916 123-45-67",
            )),
        }
    }
    out
}

pub fn emails(checks: &mut Checks, raw: &[String]) -> Vec<String> {
    if raw.len() > MAX_EMAILS {
        checks.push(FieldError::new(
            "emails",
            "too_many",
            format!("at most {MAX_EMAILS} e-mails"),
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in raw.iter().enumerate() {
        if let Some(email) = checks.take(validation::email(&format!("emails[{i}]"), raw))
            && !out.contains(&email)
        {
            out.push(email);
        }
    }
    out
}

/// Trimmed tags of 1–50 characters, first spelling kept, duplicates (any case) dropped.
pub fn tags(checks: &mut Checks, raw: &[String]) -> Vec<String> {
    if raw.len() > MAX_TAGS {
        checks.push(FieldError::new("tags", "too_many", format!("at most {MAX_TAGS} tags")));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in raw.iter().enumerate() {
        if let Some(tag) = checks.take(validation::text(&format!("tags[{i}]"), raw, 50))
            && !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            out.push(tag);
        }
    }
    out
}

/// An optional free-text field: blank means absent.
pub fn optional_text(checks: &mut Checks, field: &str, raw: Option<&str>, max: usize) -> Option<String> {
    raw.filter(|v| !v.trim().is_empty())
        .and_then(|v| checks.take(validation::text(field, v, max)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_phones_and_emails_collapse_and_bad_ones_are_named() {
        let mut checks = Checks::new();
        let region = phone::default_region("ru");
        let phones = phones(&mut checks, &["8 916 123-45-67".into(), "+79161234567".into()], region);
        assert_eq!(phones.len(), 1);
        assert_eq!(phones[0].raw, "8 916 123-45-67");
        let emails = emails(&mut checks, &["A@B.co".into(), "a@b.co".into()]);
        assert_eq!(emails, vec!["a@b.co"]);
        let tags = tags(&mut checks, &["VIP".into(), "vip".into(), "Moscow".into()]);
        assert_eq!(tags, vec!["VIP", "Moscow"]);
        assert!(checks.finish().is_ok());

        let mut checks = Checks::new();
        super::phones(&mut checks, &["+79161234567".into(), "call me".into()], region);
        match checks.finish() {
            Err(crate::error::ApiError::Validation(errors)) => assert_eq!(errors[0].field, "phones[1]"),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
