//! The home dashboard by role: a manager's own figures, work time and tasks due today; the
//! team table for owners and heads of sales; revenue, funnel and sources for owners.

mod figures;
mod mine;
mod owner;
mod team;

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use voronka_types::kpi::Granularity;
use voronka_types::{Permission, Role};

use crate::i18n::{Key, tr};
use crate::session::use_session;

/// A ready-made period; weeks start on Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Week,
    Month,
    Custom,
}

const PRESETS: [(Preset, Key); 4] = [
    (Preset::Today, Key::RangeToday),
    (Preset::Week, Key::RangeWeek),
    (Preset::Month, Key::ThisMonth),
    (Preset::Custom, Key::CustomRange),
];

/// The days a preset covers, up to `today`.
pub fn preset_range(preset: Preset, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match preset {
        Preset::Today => Some((today, today)),
        Preset::Week => Some((
            today - Duration::days(today.weekday().num_days_from_monday().into()),
            today,
        )),
        Preset::Month => Some((today.with_day(1).unwrap_or(today), today)),
        Preset::Custom => None,
    }
}

/// The bucket size that suits a period: days up to two months, then weeks, then months.
pub fn granularity_for(from: NaiveDate, to: NaiveDate) -> Granularity {
    match (to - from).num_days() {
        ..=62 => Granularity::Day,
        63..=200 => Granularity::Week,
        _ => Granularity::Month,
    }
}

/// Today in the reader's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The dashboard under the home screen's greeting.
#[component]
pub fn Dashboard() -> impl IntoView {
    let session = use_session();
    let today = today();
    let preset = RwSignal::new(Preset::Week);
    let range = RwSignal::new(preset_range(Preset::Week, today).unwrap_or((today, today)));
    let pick = move |p: Preset| {
        preset.set(p);
        if let Some(days) = preset_range(p, today) {
            range.set(days);
        }
    };
    let set_day = move |from: bool, text: String| {
        if let Ok(day) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            range.update(|(a, b)| {
                if from {
                    *a = day.min(*b);
                } else {
                    *b = day.max(*a);
                }
            });
        }
    };
    let range: Signal<(NaiveDate, NaiveDate)> = range.into();
    let is_team = move || session.can(Permission::UsersManage);
    let is_owner = move || session.with_me(|m| m.user.role == Role::Owner).unwrap_or(false);
    let is_seller = move || !is_team() && session.can(Permission::LeadsReadOwn);
    view! {
        <section class="card range-picker dash-range" aria-label=tr(Key::Period)>
            <div class="presets" role="group" aria-label=tr(Key::Period)>
                {PRESETS
                    .into_iter()
                    .map(|(p, label)| view! {
                        <button type="button" class="preset" data-preset=format!("{p:?}").to_lowercase()
                            aria-pressed=move || (preset.get() == p).to_string()
                            on:click=move |_| pick(p)>
                            {tr(label)}
                        </button>
                    })
                    .collect_view()}
            </div>
            <Show when=move || preset.get() == Preset::Custom>
                <div class="range-inputs">
                    <label class="field">
                        <span class="field-label">{tr(Key::RangeFrom)}</span>
                        <input type="date" class="input" name="from"
                            prop:value=move || range.get().0.to_string()
                            on:change=move |ev| set_day(true, event_target_value(&ev)) />
                    </label>
                    <label class="field">
                        <span class="field-label">{tr(Key::RangeTo)}</span>
                        <input type="date" class="input" name="to"
                            prop:value=move || range.get().1.to_string()
                            on:change=move |ev| set_day(false, event_target_value(&ev)) />
                    </label>
                </div>
            </Show>
        </section>
        <Show when=is_seller>
            <mine::MyDashboard range=range today=today />
        </Show>
        <Show when=is_owner>
            <owner::OwnerDashboard range=range />
        </Show>
        <Show when=is_team>
            <team::TeamTable range=range />
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn this_week_starts_on_monday() {
        // 22 November 2026 is a Sunday.
        assert_eq!(
            preset_range(Preset::Week, day(2026, 11, 22)),
            Some((day(2026, 11, 16), day(2026, 11, 22)))
        );
        assert_eq!(
            preset_range(Preset::Week, day(2026, 11, 16)),
            Some((day(2026, 11, 16), day(2026, 11, 16)))
        );
    }

    #[test]
    fn today_and_this_month_end_today() {
        let today = day(2026, 11, 22);
        assert_eq!(preset_range(Preset::Today, today), Some((today, today)));
        assert_eq!(preset_range(Preset::Month, today), Some((day(2026, 11, 1), today)));
        assert_eq!(preset_range(Preset::Custom, today), None);
    }

    #[test]
    fn long_periods_get_coarser_buckets() {
        let from = day(2026, 1, 1);
        assert_eq!(granularity_for(from, day(2026, 1, 31)), Granularity::Day);
        assert_eq!(granularity_for(from, day(2026, 5, 1)), Granularity::Week);
        assert_eq!(granularity_for(from, day(2026, 12, 31)), Granularity::Month);
    }
}
