//! `/insights`: the sales report for a chosen period, the trend and forecast of a measure,
//! customer segments, recommendations and the period's top lists (permission `reports.read`).

pub(crate) mod chart;
mod forecast;
mod recommendations;
mod report;
mod segments;
mod series;
mod trend;

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::ai::Granularity;

use crate::api;
use crate::api::ai::{granularity_name, metric_name};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, tr, use_i18n};
use crate::session::use_session;
use forecast::ForecastCard;
use recommendations::RecommendationsCard;
use report::{ReportHead, ReportTables};
use segments::SegmentsCard;
use series::{GRANULARITIES, METRICS, granularity_key, horizons, metric_key, parse_granularity, parse_metric};
use trend::TrendCard;

/// A ready-made period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preset {
    Last30,
    Month,
    Quarter,
    Year,
    Custom,
}

const PRESETS: [(Preset, Key); 5] = [
    (Preset::Last30, Key::Last30Days),
    (Preset::Month, Key::ThisMonth),
    (Preset::Quarter, Key::ThisQuarter),
    (Preset::Year, Key::ThisYear),
    (Preset::Custom, Key::CustomRange),
];

/// Today in the reader's time zone.
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The days a preset covers, up to `today`; the step that suits them.
fn preset_range(preset: Preset, today: NaiveDate) -> Option<((NaiveDate, NaiveDate), Granularity)> {
    let first_of = |month: u32| NaiveDate::from_ymd_opt(today.year(), month, 1).unwrap_or(today);
    match preset {
        Preset::Last30 => Some(((today - Duration::days(29), today), Granularity::Day)),
        Preset::Month => Some(((first_of(today.month()), today), Granularity::Day)),
        Preset::Quarter => Some(((first_of(today.month0() / 3 * 3 + 1), today), Granularity::Week)),
        Preset::Year => Some(((first_of(1), today), Granularity::Week)),
        Preset::Custom => None,
    }
}

/// `/insights`.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageHeader title=Key::NavInsights subtitle=Key::InsightsSubtitle />
        <Show when=move || session.can(Permission::ReportsRead) fallback=NoAccess>
            <Insights />
        </Show>
    }
}

#[component]
fn Insights() -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let preset = RwSignal::new(Preset::Last30);
    let range = RwSignal::new((today - Duration::days(29), today));
    let metric = RwSignal::new(metric_name(METRICS[0]).to_owned());
    let granularity = RwSignal::new(granularity_name(Granularity::Day).to_owned());
    let horizon_choice = RwSignal::new(1usize);
    let pick = move |p: Preset| {
        preset.set(p);
        if let Some((days, step)) = preset_range(p, today) {
            range.set(days);
            granularity.set(granularity_name(step).to_owned());
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
    let metric_signal = Signal::derive(move || parse_metric(&metric.get()));
    let step_signal = Signal::derive(move || parse_granularity(&granularity.get()));
    let horizon = Signal::derive(move || horizons(step_signal.get())[horizon_choice.get().min(2)]);
    let as_of = Signal::derive(move || range.get().1);
    let report = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { api::ai::report(from, to).await }
    });
    view! {
        <section class="card range-picker" aria-label=tr(Key::Period)>
            <div class="presets" role="group" aria-label=tr(Key::Period)>
                {PRESETS
                    .into_iter()
                    .map(|(p, label)| view! {
                        <button
                            type="button"
                            class="preset"
                            aria-pressed=move || (preset.get() == p).to_string()
                            on:click=move |_| pick(p)
                        >
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
        <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => {
                        let as_of = report.period.to;
                        let summaries = report.segments.clone();
                        view! {
                            <ReportHead report=report.clone() />
                            <div class="insights-grid">
                                <section class="card insight-card" aria-labelledby="segments-title">
                                    <h2 class="card-title" id="segments-title">{tr(Key::SegmentsTitle)}</h2>
                                    <SegmentsCard summaries=summaries as_of=as_of />
                                </section>
                                <section class="card insight-card" aria-labelledby="recs-title">
                                    <h2 class="card-title" id="recs-title">{tr(Key::RecommendationsTitle)}</h2>
                                    <RecommendationsCard />
                                </section>
                            </div>
                            <div class="insights-grid insights-tables">
                                <ReportTables report=report />
                            </div>
                        }
                        .into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| report.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
        <div class="insights-grid">
            <section class="card insight-card" aria-labelledby="trend-heading">
                <div class="insight-head">
                    <h2 class="card-title" id="trend-heading">{tr(Key::TrendTitle)}</h2>
                    <div class="insight-controls">
                        <label class="field compact">
                            <span class="field-label">{tr(Key::MetricLabel)}</span>
                            <select class="input select" name="metric" on:change=move |ev| metric.set(event_target_value(&ev))>
                                {move || METRICS.into_iter().map(|m| view! {
                                    <option value=metric_name(m) selected=metric.get_untracked() == metric_name(m)>
                                        {i18n.t(metric_key(m))}
                                    </option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="field compact">
                            <span class="field-label">{tr(Key::GranularityLabel)}</span>
                            <select class="input select" name="granularity"
                                prop:value=move || granularity.get()
                                on:change=move |ev| granularity.set(event_target_value(&ev))>
                                {move || GRANULARITIES.into_iter().map(|g| view! {
                                    <option value=granularity_name(g) selected=granularity.get() == granularity_name(g)>
                                        {i18n.t(granularity_key(g))}
                                    </option>
                                }).collect_view()}
                            </select>
                        </label>
                    </div>
                </div>
                <TrendCard metric=metric_signal granularity=step_signal range=range.into() />
            </section>
            <section class="card insight-card" aria-labelledby="forecast-heading">
                <div class="insight-head">
                    <h2 class="card-title" id="forecast-heading">{tr(Key::ForecastTitle)}</h2>
                    <label class="field compact">
                        <span class="field-label">{tr(Key::Horizon)}</span>
                        <select class="input select" name="horizon"
                            on:change=move |ev| horizon_choice.set(event_target_value(&ev).parse().unwrap_or(1))>
                            {move || horizons(step_signal.get()).into_iter().enumerate().map(|(i, h)| view! {
                                <option value=i.to_string() selected=horizon_choice.get_untracked() == i>
                                    {i18n.t(Key::HorizonSteps).replacen("{}", &h.to_string(), 1)}
                                    " · "{i18n.t(granularity_key(step_signal.get()))}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <ForecastCard metric=metric_signal granularity=step_signal horizon=horizon as_of=as_of />
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn presets_end_today_and_start_where_their_name_says() {
        let today = day(2026, 11, 22);
        let range = |p| preset_range(p, today).map(|(r, _)| r);
        assert_eq!(range(Preset::Last30), Some((day(2026, 10, 24), today)));
        assert_eq!(range(Preset::Month), Some((day(2026, 11, 1), today)));
        assert_eq!(range(Preset::Quarter), Some((day(2026, 10, 1), today)));
        assert_eq!(range(Preset::Year), Some((day(2026, 1, 1), today)));
        assert_eq!(range(Preset::Custom), None);
    }

    #[test]
    fn the_first_quarter_starts_in_january() {
        let range = preset_range(Preset::Quarter, day(2026, 3, 31)).map(|(r, _)| r.0);
        assert_eq!(range, Some(day(2026, 1, 1)));
    }
}
