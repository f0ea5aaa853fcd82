//! The list's filters and sort: search (name, phone in any format, e-mail), stage, owner,
//! source, temperature, request (intent), tag, creation dates. On phones they fold under a "Filters" button.

use leptos::prelude::*;
use voronka_types::ai::Intent;
use voronka_types::contacts::Source;
use voronka_types::leads::{LeadFilter, LeadSort, Temperature};
use voronka_types::{Direction, PipelineId};

use super::context::use_leads;
use crate::api::leads::{LeadPage, sort_name};
use crate::components::filters::{SearchBox, date, select};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, intent_key, parse_local_input, source_label, temperature_key, tr, use_i18n};

/// Leads per page of the list.
pub const LIST_PAGE: u32 = 50;

/// The sorts the list offers, with their labels.
const SORTS: [(LeadSort, Key); 6] = [
    (LeadSort::Created, Key::SortCreated),
    (LeadSort::Updated, Key::SortUpdated),
    (LeadSort::Score, Key::Score),
    (LeadSort::Amount, Key::Amount),
    (LeadSort::Name, Key::SortName),
    (LeadSort::LastMessage, Key::SortLastMessage),
];

/// The owner filter's value for leads nobody owns.
const UNASSIGNED: &str = "none";

/// The filter form's values, as the controls hold them. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct ListFilters {
    search_input: RwSignal<String>,
    search: RwSignal<String>,
    stage: RwSignal<String>,
    owner: RwSignal<String>,
    source: RwSignal<String>,
    temperature: RwSignal<String>,
    intent: RwSignal<String>,
    tag: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    sort: RwSignal<String>,
    reverse: RwSignal<bool>,
}

impl ListFilters {
    /// No filters, newest first.
    pub fn new() -> Self {
        Self {
            search_input: RwSignal::new(String::new()),
            search: RwSignal::new(String::new()),
            stage: RwSignal::new(String::new()),
            owner: RwSignal::new(String::new()),
            source: RwSignal::new(String::new()),
            temperature: RwSignal::new(String::new()),
            intent: RwSignal::new(String::new()),
            tag: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            sort: RwSignal::new("created".to_owned()),
            reverse: RwSignal::new(false),
        }
    }

    /// The API filter for these values (reactive).
    pub fn filter(&self, pipeline: PipelineId) -> LeadFilter {
        let owner = self.owner.get();
        // The "until" day counts in full: up to its end, i.e. before the next local midnight.
        let to = parse_local_input(&self.to.get()).map(|d| d + chrono::Duration::days(1));
        LeadFilter {
            q: Some(self.search.get()).filter(|q| !q.is_empty()),
            pipeline_id: Some(pipeline),
            stage_id: self.stage.get().parse().ok(),
            owner_id: owner.parse().ok(),
            unassigned: (owner == UNASSIGNED).then_some(true),
            source: Source::parse(&self.source.get()),
            temperature: Temperature::parse(&self.temperature.get()),
            intent: Intent::parse(&self.intent.get()),
            tag: Some(self.tag.get().trim().to_owned()).filter(|t| !t.is_empty()),
            created_from: parse_local_input(&self.from.get()),
            created_to: to,
            ..LeadFilter::default()
        }
    }

    /// The sort and page size (reactive).
    pub fn page(&self) -> LeadPage {
        let sort = SORTS
            .iter()
            .map(|(s, _)| *s)
            .find(|s| sort_name(*s) == self.sort.get())
            .unwrap_or_default();
        let natural = if sort == LeadSort::Name {
            Direction::Asc
        } else {
            Direction::Desc
        };
        let direction = self.reverse.get().then_some(match natural {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        });
        LeadPage {
            sort: Some(sort),
            direction,
            cursor: None,
            limit: Some(LIST_PAGE),
        }
    }

    /// How many filters are set (for the phone's "Filters" button).
    fn active(&self) -> usize {
        [
            self.stage,
            self.owner,
            self.source,
            self.temperature,
            self.intent,
            self.tag,
            self.from,
            self.to,
        ]
        .iter()
        .filter(|s| s.with(|v| !v.is_empty()))
        .count()
    }

