//! `/leads?view=list`: a table on desktop, compact rows on phones; filters, sort, search,
//! multi-select with bulk actions, and "load more".

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::leads::{Lead, LeadFilter};
use voronka_types::{LeadId, Page, PipelineId};

use super::badges::{TemperatureBadge, WaitingBadge};
use super::bulk::BulkBar;
use super::context::use_leads;
use super::filters::{FilterBar, ListFilters};
use crate::api;
use crate::api::leads::LeadPage;
use crate::components::form::{FormState, ProblemAlert, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_count, format_date, format_money, source_label, tr, use_i18n};

/// `/leads` in list mode.
#[component]
pub fn LeadList(pipeline: PipelineId) -> impl IntoView {
    let i18n = use_i18n();
    let filters = ListFilters::new();
    let selected = RwSignal::new(Vec::<LeadId>::new());
    let notice = RwSignal::new(None::<u64>);
    let query = Memo::new(move |_| (filters.filter(pipeline), filters.page()));
    let first_page = LocalResource::new(move || {
        let (filter, page) = query.get();
        async move { api::leads::list_leads(&filter, &page).await }
    });
    // A new query starts a new selection.
    Effect::new(move |_| {
        query.track();
        selected.set(Vec::new());
    });
    let on_done = Callback::new(move |affected: u64| {
        selected.set(Vec::new());
        notice.set(Some(affected));
        first_page.refetch();
    });
    view! {
        <FilterBar filters=filters pipeline=pipeline />
        {move || {
            notice
                .get()
                .map(|n| {
                    view! {
                        <SuccessNote>
                            <p>{move || i18n.t1(Key::BulkDone, &format_count(n, i18n.lang()))}</p>
                        </SuccessNote>
                    }
                })
        }}
        <Transition fallback=|| view! { <LoadingRows rows=5 /> }>
            {move || Suspend::new(async move {
                match first_page.await {
                    Ok(page) => {
                        let (filter, request) = query.get_untracked();
                        view! { <Rows page=page filter=filter request=request selected=selected /> }.into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| first_page.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
        <BulkBar selected=selected pipeline=pipeline on_done=on_done />
    }
}

/// The loaded rows, continued page by page.
#[component]
fn Rows(page: Page<Lead>, filter: LeadFilter, request: LeadPage, selected: RwSignal<Vec<LeadId>>) -> impl IntoView {
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
        let request = LeadPage {
            cursor: Some(cursor_value),
            ..request
        };
        spawn_local(async move {
            if let Some(page) = more.finish(api::leads::list_leads(&filter, &request).await) {
                rows.update(|r| r.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    let all_selected = move || rows.with(|r| !r.is_empty() && r.iter().all(|l| selected.with(|s| s.contains(&l.id))));
    let toggle_all = move |_| {
        let ids: Vec<LeadId> = rows.with_untracked(|r| r.iter().map(|l| l.id).collect());
        if all_selected() {
            selected.update(|s| s.retain(|id| !ids.contains(id)));
        } else {
            selected.update(|s| s.extend(ids.into_iter().filter(|id| !s.contains(id)).collect::<Vec<_>>()));
        }
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
                        <p class="empty-title">{tr(Key::NoLeads)}</p>
                    </div>
                }
            }
        >
            <div class="card lead-table-card">
                <table class="lead-table">
                    <thead>
                        <tr>
                            <th class="col-check">
                                <input
                                    type="checkbox"
                                    class="check"
                                    aria-label=tr(Key::SelectPage)
                                    prop:checked=all_selected
                                    on:change=toggle_all
                                />
                            </th>
                            <th>{tr(Key::SortName)}</th>
                            <th>{tr(Key::Stage)}</th>
                            <th>{tr(Key::Owner)}</th>
                            <th>{tr(Key::Source)}</th>
                            <th>{tr(Key::Score)}</th>
                            <th class="col-amount">{tr(Key::Amount)}</th>
                            <th>{tr(Key::LastMessage)}</th>
                            <th>{tr(Key::Created)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|lead| (lead.id, lead.updated_at) let:lead>
                            <Row lead=lead selected=selected />
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
fn Row(lead: Lead, selected: RwSignal<Vec<LeadId>>) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let id = lead.id;
    let name = lead.name.clone();
    let is_selected = move || selected.with(|s| s.contains(&id));
    let toggle = move |_| {
        selected.update(|s| match s.iter().position(|x| *x == id) {
            Some(i) => {
                s.remove(i);
            }
            None => s.push(id),
        })
    };
    let stage = leads.stage_name(lead.stage_id);
    let owner = lead.owner_id;
    let source = lead.source;
    let created = lead.created_at;
    let amount = lead.amount.clone();
    view! {
        <tr class="lead-row" class:is-selected=is_selected data-lead=id.to_string()>
            <td class="col-check">
                <input
                    type="checkbox"
                    class="check"
                    aria-label=move || i18n.t1(Key::SelectLead, &name)
                    prop:checked=is_selected
                    on:change=toggle
                />
            </td>
            <td class="col-name">
                <a class="lead-link" href=format!("/leads/{id}")>
                    {lead.name.clone()}
                </a>
                <span class="lead-sub">
                    {[lead.contact.phone.clone(), lead.contact.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                </span>
            </td>
            <td class="col-stage">
                <span class="badge badge-stage">{stage}</span>
            </td>
            <td class="col-owner">{move || leads.person(owner).unwrap_or_else(|| "—".to_owned())}</td>
            <td class="col-source">{move || source_label(source, i18n.lang())}</td>
            <td class="col-score">
                <TemperatureBadge temperature=lead.temperature score=lead.score />
            </td>
            <td class="col-amount">
                {amount.map(|m| move || format_money(&m, i18n.lang(), false))}
            </td>
            <td class="col-message">
                {lead.awaiting_reply_since.map(|since| view! { <WaitingBadge since=since /> })}
                <span class="lead-message">{lead.last_inbound_message.clone()}</span>
            </td>
            <td class="col-created">{move || format_date(created, i18n.lang())}</td>
        </tr>
    }
}
