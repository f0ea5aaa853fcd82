//! What typed or picked values become: one `UpdateLead` per field, or the reason it is refused.

use voronka_types::contacts::Source;
use voronka_types::leads::{Handler, Temperature, UpdateLead};

use crate::i18n::Key;
use crate::pages::leads::new_lead::normalize_amount;

/// Turns what was typed into a change, or names what is wrong with it.
pub type Patch = fn(&str) -> Result<UpdateLead, Key>;

/// Trimmed text, or nothing for blank.
pub fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The change for a new lead name.
pub fn name_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        name: Some(v.trim().to_owned()),
        ..UpdateLead::default()
    })
}

/// The change for a new stage.
pub fn stage_patch(v: &str) -> Result<UpdateLead, Key> {
    let stage = v.parse().map_err(|_| Key::FieldRequired)?;
    Ok(UpdateLead {
        stage_id: Some(stage),
        ..UpdateLead::default()
    })
}

/// The change for a new owner.
pub fn owner_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        owner_id: Some(v.parse().ok()),
        ..UpdateLead::default()
    })
}

/// The change for a new amount.
pub fn amount_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        amount: Some(optional(v).map(|a| normalize_amount(&a))),
        ..UpdateLead::default()
    })
}

/// The change for a new city.
pub fn city_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        city: Some(optional(v)),
        ..UpdateLead::default()
    })
}

/// The change for a new source.
pub fn source_patch(v: &str) -> Result<UpdateLead, Key> {
    let source = Source::parse(v).ok_or(Key::FieldRequired)?;
    Ok(UpdateLead {
        source: Some(source),
        ..UpdateLead::default()
    })
}

/// The change for a new temperature.
pub fn temperature_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        temperature: Some(Temperature::parse(v)),
        ..UpdateLead::default()
    })
}

/// The change for a new score.
pub fn score_patch(v: &str) -> Result<UpdateLead, Key> {
    match v.trim().parse::<u8>() {
        Ok(score) if score <= 100 => Ok(UpdateLead {
            score: Some(Some(score)),
            ..UpdateLead::default()
        }),
        _ => Err(Key::FieldOutOfRange),
    }
}

/// The change for a new handler.
pub fn handler_patch(v: &str) -> Result<UpdateLead, Key> {
    let handler = Handler::parse(v).ok_or(Key::FieldRequired)?;
    Ok(UpdateLead {
        handled_by: Some(handler),
        ..UpdateLead::default()
    })
}

/// The change for a new tags.
pub fn tags_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        tags: Some(v.split(',').filter_map(optional).collect()),
        ..UpdateLead::default()
    })
}

/// The change for a new close reason.
pub fn close_reason_patch(v: &str) -> Result<UpdateLead, Key> {
    Ok(UpdateLead {
        close_reason: Some(optional(v)),
        ..UpdateLead::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_must_be_0_to_100() {
        assert_eq!(score_patch(" 42 ").map(|p| p.score), Ok(Some(Some(42))));
        assert_eq!(score_patch("101"), Err(Key::FieldOutOfRange));
        assert_eq!(score_patch("high"), Err(Key::FieldOutOfRange));
    }

    #[test]
    fn an_amount_typed_the_local_way_is_sent_as_a_decimal_and_blank_clears_it() {
        assert_eq!(
            amount_patch("150 000,50").map(|p| p.amount),
            Ok(Some(Some("150000.50".to_owned())))
        );
        assert_eq!(amount_patch("  ").map(|p| p.amount), Ok(Some(None)));
    }

    #[test]
    fn tags_are_split_on_commas_and_trimmed() {
        let tags = tags_patch(" vip, , roof ").map(|p| p.tags);
        assert_eq!(tags, Ok(Some(vec!["vip".to_owned(), "roof".to_owned()])));
    }
}
