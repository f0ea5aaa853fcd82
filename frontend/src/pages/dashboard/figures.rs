//! Pieces the dashboard cards share: a figure with its definition as a tooltip, and how
//! durations, shares and optional values read.

use leptos::prelude::*;

use crate::i18n::{Key, Lang, format_count, format_percent, tr};

/// A whole number of minutes as "3 h 20 min" / "3 ч 20 мин" ("45 min" under an hour).
pub fn format_minutes(minutes: i64, lang: Lang) -> String {
    let minutes = minutes.max(0);
    let (hours, rest) = (minutes / 60, minutes % 60);
    if hours == 0 {
        Key::DurMinutes.text(lang).replacen("{}", &rest.to_string(), 1)
    } else {
        Key::DurHoursMinutes
            .text(lang)
            .replacen("{}", &hours.to_string(), 1)
            .replacen("{}", &rest.to_string(), 1)
    }
}

/// Hours with a fraction (KPI `active_hours`) as a duration.
pub fn format_hours(hours: f64, lang: Lang) -> String {
    format_minutes((hours * 60.0).round() as i64, lang)
}

/// A median of minutes as a duration, or a dash.
pub fn format_response(minutes: Option<f64>, lang: Lang) -> String {
    minutes.map_or_else(|| "—".to_owned(), |m| format_minutes(m.round() as i64, lang))
}

/// A share as a percentage, or a dash.
pub fn format_share(share: Option<f64>, lang: Lang) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format_percent(s, lang, false))
}

/// A count in the locale's digits.
pub fn format_int(count: u64, lang: Lang) -> String {
    format_count(count, lang)
}

/// A KPI's label: its definition is the tooltip (`title`) and, for screen readers, read after
/// the label.
#[component]
pub fn KpiLabel(label: Key, definition: Key) -> impl IntoView {
    view! {
        <span class="kpi-label" title=tr(definition)>
            {tr(label)}
            <span class="sr-only">" — "{tr(definition)}</span>
        </span>
    }
}

/// One figure tile: the value over its label.
#[component]
pub fn Figure(label: Key, definition: Key, value: Signal<String>) -> impl IntoView {
    view! {
        <div class="kpi-tile">
            <span class="kpi-value">{move || value.get()}</span>
            <KpiLabel label=label definition=definition />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(format_minutes(200, Lang::En), "3 h 20 min");
        assert_eq!(format_minutes(200, Lang::Ru), "3 ч 20 мин");
        assert_eq!(format_minutes(45, Lang::En), "45 min");
        assert_eq!(format_minutes(-5, Lang::En), "0 min");
        assert_eq!(format_hours(1.5, Lang::En), "1 h 30 min");
    }
}
