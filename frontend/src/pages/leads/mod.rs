//! The leads screens ("Заявки"): the kanban board and the list at `/leads`, the lead card at
//! `/leads/:id`, and the new-lead form.

mod badges;
mod board;
mod bulk;
pub mod card;
pub mod context;
mod filters;
mod list;
pub(crate) mod new_lead;
mod tile;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use voronka_types::{Permission, PipelineId};

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};
use crate::session::use_session;
use board::LeadBoard;
use context::{LeadsData, use_leads};
use list::LeadList;
use new_lead::NewLeadSheet;

/// `localStorage` key remembering whether `/leads` opens the board or the list.
const VIEW_STORAGE_KEY: &str = "voronka.leads.view";

/// How the leads (or deals) are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Board,
    List,
}

impl Mode {
    /// The mode's name in `?view=` and in `localStorage`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Mode::Board => "board",
            Mode::List => "list",
        }
    }

    /// The mode a name stands for.
    pub(crate) fn parse(code: &str) -> Option<Mode> {
        match code {
            "board" => Some(Mode::Board),
            "list" => Some(Mode::List),
            _ => None,
        }
    }
}

/// `/leads`: the board (or, with `?view=list` or when last used, the list).
#[component]
pub fn LeadsPage() -> impl IntoView {
    view! {
        <LeadsData>
            <Leads />
        </LeadsData>
    }
}

#[component]
fn Leads() -> impl IntoView {
    let session = use_session();
    let leads = use_leads();
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
    let default_pipeline = leads
        .pipelines
        .with_untracked(|all| all.iter().find(|p| p.is_default).or_else(|| all.first()).map(|p| p.id));
    let pipeline = RwSignal::new(default_pipeline);
    let creating = RwSignal::new(false);
    let mode_link = move |target: Mode, label: Key, icon: IconName| {
        view! {
            <A
                href=format!("/leads?view={}", target.code())
                attr:class="segment"
                attr:aria-current=move || (mode.get() == target).then_some("page")
            >
                <Icon icon=icon />
                <span>{tr(label)}</span>
            </A>
        }
    };
    let many_pipelines = leads.pipelines.with_untracked(|p| p.len() > 1);
    view! {
        <div class="leads-page">
            <header class="page-header leads-header">
                <div class="page-heading">
                    <h1 class="page-title">{tr(Key::NavLeads)}</h1>
                </div>
                <div class="page-actions">
                    <nav class="segmented" aria-label=tr(Key::ViewMode)>
                        {mode_link(Mode::Board, Key::ViewBoard, IconName::Columns)}
                        {mode_link(Mode::List, Key::ViewList, IconName::List)}
                    </nav>
                    <Show when=move || session.can(Permission::LeadsWrite)>
                        <button type="button" class="btn btn-primary" on:click=move |_| creating.set(true)>
                            <Icon icon=IconName::Plus />
                            <span>{tr(Key::NewLead)}</span>
                        </button>
                    </Show>
                </div>
            </header>
            {many_pipelines.then(|| view! { <PipelinePicker pipeline=pipeline /> })}
            {move || match (pipeline.get(), mode.get()) {
                (None, _) => view! { <p class="note">{tr(Key::NoLeads)}</p> }.into_any(),
                (Some(p), Mode::Board) => view! { <LeadBoard pipeline=p /> }.into_any(),
                (Some(p), Mode::List) => view! { <LeadList pipeline=p /> }.into_any(),
            }}
            <Show when=move || creating.get()>
                <NewLeadSheet open=creating />
            </Show>
        </div>
    }
}

/// A choice of lead pipeline, shown when the company has more than one.
#[component]
fn PipelinePicker(pipeline: RwSignal<Option<PipelineId>>) -> impl IntoView {
    let leads = use_leads();
    let options = move || {
        leads.pipelines.with(|all| {
            all.iter()
                .map(|p| {
                    let selected = pipeline.get_untracked() == Some(p.id);
                    view! {
                        <option value=p.id.to_string() selected=selected>
                            {p.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <label class="pipeline-picker">
            <span class="field-label">{tr(Key::Pipeline)}</span>
            <select
                class="input select"
                on:change=move |ev| pipeline.set(event_target_value(&ev).parse().ok())
            >
                {options}
            </select>
        </label>
    }
}
