//! The contact's leads (links to the lead card) and deals (rows with amount and status).

use leptos::prelude::*;
use voronka_types::ContactId;
use voronka_types::deals::Deal;
use voronka_types::leads::{Lead, LeadFilter};
use voronka_types::pipelines::StageKind;

use crate::api;
use crate::api::leads::LeadPage;
use crate::components::page::LoadingRows;
use crate::i18n::{Key, format_date, format_money, problem_message, tr, use_i18n};
use crate::pages::leads::context::{can_read_leads, use_leads};
use crate::session::use_session;

/// The contact's leads, newest first.
#[component]
pub fn ContactLeads(id: ContactId) -> impl IntoView {
    let session = use_session();
    let filter = LeadFilter {
        contact_id: Some(id),
        ..LeadFilter::default()
    };
    let page = LeadPage {
        limit: Some(20),
        ..LeadPage::default()
    };
    let leads = LocalResource::new(move || {
        let (filter, page) = (filter.clone(), page.clone());
        async move { api::leads::list_leads(&filter, &page).await }
    });
    view! {
        <Show when=move || can_read_leads(session)>
            <section class="card related" aria-labelledby="contact-leads-title">
                <h2 class="card-title" id="contact-leads-title">{tr(Key::ContactLeads)}</h2>
                <Transition fallback=|| view! { <LoadingRows rows=1 /> }>
                    {move || Suspend::new(async move {
                        match leads.await {
                            Ok(page) if page.items.is_empty() => {
                                view! { <p class="note">{tr(Key::NoContactLeads)}</p> }.into_any()
                            }
                            Ok(page) => {
                                view! {
                                    <ul class="related-list">
                                        {page.items.into_iter().map(|l| view! { <LeadItem lead=l /> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(problem) => view! { <Failed problem=problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </Show>
    }
}

#[component]
fn Failed(problem: voronka_types::Problem) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="field-error" role="alert">{move || problem_message(&problem, i18n.lang())}</p> }
}

#[component]
fn LeadItem(lead: Lead) -> impl IntoView {
    let i18n = use_i18n();
    let context = use_leads();
    let stage = context.stage_name(lead.stage_id);
    let created = lead.created_at;
    let amount = lead.amount.clone();
    view! {
        <li class="related-row">
            <a class="lead-link" href=format!("/leads/{}", lead.id)>{lead.name.clone()}</a>
            <span class="badge badge-stage">{stage}</span>
            <span class="muted related-meta">
                {amount.map(|m| move || format!("{} · ", format_money(&m, i18n.lang(), false)))}
                {move || format_date(created, i18n.lang())}
            </span>
        </li>
    }
}

/// The contact's deals, newest first (shown to those who may read deals).
#[component]
pub fn ContactDeals(id: ContactId) -> impl IntoView {
    let session = use_session();
    let allowed = move || {
        session.can(voronka_types::Permission::DealsReadOwn) || session.can(voronka_types::Permission::DealsReadAll)
    };
    let deals = LocalResource::new(move || api::deals::deals_of_contact(id));
    view! {
        <Show when=allowed>
            <section class="card related" aria-labelledby="contact-deals-title">
                <h2 class="card-title" id="contact-deals-title">{tr(Key::ContactDeals)}</h2>
                <Transition fallback=|| view! { <LoadingRows rows=1 /> }>
                    {move || Suspend::new(async move {
                        match deals.await {
                            Ok(page) if page.items.is_empty() => {
                                view! { <p class="note">{tr(Key::NoContactDeals)}</p> }.into_any()
                            }
                            Ok(page) => {
                                view! {
                                    <ul class="related-list">
                                        {page.items.into_iter().map(|d| view! { <DealItem deal=d /> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(problem) => view! { <Failed problem=problem /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </Show>
    }
}

#[component]
fn DealItem(deal: Deal) -> impl IntoView {
    let i18n = use_i18n();
    let status = match deal.status {
        StageKind::Won => Key::DealWon,
        StageKind::Lost => Key::DealLost,
        StageKind::Open => Key::DealOpen,
    };
    let amount = deal.amount.clone();
    let created = deal.created_at;
    view! {
        <li class="related-row">
            <a class="related-title" href=format!("/deals/{}", deal.id)>{deal.title.clone()}</a>
            <span class=format!("badge deal-{}", deal.status.as_str())>{tr(status)}</span>
            <span class="muted related-meta">
                {move || format!("{} · {}", format_money(&amount, i18n.lang(), false), format_date(created, i18n.lang()))}
            </span>
        </li>
    }
}
