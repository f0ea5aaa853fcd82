//! The deal list's filters and sort: search (title, contact's name, phone or e-mail), stage,
//! owner, status. On phones they fold under a "Filters" button, as on the leads list.

use leptos::prelude::*;
use voronka_types::deals::{DealFilter, DealSort};
use voronka_types::pipelines::StageKind;
use voronka_types::{Direction, PipelineId};

use super::status_key;
use crate::api::deals::{DealPage, deal_sort_name};
use crate::components::filters::{SearchBox, select};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr, use_i18n};
use crate::pages::leads::context::use_leads;

/// Deals per page of the list.
pub const LIST_PAGE: u32 = 50;

/// The sorts the list offers, with their labels.
const SORTS: [(DealSort, Key); 5] = [
    (DealSort::Created, Key::SortCreated),
    (DealSort::Updated, Key::SortUpdated),
    (DealSort::Amount, Key::Amount),
    (DealSort::ExpectedClose, Key::ExpectedClose),
    (DealSort::Title, Key::SortTitle),
];

/// The filter form's values, as the controls hold them. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct DealFilters {
    search_input: RwSignal<String>,
    search: RwSignal<String>,
    stage: RwSignal<String>,
    owner: RwSignal<String>,
    status: RwSignal<String>,
    sort: RwSignal<String>,
    reverse: RwSignal<bool>,
}

impl DealFilters {
    /// No filters, newest first.
    pub fn new() -> Self {
        Self {
            search_input: RwSignal::new(String::new()),
            search: RwSignal::new(String::new()),
            stage: RwSignal::new(String::new()),
            owner: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            sort: RwSignal::new("created".to_owned()),
            reverse: RwSignal::new(false),
        }
    }

    /// The API filter for these values (reactive).
    pub fn filter(&self, pipeline: PipelineId) -> DealFilter {
        DealFilter {
            q: Some(self.search.get()).filter(|q| !q.is_empty()),
            pipeline_id: Some(pipeline),
            stage_id: self.stage.get().parse().ok(),
            owner_id: self.owner.get().parse().ok(),
            status: StageKind::parse(&self.status.get()),
            ..DealFilter::default()
        }
    }

    /// The sort and page size (reactive).
    pub fn page(&self) -> DealPage {
        let sort = sort_of(&self.sort.get());
        let direction = self.reverse.get().then_some(match natural(sort) {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        });
        DealPage {
            sort: Some(sort),
            direction,
            cursor: None,
            limit: Some(LIST_PAGE),
        }
    }

    fn active(&self) -> usize {
        [self.stage, self.owner, self.status]
            .iter()
            .filter(|s| s.with(|v| !v.is_empty()))
            .count()
    }

    fn reset(&self) {
        for signal in [self.stage, self.owner, self.status] {
            signal.set(String::new());
        }
    }
}

/// The sort a control value names (newest first for anything else).
fn sort_of(name: &str) -> DealSort {
    SORTS
        .iter()
        .map(|(s, _)| *s)
        .find(|s| deal_sort_name(*s) == name)
        .unwrap_or_default()
}

/// The direction a sort reads best in: A→Z, the soonest close date first, otherwise the most
/// recent or largest first.
fn natural(sort: DealSort) -> Direction {
    match sort {
        DealSort::Title | DealSort::ExpectedClose | DealSort::Position => Direction::Asc,
        DealSort::Created | DealSort::Updated | DealSort::Amount => Direction::Desc,
    }
}

/// Search, filters and sort above the list.
#[component]
pub fn DealFilterBar(filters: DealFilters, pipeline: PipelineId) -> impl IntoView {
    let i18n = use_i18n();
    let deals = use_leads();
    let open = RwSignal::new(false);
    let f = filters;
    let with_all = move |all: Key, rest: Vec<(String, String)>| {
        std::iter::once((String::new(), i18n.t(all).to_owned()))
            .chain(rest)
            .collect::<Vec<_>>()
    };
    let stages = move || {
        let rest = deals
            .stages_of(pipeline)
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect();
        with_all(Key::AllStages, rest)
    };
    let owners = move || {
        let rest = deals
            .team
            .with(|team| team.iter().map(|(id, name)| (id.to_string(), name.clone())).collect());
        with_all(Key::AllOwners, rest)
    };
    let statuses = move || {
        let rest = [StageKind::Open, StageKind::Won, StageKind::Lost]
            .iter()
            .map(|s| (s.as_str().to_owned(), i18n.t(status_key(*s)).to_owned()))
            .collect();
        with_all(Key::AnyStatus, rest)
    };
    let sorts = move || {
        SORTS
            .iter()
            .map(|(s, key)| (deal_sort_name(*s).to_owned(), i18n.t(*key).to_owned()))
            .collect::<Vec<_>>()
    };
    let filters_label = move || match f.active() {
        0 => i18n.t(Key::Filters).to_owned(),
        n => format!("{} · {n}", i18n.t(Key::Filters)),
    };
    view! {
        <div class="list-tools">
            <div class="list-search-row">
                <SearchBox label=Key::SearchDeals input=f.search_input search=f.search />
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
                {select(Key::Status, "status", f.status, Signal::derive(statuses))}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_close_dates_read_ascending_and_the_rest_descending() {
        assert_eq!(natural(sort_of("title")), Direction::Asc);
        assert_eq!(natural(sort_of("expected_close")), Direction::Asc);
        assert_eq!(natural(sort_of("amount")), Direction::Desc);
    }

    #[test]
    fn an_unknown_sort_name_means_newest_first() {
        assert_eq!(sort_of("bogus"), DealSort::Created);
    }
}
