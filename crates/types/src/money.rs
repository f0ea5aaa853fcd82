//! Money on the wire: a decimal string and an ISO 4217 currency code, never a float.

use serde::{Deserialize, Serialize};

/// An amount such as `{"amount": "1250.50", "currency": "RUB"}`. The server stores integer
/// minor units; `amount` always has the currency's number of decimals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// Decimal string, e.g. `"1250.50"`.
    #[cfg_attr(feature = "openapi", schema(example = "1250.50"))]
    pub amount: String,
    /// ISO 4217 code, e.g. `RUB`.
    #[cfg_attr(feature = "openapi", schema(example = "RUB"))]
    pub currency: String,
}

/// Why a decimal string is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("not a decimal number such as 1250.50")]
    Malformed,
    #[error("must not be negative")]
    Negative,
    #[error("has more decimals than the currency allows")]
    TooPrecise,
    #[error("is too large")]
    TooLarge,
}

/// Parses a non-negative decimal string (`"1250"`, `"1250.5"`, `"1 250,50"` is refused) into
/// minor units of a currency with `exponent` decimals.
pub fn parse_minor(text: &str, exponent: u32) -> Result<i64, AmountError> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (text.contains('.') && fraction.is_empty()) {
        return Err(AmountError::Malformed);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > exponent as usize {
        return Err(AmountError::TooPrecise);
    }
    let scale = 10i64.checked_pow(exponent).ok_or(AmountError::TooLarge)?;
    let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
    let padded = format!("{fraction:0<width$}", width = exponent as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| AmountError::Malformed)?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or(AmountError::TooLarge)
}

/// Minor units back to a decimal string with exactly `exponent` decimals.
pub fn format_minor(minor: i64, exponent: u32) -> String {
    if exponent == 0 {
        return minor.to_string();
    }
    let scale = 10i128.pow(exponent);
    let value = minor as i128;
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exponent as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_strings_become_exact_minor_units() {
        assert_eq!(parse_minor("1250.50", 2), Ok(125_050));
        assert_eq!(parse_minor("1250.5", 2), Ok(125_050));
        assert_eq!(parse_minor("1250", 2), Ok(125_000));
        assert_eq!(parse_minor("0.10", 2), Ok(10));
        assert_eq!(parse_minor("1250.500", 2), Ok(125_050));
        assert_eq!(parse_minor("7", 0), Ok(7));
        assert_eq!(parse_minor("1.234", 3), Ok(1234));
    }

    #[test]
    fn bad_amounts_say_why() {
        assert_eq!(parse_minor("-1", 2), Err(AmountError::Negative));
        assert_eq!(parse_minor("1.005", 2), Err(AmountError::TooPrecise));
        assert_eq!(parse_minor("1,5", 2), Err(AmountError::Malformed));
        assert_eq!(parse_minor("", 2), Err(AmountError::Malformed));
        assert_eq!(parse_minor("1.", 2), Err(AmountError::Malformed));
        assert_eq!(parse_minor(".5", 2), Err(AmountError::Malformed));
        assert_eq!(parse_minor("1e3", 2), Err(AmountError::Malformed));
        assert_eq!(parse_minor("99999999999999999999", 2), Err(AmountError::TooLarge));
    }

    #[test]
    fn minor_units_format_with_the_currency_decimals() {
        assert_eq!(format_minor(125_050, 2), "1250.50");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(7, 0), "7");
        assert_eq!(format_minor(-150, 2), "-1.50");
        assert_eq!(format_minor(1234, 3), "1.234");
    }
}
