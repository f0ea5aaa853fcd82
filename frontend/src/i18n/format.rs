//! Dates in the reader's locale, through the browser's `Intl`.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

use super::Lang;

/// The locale for `Intl`: Russian for the Russian interface; otherwise the browser's own English
/// variant (en-GB, en-US …) so day/month order matches what the reader is used to.
fn locale(lang: Lang) -> String {
    match lang {
        Lang::Ru => "ru-RU".to_owned(),
        Lang::En => web_sys::window()
            .and_then(|w| w.navigator().language())
            .filter(|l| l.to_ascii_lowercase().starts_with("en"))
            .unwrap_or_else(|| "en-GB".to_owned()),
    }
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

const DATE: &[(&str, &str)] = &[("day", "numeric"), ("month", "short"), ("year", "numeric")];

/// A moment as a date, e.g. "21 Nov 2026" / "21 нояб. 2026 г.".
pub fn format_date(at: DateTime<Utc>, lang: Lang) -> String {
    let date = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    date.to_locale_date_string(&locale(lang), &options(DATE)).into()
}

/// A moment with its local time, e.g. "21 Nov 2026, 14:05".
pub fn format_datetime(at: DateTime<Utc>, lang: Lang) -> String {
    let date = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let opts = options(&[
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ]);
    date.to_locale_string(&locale(lang), &opts).into()
}

/// A calendar date (no time zone), e.g. a start date.
pub fn format_naive_date(day: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    // A calendar date has no time zone: local noon keeps it the same day whatever the offset.
    let date =
        Date::new_with_year_month_day_hr_min_sec(day.year() as u32, day.month0() as i32, day.day() as i32, 12, 0, 0);
    let opts = options(&[("day", "numeric"), ("month", "short"), ("year", "numeric")]);
    date.to_locale_date_string(&locale(lang), &opts).into()
}
