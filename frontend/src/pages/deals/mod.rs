//! The deals screens ("Сделки"): the board and the list at `/deals`, the deal card at `/deals/:id`, and the
//! new-deal form. They share the leads screens' context (pipelines, team) with the deal
//! pipelines in it, and their in-place editors, filter pieces and formatting.

mod board;
pub mod card;
mod contact_picker;
mod filters;
mod list;
mod lost;
mod new_deal;

use std::collections::HashMap;

use board::DealBoard;
use chrono::{Datelike, NaiveDate};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::{ContactId, Permission, PipelineId};

use crate::api;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};
use crate::pages::leads::Mode;
use crate::pages::leads::context::{LeadsData, use_leads};
use crate::session::use_session;
use list::DealList;
use new_deal::NewDealSheet;

/// `localStorage` key remembering whether `/deals` opens the board or the list.
const VIEW_STORAGE_KEY: &str = "voronka.deals.view";

/// `/deals`: the board (or, with `?view=list` or when last used, the list).
#[component]
pub fn DealsPage() -> impl IntoView {
    view! {
        <LeadsData kind=PipelineKind::Deal>
            <Deals />
        </LeadsData>
    }
}

#[component]
fn Deals() -> impl IntoView {
    let session = use_session();
    let deals = use_leads();
    provide_context(ContactNames::default());
    let query = use_query_map();
    let mode = Memo::new(move |_| {
        query
            .with(|q| q.get("view").and_then(|v| Mode::parse(&v)))
            .or_else(|| {
                LocalStorage::get::<String>(VIEW_STORAGE_KEY)
                    .ok()
                    .and_then(|v| Mode::parse(&v))
            })
            .unwrap_or(Mode::Board)
    });
    Effect::new(move |_| {
        let _ = LocalStorage::set(VIEW_STORAGE_KEY, mode.get().code());
    });
    let mode_link = move |target: Mode, label: Key, icon: IconName| {
        view! {
            <A
                href=format!("/deals?view={}", target.code())
                attr:class="segment"
                attr:aria-current=move || (mode.get() == target).then_some("page")
            >
                <Icon icon=icon />
                <span>{tr(label)}</span>
            </A>
        }
    };
    let default_pipeline = deals
        .pipelines
        .with_untracked(|all| all.iter().find(|p| p.is_default).or_else(|| all.first()).map(|p| p.id));
    let pipeline = RwSignal::new(default_pipeline);
    let creating = RwSignal::new(false);
    let many_pipelines = deals.pipelines.with_untracked(|p| p.len() > 1);
    view! {
        <div class="leads-page deals-page">
            <header class="page-header leads-header">
                <div class="page-heading">
                    <h1 class="page-title">{tr(Key::NavDeals)}</h1>
                </div>
                <div class="page-actions">
                    <nav class="segmented" aria-label=tr(Key::ViewMode)>
                        {mode_link(Mode::Board, Key::ViewBoard, IconName::Columns)}
                        {mode_link(Mode::List, Key::ViewList, IconName::List)}
                    </nav>
                    <Show when=move || session.can(Permission::DealsWrite)>
                        <button type="button" class="btn btn-primary" on:click=move |_| creating.set(true)>
                            <Icon icon=IconName::Plus />
                            <span>{tr(Key::NewDeal)}</span>
                        </button>
                    </Show>
                </div>
            </header>
            {many_pipelines.then(|| view! { <PipelineChoice pipeline=pipeline /> })}
            {move || match (pipeline.get(), mode.get()) {
                (None, _) => view! { <p class="note">{tr(Key::NoDeals)}</p> }.into_any(),
                (Some(p), Mode::Board) => view! { <DealBoard pipeline=p /> }.into_any(),
                (Some(p), Mode::List) => view! { <DealList pipeline=p /> }.into_any(),
            }}
            <Show when=move || creating.get()>
                {move || pipeline.get().map(|p| view! { <NewDealSheet open=creating pipeline=p /> })}
            </Show>
        </div>
    }
}

/// A choice of deal pipeline, shown when the company has more than one.
#[component]
fn PipelineChoice(pipeline: RwSignal<Option<PipelineId>>) -> impl IntoView {
    let deals = use_leads();
    let options = Signal::derive(move || {
        deals.pipelines.with(|all| {
            all.iter()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let value = RwSignal::new(pipeline.get_untracked().map(|p| p.to_string()).unwrap_or_default());
    Effect::new(move |_| pipeline.set(value.get().parse().ok()));
    crate::components::filters::select(Key::Pipeline, "pipeline", value, options)
}

/// Names of the contacts the deal screens show, fetched once per contact. `Copy`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactNames {
    names: RwSignal<HashMap<ContactId, Option<String>>>,
}

impl ContactNames {
    /// The contact's name (reactive); asks the server the first time.
    pub fn name(&self, id: ContactId) -> Option<String> {
        let known = self.names.with_untracked(|n| n.contains_key(&id));
        if !known {
            self.names.update_untracked(|n| {
                n.insert(id, None);
            });
            let names = self.names;
            spawn_local(async move {
                if let Ok(contact) = api::contacts::get_contact(id).await {
                    let _ = names.try_update(|n| n.insert(id, Some(contact.name)));
                }
            });
        }
        self.names.with(|n| n.get(&id).cloned().flatten())
    }
}

/// The contact names of the deal screens, from context (a fresh cache outside them).
pub fn use_contact_names() -> ContactNames {
    use_context::<ContactNames>().unwrap_or_default()
}

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Whether an open deal's expected close date has passed.
pub fn is_overdue(expected: Option<NaiveDate>, status: StageKind, today: NaiveDate) -> bool {
    status == StageKind::Open && expected.is_some_and(|d| d < today)
}

/// The label of a deal's status.
pub fn status_key(status: StageKind) -> Key {
    match status {
        StageKind::Open => Key::DealOpen,
        StageKind::Won => Key::DealWon,
        StageKind::Lost => Key::DealLost,
    }
}

/// ISO date text as a date input gives it ("2026-12-31"), or nothing.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A day as a date input wants it.
pub fn day_input(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_open_deal_past_its_close_date_is_overdue() {
        assert!(is_overdue(Some(day(2026, 1, 1)), StageKind::Open, day(2026, 1, 2)));
    }

    #[test]
    fn a_deal_due_today_or_closed_or_undated_is_not_overdue() {
        let today = day(2026, 1, 2);
        assert!(!is_overdue(Some(today), StageKind::Open, today));
        assert!(!is_overdue(Some(day(2025, 1, 1)), StageKind::Won, today));
        assert!(!is_overdue(Some(day(2025, 1, 1)), StageKind::Lost, today));
        assert!(!is_overdue(None, StageKind::Open, today));
    }

    #[test]
    fn a_date_input_round_trips() {
        assert_eq!(parse_day("2026-03-09"), Some(day(2026, 3, 9)));
        assert_eq!(day_input(day(2026, 3, 9)), "2026-03-09");
        assert_eq!(parse_day("9.3.2026"), None);
        assert_eq!(parse_day(""), None);
    }
}