    fn reset(&self) {
        for signal in [
            self.stage,
            self.owner,
            self.source,
            self.temperature,
            self.intent,
            self.tag,
            self.from,
            self.to,
        ] {
            signal.set(String::new());
        }
    }
}

/// Search, filters and sort above the list.
#[component]
pub fn FilterBar(filters: ListFilters, pipeline: PipelineId) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let open = RwSignal::new(false);
    let f = filters;
    let with_all = move |all: Key, rest: Vec<(String, String)>| {
        std::iter::once((String::new(), i18n.t(all).to_owned()))
            .chain(rest)
            .collect::<Vec<_>>()
    };
    let stages = move || {
        let rest = leads
            .stages_of(pipeline)
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect();
        with_all(Key::AllStages, rest)
    };
    let owners = move || {
        let mut rest = vec![(UNASSIGNED.to_owned(), i18n.t(Key::Unassigned).to_owned())];
        leads
            .team
            .with(|team| rest.extend(team.iter().map(|(id, name)| (id.to_string(), name.clone()))));
        with_all(Key::AllOwners, rest)
    };
    let sources = move || {
        let lang = i18n.lang();
        let rest = Source::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), source_label(*s, lang).to_owned()))
            .collect();
        with_all(Key::AllSources, rest)
    };
    let temperatures = move || {
        let rest = [Temperature::Hot, Temperature::Warm, Temperature::Cold]
            .iter()
            .map(|t| (t.as_str().to_owned(), i18n.t(temperature_key(*t)).to_owned()))
            .collect();
        with_all(Key::AnyTemperature, rest)
    };
    let intents = move || {
        let rest = Intent::ALL
            .iter()
            .map(|i| (i.as_str().to_owned(), i18n.t(intent_key(*i)).to_owned()))
            .collect();
        with_all(Key::AnyIntent, rest)
    };
    let sorts = move || {
        SORTS
            .iter()
            .map(|(s, key)| (sort_name(*s).to_owned(), i18n.t(*key).to_owned()))
            .collect::<Vec<_>>()
    };
    let filters_label = move || match f.active() {
        0 => i18n.t(Key::Filters).to_owned(),
        n => format!("{} · {n}", i18n.t(Key::Filters)),
    };
    view! {
        <div class="list-tools">
            <div class="list-search-row">
                <SearchBox label=Key::SearchLeads input=f.search_input search=f.search />
                <button
                    type="button"
                    class="btn btn-secondary phone-only"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <Icon icon=IconName::Funnel />
                    <span>{filters_label}</span>
                </button>
            </div>
            <div class="filters" class:is-open=move || open.get()>
                {select(Key::Stage, "stage", f.stage, Signal::derive(stages))}
                {select(Key::Owner, "owner", f.owner, Signal::derive(owners))}
                {select(Key::Source, "source", f.source, Signal::derive(sources))}
                {select(Key::Temperature, "temperature", f.temperature, Signal::derive(temperatures))}
                {select(Key::IntentLabel, "intent", f.intent, Signal::derive(intents))}
                <label class="filter">
                    <span class="filter-label">{tr(Key::Tags)}</span>
                    <input type="text" class="input" prop:value=f.tag on:change=move |ev| f.tag.set(event_target_value(&ev)) />
                </label>
                {date(Key::CreatedFrom, f.from)}
                {date(Key::CreatedTo, f.to)}
                <div class="filter filter-sort">
                    {select(Key::SortBy, "sort", f.sort, Signal::derive(sorts))}
                    <button
                        type="button"
                        class="icon-btn"
                        aria-pressed=move || f.reverse.get().to_string()
                        aria-label=tr(Key::ReverseOrder)
                        title=tr(Key::ReverseOrder)
                        on:click=move |_| f.reverse.update(|r| *r = !*r)
                    >
                        <Icon icon=IconName::Sort />
                    </button>
                </div>
                <Show when=move || { f.active() > 0 }>
                    <button type="button" class="btn btn-ghost btn-sm filter-reset" on:click=move |_| f.reset()>
                        {tr(Key::ResetFilters)}
                    </button>
                </Show>
            </div>
        </div>
    }
}
