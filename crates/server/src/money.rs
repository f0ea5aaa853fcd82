//! Money in and out of the API: ISO 4217 currencies with their decimals, decimal strings
//! parsed into integer minor units.

use voronka_types::money::{AmountError, format_minor, parse_minor};
use voronka_types::{FieldError, Money};

use crate::validation::Checks;

/// A known ISO 4217 currency: its upper-case code and number of decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    pub exponent: u32,
}

/// Looks a code up (any case); funds and codes without decimals defined (e.g. XAU) are refused.
pub fn currency(code: &str) -> Option<Currency> {
    let code = code.trim().to_ascii_uppercase();
    let found = iso_currency::Currency::from_code(&code)?;
    let exponent = u32::from(found.exponent()?);
    Some(Currency { code, exponent })
}

/// The decimals of a stored currency code (2 if it is somehow unknown).
pub fn exponent_of(code: &str) -> u32 {
    currency(code).map_or(2, |c| c.exponent)
}

/// Checks a currency field, pushing a named error when it is not ISO 4217.
pub fn check_currency(checks: &mut Checks, field: &str, code: &str) -> Option<Currency> {
    let found = currency(code);
    if found.is_none() {
        checks.push(FieldError::new(
            field,
            "invalid_currency",
            "not an ISO 4217 currency code such as RUB, USD or EUR",
        ));
    }
    found
}

/// Parses a decimal amount in a currency, pushing a named error when it is not one.
pub fn check_amount(checks: &mut Checks, field: &str, amount: &str, currency: &Currency) -> Option<i64> {
    match parse_minor(amount, currency.exponent) {
        Ok(minor) => Some(minor),
        Err(error) => {
            let code = match error {
                AmountError::Negative => "negative_amount",
                AmountError::TooPrecise => "too_precise",
                AmountError::TooLarge => "too_large",
                AmountError::Malformed => "invalid_amount",
            };
            let detail = match error {
                AmountError::TooPrecise => format!("{} allows {} decimals", currency.code, currency.exponent),
                other => format!("the amount {other}: send a decimal string such as \"1250.50\""),
            };
            checks.push(FieldError::new(field, code, detail));
            None
        }
    }
}

/// Stored minor units as the API shows them.
pub fn to_dto(minor: i64, currency: &str) -> Money {
    Money {
        amount: format_minor(minor, exponent_of(currency)),
        currency: currency.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_know_their_decimals() {
        assert_eq!(currency("rub").unwrap().exponent, 2);
        assert_eq!(currency("JPY").unwrap().exponent, 0);
        assert_eq!(currency("KWD").unwrap().exponent, 3);
        assert!(currency("XYZ").is_none());
        assert_eq!(to_dto(125_050, "RUB").amount, "1250.50");
        assert_eq!(to_dto(1500, "JPY").amount, "1500");
    }

    #[test]
    fn amount_errors_name_the_field() {
        let rub = currency("RUB").unwrap();
        let mut checks = Checks::new();
        assert_eq!(check_amount(&mut checks, "amount", "10.5", &rub), Some(1050));
        assert_eq!(check_amount(&mut checks, "amount", "-3", &rub), None);
        match checks.finish() {
            Err(crate::error::ApiError::Validation(errors)) => {
                assert_eq!(errors[0].field, "amount");
                assert_eq!(errors[0].code, "negative_amount");
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
