//! Field checks shared by every context: each returns the clean value or a [`FieldError`]
//! naming the field, and [`Checks`] gathers them so one answer lists every problem.

use voronka_types::FieldError;

use crate::error::{ApiError, ApiResult};

/// Collects field errors; `finish` answers 422 with all of them, or Ok.
#[derive(Debug, Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when valid, records the error otherwise.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Takes over the errors of checks made on a nested object, naming them `prefix.field`.
    pub fn absorb(&mut self, prefix: &str, nested: Checks) {
        self.0.extend(nested.0.into_iter().map(|mut e| {
            e.field = format!("{prefix}.{}", e.field);
            e
        }));
    }

    /// Whether nothing went wrong so far.
    pub fn is_clean(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors found, each naming its field.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }

    pub fn finish(self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Passwords that are long enough but guessed first by every attacker.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "0987654321",
    "1111111111",
    "0000000000",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "asdfghjkl1",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "iloveyou12",
    "letmein123",
    "welcome123",
    "admin12345",
    "administrator",
    "abc1234567",
    "abcdefghij",
    "football12",
    "baseball12",
    "superman12",
    "princess12",
    "sunshine12",
    "monkey1234",
    "dragon1234",
    "trustno1trustno1",
    "starwars12",
    "changeme123",
    "qazwsxedcrfv",
    "zaq12wsxcde",
    "1q2w3e4r5t6y",
    "q1w2e3r4t5",
    "11111111111",
    "123123123123",
    "987654321a",
    "йцукенгшщз",
    "пароль1234",
    "пароль12345",
    "qwertyuiop123",
    "michael123",
    "jennifer12",
    "computer12",
    "internet12",
    "whatever12",
    "voronka123",
    "voronka2026",
    "crmpassword",
];

/// Lower-cased, trimmed e-mail, or why it is not one.
pub fn email(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim().to_lowercase();
    let invalid = || {
        FieldError::new(
            field,
            "invalid_email",
            "enter a valid e-mail address, like name@company.com",
        )
    };
    if value.is_empty() {
        return Err(FieldError::new(field, "required", "e-mail is required"));
    }
    if value.chars().count() > 254 {
        return Err(FieldError::new(
            field,
            "too_long",
            "e-mail is longer than 254 characters",
        ));
    }
    let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || c == '@' || c == ',' || c == ';';
    if local.is_empty()
        || local.len() > 64
        || domain.len() < 3
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
        || value.chars().any(|c| c.is_whitespace() || c.is_control())
        || local.chars().any(bad_char)
        || domain.chars().any(bad_char)
    {
        return Err(invalid());
    }
    Ok(value)
}

/// A trimmed display name of 1..=max characters without control characters.
pub fn text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "required", format!("{field} is required")));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("{field} is longer than {max} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} contains control characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Rejects short, over-long, common and e-mail-equal passwords.
pub fn password(field: &str, raw: &str, email: Option<&str>) -> Result<(), FieldError> {
    let chars = raw.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            "too_short",
            format!("use at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("use at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    let lowered = raw.to_lowercase();
    let distinct = lowered.chars().collect::<std::collections::BTreeSet<_>>().len();
    if COMMON_PASSWORDS.contains(&lowered.as_str()) || distinct < 4 {
        return Err(FieldError::new(
            field,
            "too_common",
            "this password is too easy to guess; pick another",
        ));
    }
    if email.is_some_and(|e| lowered == e || lowered == e.split('@').next().unwrap_or(e)) {
        return Err(FieldError::new(
            field,
            "same_as_email",
            "the password must not be your e-mail",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(email("email", "  Anna@Example.COM ").unwrap(), "anna@example.com");
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.com",
            "anna@example",
            "an na@example.com",
            "a@b@c.com",
            "anna@.com",
        ] {
            assert!(email("email", bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn weak_passwords_are_rejected_with_a_reason() {
        assert_eq!(password("password", "short", None).unwrap_err().code, "too_short");
        assert_eq!(
            password("password", "Password123", None).unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            password("password", "aaaaaaaaaaaa", None).unwrap_err().code,
            "too_common"
        );
        assert_eq!(
            password("password", "anna.petrova@mail.ru", Some("anna.petrova@mail.ru"))
                .unwrap_err()
                .code,
            "same_as_email"
        );
        assert!(password("password", "correct horse battery", None).is_ok());
    }

    #[test]
    fn names_must_be_present_and_bounded() {
        assert_eq!(text("name", "  ", 10).unwrap_err().code, "required");
        assert_eq!(text("name", "x".repeat(11).as_str(), 10).unwrap_err().code, "too_long");
        assert_eq!(text("name", " Anna ", 10).unwrap(), "Anna");
    }

    #[test]
    fn checks_gather_every_error() {
        let mut checks = Checks::new();
        checks.take(email("email", "nope"));
        checks.take(text("name", "", 5));
        match checks.finish() {
            Err(ApiError::Validation(errors)) => assert_eq!(errors.len(), 2),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }
}
