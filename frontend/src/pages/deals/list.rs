//! `/deals?view=list`: a table on desktop, compact rows on phones; filters, sort, search and
//! "load more".

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::deals::{Deal, DealFilter};
use voronka_types::{Page, PipelineId};

use super::filters::{DealFilterBar, DealFilters};
use super::{is_overdue, today, use_contact_names};
use crate::api;
use crate::api::deals::DealPage;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_count, format_money, format_naive_date, tr, use_i18n};
use crate::pages::leads::context::use_leads;

/// `/deals` in list mode.
#[component]
pub fn DealList(pipeline: PipelineId) -> impl IntoView {
    let filters = DealFilters::new();
    let query = Memo::new(move |_| (filters.filter(pipeline), filters.page()));
    let first_page = LocalResource::new(move || {
        let (filter, page) = query.get();
        async move { api::deals::list_deals(&filter, &page).await }
    });
    view! {
        <DealFilterBar filters=filters pipeline=pipeline />
        <Transition fallback=|| view! { <LoadingRows rows=5 /> }>
            {move || Suspend::new(async move {
                match first_page.await {
                    Ok(page) => {
                        let (filter, request) = query.get_untracked();
                        view! { <Rows page=page filter=filter request=request /> }.into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| first_page.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The loaded rows, continued page by page.
#[component]
fn Rows(page: Page<Deal>, filter: DealFilter, request: DealPage) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(page.items);
    let cursor = RwSignal::new(page.next_cursor);
    let total = page.total;
    let more = FormState::new();
    let next = StoredValue::new((filter, request));
    let load_more = move |_| {
        let Some(cursor_value) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        let (filter, request) = next.get_value();
        let request = DealPage {
            cursor: Some(cursor_value),
            ..request
        };
        spawn_local(async move {
            if let Some(page) = more.finish(api::deals::list_deals(&filter, &request).await) {
                rows.update(|r| r.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <Show
            when=move || rows.with(|r| !r.is_empty())
            fallback=|| {
                view! {
                    <div class="card empty-state">
                        <div class="empty-icon">
                            <Icon icon=IconName::Search />
                        </div>
                        <p class="empty-title">{tr(Key::NoDeals)}</p>
                    </div>
                }
            }
        >
            <div class="card lead-table-card">
                <table class="lead-table deal-table">
                    <thead>
                        <tr>
                            <th>{tr(Key::SortTitle)}</th>
                            <th>{tr(Key::Contact)}</th>
                            <th>{tr(Key::Stage)}</th>
                            <th class="col-amount">{tr(Key::Amount)}</th>
                            <th>{tr(Key::CloseBy)}</th>
                            <th>{tr(Key::Owner)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|deal| (deal.id, deal.updated_at) let:deal>
                            <Row deal=deal />
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
        <div class="list-foot">
            <span class="muted">{move || i18n.t1(Key::TotalCount, &format_count(total, i18n.lang()))}</span>
            <ProblemAlert form=more />
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary" on:click=load_more disabled=move || more.busy.get()>
                    <Show when=move || more.busy.get()>
                        <span class="spinner" aria-hidden="true"></span>
                    </Show>
                    {tr(Key::LoadMore)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn Row(deal: Deal) -> impl IntoView {
    let i18n = use_i18n();
    let deals = use_leads();
    let names = use_contact_names();
    let id = deal.id;
    let stage = deals.stage_name(deal.stage_id);
    let owner = deal.owner_id;
    let contact = deal.contact_id;
    let amount = deal.amount.clone();
    let close = deal.expected_close_date;
    let overdue = is_overdue(close, deal.status, today());
    view! {
        <tr class="lead-row deal-row" data-deal=id.to_string()>
            <td class="col-name">
                <a class="lead-link" href=format!("/deals/{id}")>
                    {deal.title.clone()}
                </a>
            </td>
            <td class="col-contact">
                {move || contact.and_then(|c| names.name(c)).unwrap_or_default()}
            </td>
            <td class="col-stage">
                <span class=format!("badge badge-stage deal-{}", deal.status.as_str())>{stage}</span>
            </td>
            <td class="col-amount">{move || format_money(&amount, i18n.lang(), false)}</td>
            <td class="col-close" class:is-overdue=overdue>
                {move || close.map(|d| format_naive_date(d, i18n.lang()))}
                {overdue.then(|| view! { <span class="badge badge-overdue">{tr(Key::Overdue)}</span> })}
            </td>
            <td class="col-owner">{move || deals.person(owner).unwrap_or_else(|| "—".to_owned())}</td>
        </tr>
    }
}
