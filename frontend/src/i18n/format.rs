//! Dates, numbers and money in the reader's locale, through the browser's `Intl`.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::Intl::NumberFormat;
use js_sys::{Array, Date, Number, Object, Reflect};
use voronka_types::Money;
use wasm_bindgen::{JsCast, JsValue};

use super::{Key, Lang};

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

/// An amount of money in the reader's locale ("150 000,50 ₽", "RUB 150,000.50"). The decimal
/// string goes to `Intl` as it is (exact in current browsers), never through a float here.
/// `whole` drops the minor units, for column sums where space is short.
pub fn format_money(money: &Money, lang: Lang, whole: bool) -> String {
    let plain = || format!("{} {}", money.amount, money.currency);
    // Intl throws on a malformed currency code; the server only sends ISO 4217 ones.
    if money.currency.len() != 3 || !money.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return plain();
    }
    let mut pairs = vec![("style", "currency"), ("currency", money.currency.as_str())];
    if whole {
        pairs.extend([("minimumFractionDigits", "0"), ("maximumFractionDigits", "0")]);
    }
    let locales = Array::of1(&JsValue::from_str(&locale(lang)));
    let format = NumberFormat::new(&locales, &options(&pairs).unchecked_into()).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_str(&money.amount))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(plain)
}

/// A count with the locale's digit grouping ("1 250" / "1,250").
pub fn format_count(count: u64, lang: Lang) -> String {
    Number::from(count as f64).to_locale_string(&locale(lang)).into()
}

/// How long ago `since` was, roughly: "5 min", "3 h", "2 d".
pub fn format_elapsed(since: DateTime<Utc>, now_ms: f64, lang: Lang) -> String {
    // Under a minute still reads "1 min": "0 min" looks like no wait at all.
    let minutes = ((now_ms - since.timestamp_millis() as f64) / 60_000.0).max(1.0) as u64;
    let (key, value) = match minutes {
        0..60 => (Key::DurMinutes, minutes),
        60..2880 => (Key::DurHours, minutes / 60),
        _ => (Key::DurDays, minutes / 1440),
    };
    key.text(lang).replacen("{}", &value.to_string(), 1)
}

/// A `<input type="datetime-local">` value ("2026-11-21T14:30"), or a date ("2026-11-21",
/// meaning its local midnight), as the moment it names in the reader's time zone.
pub fn parse_local_input(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // A date alone would be read as UTC midnight; with a time of day, JS reads local time.
    let text = if text.len() == 10 {
        format!("{text}T00:00")
    } else {
        text.to_owned()
    };
    let millis = Date::new(&JsValue::from_str(&text)).get_time();
    if millis.is_nan() {
        return None;
    }
    DateTime::from_timestamp_millis(millis as i64)
}

/// A decimal number with the locale's grouping and at most `fraction` digits after the point.
pub fn format_number(value: f64, lang: Lang, fraction: u8) -> String {
    let digits = fraction.min(6).to_string();
    let pairs = [("maximumFractionDigits", digits.as_str())];
    let locales = Array::of1(&JsValue::from_str(&locale(lang)));
    let format = NumberFormat::new(&locales, &options(&pairs).unchecked_into()).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// A share (0.125) as a percentage ("12.5%" / "12,5 %"); `signed` adds "+" to gains.
pub fn format_percent(share: f64, lang: Lang, signed: bool) -> String {
    let mut pairs = vec![("style", "percent"), ("maximumFractionDigits", "1")];
    if signed {
        pairs.push(("signDisplay", "exceptZero"));
    }
    let locales = Array::of1(&JsValue::from_str(&locale(lang)));
    let format = NumberFormat::new(&locales, &options(&pairs).unchecked_into()).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(share))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{:.1} %", share * 100.0))
}

fn local_noon(day: NaiveDate) -> Date {
    use chrono::Datelike;
    Date::new_with_year_month_day_hr_min_sec(day.year() as u32, day.month0() as i32, day.day() as i32, 12, 0, 0)
}

/// A short day and month for chart axes, e.g. "21 Nov" / "21 нояб.".
pub fn format_day_month(day: NaiveDate, lang: Lang) -> String {
    local_noon(day)
        .to_locale_date_string(&locale(lang), &options(&[("day", "numeric"), ("month", "short")]))
        .into()
}

/// The weekday's name, `index` 0 = Monday … 6 = Sunday.
pub fn format_weekday(index: usize, lang: Lang) -> String {
    // 1 January 2024 was a Monday.
    let day = NaiveDate::from_ymd_opt(2024, 1, 1 + (index % 7) as u32).unwrap_or_default();
    local_noon(day)
        .to_locale_date_string(&locale(lang), &options(&[("weekday", "long")]))
        .into()
}

/// The month's name, `index` 0 = January … 11 = December (nominative: "март", not "марта").
pub fn format_month_name(index: usize, lang: Lang) -> String {
    let day = NaiveDate::from_ymd_opt(2024, 1 + (index % 12) as u32, 1).unwrap_or_default();
    local_noon(day)
        .to_locale_date_string(&locale(lang), &options(&[("month", "long")]))
        .into()
}

/// A number shortened for chart axes: "148K" / "148 тыс.".
pub fn format_compact(value: f64, lang: Lang) -> String {
    let pairs = [("notation", "compact"), ("maximumFractionDigits", "1")];
    let locales = Array::of1(&JsValue::from_str(&locale(lang)));
    let format = NumberFormat::new(&locales, &options(&pairs).unchecked_into()).format();
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| value.to_string())
}
