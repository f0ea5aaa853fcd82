//! What typed or picked values become: one `UpdateDeal` per field, or the reason it is refused.

use voronka_types::deals::UpdateDeal;

use crate::i18n::Key;
use crate::pages::deals::parse_day;
use crate::pages::leads::new_lead::normalize_amount;

/// Turns what was typed into a change, or names what is wrong with it.
pub type Patch = fn(&str) -> Result<UpdateDeal, Key>;

/// Trimmed text, or nothing for blank.
fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The change for a new title.
pub fn title_patch(v: &str) -> Result<UpdateDeal, Key> {
    Ok(UpdateDeal {
        title: Some(v.trim().to_owned()),
        ..UpdateDeal::default()
    })
}

/// The change for a new stage (not a lost one: that asks for a reason first).
pub fn stage_patch(v: &str) -> Result<UpdateDeal, Key> {
    let stage = v.parse().map_err(|_| Key::FieldRequired)?;
    Ok(UpdateDeal {
        stage_id: Some(stage),
        ..UpdateDeal::default()
    })
}

/// The change for a new owner (blank: nobody).
pub fn owner_patch(v: &str) -> Result<UpdateDeal, Key> {
    Ok(UpdateDeal {
        owner_id: Some(v.parse().ok()),
        ..UpdateDeal::default()
    })
}

/// The change for a new amount, typed the local way ("150 000,50"); blank is zero.
pub fn amount_patch(v: &str) -> Result<UpdateDeal, Key> {
    Ok(UpdateDeal {
        amount: Some(optional(v).map_or_else(|| "0".to_owned(), |a| normalize_amount(&a))),
        ..UpdateDeal::default()
    })
}

/// The change for a new currency (ISO 4217, any case).
pub fn currency_patch(v: &str) -> Result<UpdateDeal, Key> {
    let code = optional(v).ok_or(Key::FieldRequired)?;
    Ok(UpdateDeal {
        currency: Some(code.to_uppercase()),
        ..UpdateDeal::default()
    })
}

/// The change for a new expected close date (blank clears it).
pub fn close_date_patch(v: &str) -> Result<UpdateDeal, Key> {
    let day = match optional(v) {
        None => None,
        Some(text) => Some(parse_day(&text).ok_or(Key::BadValue)?),
    };
    Ok(UpdateDeal {
        expected_close_date: Some(day),
        ..UpdateDeal::default()
    })
}

/// The change for a new probability (0–100; blank clears it).
pub fn probability_patch(v: &str) -> Result<UpdateDeal, Key> {
    let value = match optional(v) {
        None => None,
        Some(text) => Some(
            text.trim_end_matches('%')
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= 100)
                .ok_or(Key::BadValue)?,
        ),
    };
    Ok(UpdateDeal {
        probability: Some(value),
        ..UpdateDeal::default()
    })
}

/// The change for a new close reason (blank clears it).
pub fn close_reason_patch(v: &str) -> Result<UpdateDeal, Key> {
    Ok(UpdateDeal {
        close_reason: Some(optional(v)),
        ..UpdateDeal::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_typed_the_russian_way_is_sent_as_a_decimal() {
        assert_eq!(amount_patch("150 000,50").unwrap().amount.as_deref(), Some("150000.50"));
        assert_eq!(amount_patch("  ").unwrap().amount.as_deref(), Some("0"));
    }

    #[test]
    fn a_blank_close_date_clears_it_and_a_bad_one_is_refused() {
        assert_eq!(close_date_patch("").unwrap().expected_close_date, Some(None));
        assert!(close_date_patch("2026-02-30").is_err());
        assert!(
            close_date_patch("2026-02-28")
                .unwrap()
                .expected_close_date
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_probability_is_a_whole_percentage() {
        assert_eq!(probability_patch("40 %").unwrap().probability, Some(Some(40)));
        assert_eq!(probability_patch("").unwrap().probability, Some(None));
        assert!(probability_patch("140").is_err());
        assert!(probability_patch("half").is_err());
    }

    #[test]
    fn a_currency_is_sent_upper_case_and_cannot_be_blank() {
        assert_eq!(currency_patch("usd").unwrap().currency.as_deref(), Some("USD"));
        assert!(currency_patch(" ").is_err());
    }
}
