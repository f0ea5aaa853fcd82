//! The "Regular reports" tab of `/reports`: the daily, weekly and monthly reports the server
//! writes after each period, newest first, filtered by kind and paged with "Load more".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::periodic::{PeriodicKind, PeriodicReportSummary};
use voronka_types::{Money, Problem};

use crate::api;
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_count, format_money, format_naive_date, format_number, tr, use_i18n};

/// Reports per page.
const PAGE: u32 = 20;

/// "Daily report" and the like.
pub fn kind_title(kind: PeriodicKind) -> Key {
    match kind {
        PeriodicKind::Daily => Key::PerDailyReport,
        PeriodicKind::Weekly => Key::PerWeeklyReport,
        PeriodicKind::Monthly => Key::PerMonthlyReport,
    }
}

fn kind_filter_label(kind: Option<PeriodicKind>) -> Key {
    match kind {
        None => Key::PerAll,
        Some(PeriodicKind::Daily) => Key::PerDaily,
        Some(PeriodicKind::Weekly) => Key::PerWeekly,
        Some(PeriodicKind::Monthly) => Key::PerMonthly,
    }
}

/// The period in words: one day, or "first – last".
pub fn period_text(summary: &PeriodicReportSummary, lang: Lang) -> String {
    if summary.from == summary.to {
        format_naive_date(summary.from, lang)
    } else {
        format!(
            "{} – {}",
            format_naive_date(summary.from, lang),
            format_naive_date(summary.to, lang)
        )
    }
}

/// Amounts per currency, one after the other; a dash when there are none.
pub fn money_list(amounts: &[Money], lang: Lang) -> String {
    if amounts.is_empty() {
        return Key::PerNoMoney.text(lang).to_owned();
    }
    amounts
        .iter()
        .map(|m| format_money(m, lang, false))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The list with its kind filter.
#[component]
pub fn PeriodicList() -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(None::<PeriodicKind>);
    let items = RwSignal::new(None::<Vec<PeriodicReportSummary>>);
    let cursor = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    // `more`: append the next page; otherwise start over (a new kind, a retry).
    let fetch = move |more: bool| {
        let wanted = kind.get_untracked();
        let after = if more { cursor.get_untracked() } else { None };
        if !more {
            items.set(None);
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = api::periodic::list(wanted, after, PAGE).await;
            if kind.get_untracked() != wanted {
                return;
            }
            busy.set(false);
            match result {
                Ok(page) => {
                    cursor.set(page.next_cursor);
                    items.update(|list| list.get_or_insert_with(Vec::new).extend(page.items));
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    fetch(false);
    let choose = move |next: Option<PeriodicKind>| {
        if kind.get_untracked() != next {
            kind.set(next);
            fetch(false);
        }
    };
    let filters = [
        None,
        Some(PeriodicKind::Daily),
        Some(PeriodicKind::Weekly),
        Some(PeriodicKind::Monthly),
    ];
    view! {
        <section class="periodic" aria-label=tr(Key::RepTabRegular)>
            <div class="segmented periodic-kinds" role="group" aria-label=tr(Key::RepTabRegular)>
                {filters.into_iter().map(|k| view! {
                    <button
                        type="button"
                        class="segment"
                        aria-pressed=move || (kind.get() == k).to_string()
                        aria-selected=move || (kind.get() == k).to_string()
                        on:click=move |_| choose(k)
                    >
                        {tr(kind_filter_label(k))}
                    </button>
                }).collect_view()}
            </div>
            {move || match (items.get(), problem.get()) {
                (_, Some(p)) => view! { <LoadError problem=p retry=Callback::new(move |_| fetch(false)) /> }.into_any(),
                (None, None) => view! { <LoadingRows rows=3 /> }.into_any(),
                (Some(list), None) if list.is_empty() => view! {
                    <div class="card empty-state">
                        <div class="empty-icon"><Icon icon=IconName::Clock /></div>
                        <p class="empty-text">{tr(Key::PerEmpty)}</p>
                    </div>
                }.into_any(),
                (Some(list), None) => view! {
                    <ul class="periodic-list" data-testid="periodic-list">
                        {list.into_iter().map(|s| view! { <SummaryCard summary=s /> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <Show when=move || cursor.with(Option::is_some) && problem.with(Option::is_none)>
                <button type="button" class="btn btn-secondary periodic-more" disabled=move || busy.get() on:click=move |_| fetch(true)>
                    {move || i18n.t(Key::PerLoadMore)}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn SummaryCard(summary: PeriodicReportSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/reports/periodic/{}", summary.id);
    let s = StoredValue::new(summary);
    let figure = move |label: Key, value: String| {
        view! {
            <span class="periodic-figure">
                <span class="periodic-figure-value">{value}</span>
                <span class="periodic-figure-label">{tr(label)}</span>
            </span>
        }
    };
    view! {
        <li>
            <A href=href attr:class="card periodic-card" attr:data-testid="periodic-report">
                <span class="periodic-card-head">
                    <span class="periodic-kind">{move || i18n.t(kind_title(s.with_value(|s| s.kind)))}</span>
                    <span class="periodic-period">{move || s.with_value(|s| period_text(s, i18n.lang()))}</span>
                </span>
                {move || {
                    let lang = i18n.lang();
                    s.with_value(|s| view! {
                        <span class="periodic-figures">
                            {figure(Key::PerLeads, format_count(s.leads_received, lang))}
                            {figure(Key::PerWon, format_count(s.deals_won, lang))}
                            {figure(Key::PerRevenue, money_list(&s.revenue_won, lang))}
                            {figure(Key::PerActiveHours, format_number(s.active_hours, lang, 1))}
                        </span>
                    })
                }}
            </A>
        </li>
    }
}
