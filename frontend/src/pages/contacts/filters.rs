//! The contacts list's search (name, phone in any format, e-mail), filters (owner, source,
//! tag, creation dates) and sort. On phones the filters fold under a "Filters" button.

use leptos::prelude::*;
use voronka_types::Direction;
use voronka_types::contacts::{ContactSort, Source};

use crate::api::contacts::{ContactQuery, sort_name};
use crate::components::filters::{SearchBox, date, select};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, parse_local_input, source_label, tr, use_i18n};
use crate::pages::leads::context::use_leads;

/// Contacts per page of the list.
pub const PAGE_SIZE: u32 = 50;

const SORTS: [(ContactSort, Key); 3] = [
    (ContactSort::Created, Key::SortCreated),
    (ContactSort::Updated, Key::SortUpdated),
    (ContactSort::Name, Key::SortName),
];

/// The filter form's values, as the controls hold them. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct ContactFilters {
    search_input: RwSignal<String>,
    search: RwSignal<String>,
    owner: RwSignal<String>,
    source: RwSignal<String>,
    tag: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    sort: RwSignal<String>,
    reverse: RwSignal<bool>,
}

impl ContactFilters {
    /// No filters, newest first.
    pub fn new() -> Self {
        let empty = || RwSignal::new(String::new());
        Self {
            search_input: empty(),
            search: empty(),
            owner: empty(),
            source: empty(),
            tag: empty(),
            from: empty(),
            to: empty(),
            sort: RwSignal::new("created".to_owned()),
            reverse: RwSignal::new(false),
        }
    }

    /// The API query for these values, first page (reactive).
    pub fn query(&self) -> ContactQuery {
        let sort = SORTS
            .iter()
            .map(|(s, _)| *s)
            .find(|s| sort_name(*s) == self.sort.get())
            .unwrap_or_default();
        let natural = if sort == ContactSort::Name {
            Direction::Asc
        } else {
            Direction::Desc
        };
        let direction = self.reverse.get().then_some(match natural {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        });
        ContactQuery {
            q: Some(self.search.get()).filter(|q| !q.is_empty()),
            owner_id: self.owner.get().parse().ok(),
            source: Source::parse(&self.source.get()),
            tag: Some(self.tag.get().trim().to_owned()).filter(|t| !t.is_empty()),
            created_from: parse_local_input(&self.from.get()),
            // The "until" day counts in full.
            created_to: parse_local_input(&self.to.get()).map(|d| d + chrono::Duration::days(1)),
            sort: Some(sort),
            direction,
            limit: Some(PAGE_SIZE),
            ..ContactQuery::default()
        }
    }

    fn fields(&self) -> [RwSignal<String>; 5] {
        [self.owner, self.source, self.tag, self.from, self.to]
    }

    fn active(&self) -> usize {
        self.fields().iter().filter(|s| s.with(|v| !v.is_empty())).count()
    }
}

/// Search, filters and sort above the contacts list.
#[component]
pub fn ContactFilterBar(filters: ContactFilters) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let open = RwSignal::new(false);
    let f = filters;
    let with_all = move |all: Key, rest: Vec<(String, String)>| {
        std::iter::once((String::new(), i18n.t(all).to_owned()))
            .chain(rest)
            .collect::<Vec<_>>()
    };
    let owners = move || {
        let rest = leads
            .team
            .with(|team| team.iter().map(|(id, name)| (id.to_string(), name.clone())).collect());
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
                <SearchBox label=Key::SearchContacts input=f.search_input search=f.search />
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
                {select(Key::Owner, "owner", f.owner, Signal::derive(owners))}
                {select(Key::Source, "source", f.source, Signal::derive(sources))}
                <label class="filter">
                    <span class="filter-label">{tr(Key::Tags)}</span>
                    <input type="text" class="input" name="tag" prop:value=f.tag on:change=move |ev| f.tag.set(event_target_value(&ev)) />
                </label>
                {date(Key::ContactFrom, f.from)}
                {date(Key::ContactTo, f.to)}
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
                    <button
                        type="button"
                        class="btn btn-ghost btn-sm filter-reset"
                        on:click=move |_| f.fields().iter().for_each(|s| s.set(String::new()))
                    >
                        {tr(Key::ResetFilters)}
                    </button>
                </Show>
            </div>
        </div>
    }
}
