//! The deal's fields, editable in place with the shared [`InlineText`] and [`InlineSelect`],
//! and its stage history.

use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::deals::Deal;
use voronka_types::pipelines::StageKind;

use super::patches::{
    Patch, amount_patch, close_date_patch, close_reason_patch, currency_patch, owner_patch, probability_patch,
    stage_patch,
};
use super::use_editor;
use crate::api;
use crate::components::form::FormState;
use crate::components::inline::{InlineSelect, InlineText, Save};
use crate::components::page::LoadingRows;
use crate::i18n::{Key, format_datetime, format_naive_date, problem_message, tr, use_i18n};
use crate::pages::deals::{day_input, is_overdue, today, use_contact_names};
use crate::pages::leads::context::use_leads;
use crate::session::use_session;

/// Saves a deal field: what was typed becomes a change through `patch`.
pub fn saver(patch: Patch) -> Save {
    let editor = use_editor();
    Callback::new(move |(text, form): (String, FormState)| {
        let change = patch(&text)?;
        editor.save(change, form);
        Ok(())
    })
}

/// Without `deals.write` the values show, but do not open for editing.
pub fn locked() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || !session.can(Permission::DealsWrite))
}

fn deal_value(f: impl Fn(&Deal) -> String + Send + Sync + 'static) -> Signal<String> {
    let editor = use_editor();
    Signal::derive(move || editor.deal.with(|d| f(d)))
}

/// The stage and owner pickers. A lost stage asks for the reason before it is saved.
#[component]
pub fn DealPickers() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let deals = use_leads();
    let stages = Signal::derive(move || {
        let pipeline = editor.deal.with(|d| d.pipeline_id);
        deals
            .stages_of(pipeline)
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect()
    });
    let plain = saver(stage_patch);
    let save_stage: Save = Callback::new(move |(text, form): (String, FormState)| {
        let lost = text
            .parse()
            .ok()
            .and_then(|id| deals.stage(id))
            .filter(|s| s.kind == StageKind::Lost);
        match lost {
            Some(stage) => {
                editor.losing.set(Some(stage.id));
                Ok(())
            }
            None => plain.run((text, form)),
        }
    });
    let owners = Signal::derive(move || {
        let mut list = vec![(String::new(), i18n.t(Key::Unassigned).to_owned())];
        deals
            .team
            .with(|team| list.extend(team.iter().map(|(id, name)| (id.to_string(), name.clone()))));
        if let Some(owner) = editor
            .deal
            .with(|d| d.owner_id)
            .filter(|o| !list.iter().any(|(v, _)| *v == o.to_string()))
        {
            list.push((owner.to_string(), "…".to_owned()));
        }
        list
    });
    view! {
        <div class="lead-pickers">
            <InlineSelect
                label=Key::Stage
                field="stage_id"
                value=deal_value(|d| d.stage_id.to_string())
                options=stages
                save=save_stage
                read_only=locked()
            />
            <InlineSelect
                label=Key::Owner
                field="owner_id"
                value=deal_value(|d| d.owner_id.map(|o| o.to_string()).unwrap_or_default())
                options=owners
                save=saver(owner_patch)
                read_only=locked()
            />
        </div>
    }
}

/// Every field of the deal, in a card, with links to its contact and lead.
#[component]
pub fn DealDetails() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let names = use_contact_names();
    let deal = editor.deal;
    let money = Signal::derive(move || deal.with(|d| crate::i18n::format_money(&d.amount, i18n.lang(), false)));
    let close_shown = Signal::derive(move || {
        deal.with(|d| {
            d.expected_close_date
                .map(|day| {
                    let text = format_naive_date(day, i18n.lang());
                    if is_overdue(Some(day), d.status, today()) {
                        format!("{text} · {}", i18n.t(Key::Overdue))
                    } else {
                        text
                    }
                })
                .unwrap_or_default()
        })
    });
    let contact = move || {
        deal.with(|d| d.contact_id).map(|id| {
            view! {
                <a class="lead-link" href=format!("/contacts/{id}") data-testid="deal-contact">
                    {move || names.name(id).unwrap_or_else(|| "…".to_owned())}
                </a>
            }
        })
    };
    let lead = move || {
        deal.with(|d| d.lead_id).map(|id| {
            view! {
                <div class="inline-field">
                    <span class="inline-label">{tr(Key::FromLead)}</span>
                    <a class="lead-link" href=format!("/leads/{id}") data-testid="deal-lead">{tr(Key::OpenLead)}</a>
                </div>
            }
        })
    };
    view! {
        <section class="card lead-details" aria-labelledby="details-title">
            <h2 class="card-title" id="details-title">{tr(Key::Details)}</h2>
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Contact)}</span>
                <p class="inline-static">{contact}</p>
            </div>
            {lead}
            <InlineText
                label=Key::Amount
                field="amount"
                inputmode="decimal"
                value=deal_value(|d| d.amount.amount.clone())
                display=money
                save=saver(amount_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Currency
                field="currency"
                value=deal_value(|d| d.amount.currency.clone())
                save=saver(currency_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::ExpectedClose
                field="expected_close_date"
                input_type="date"
                value=deal_value(|d| d.expected_close_date.map(day_input).unwrap_or_default())
                display=close_shown
                save=saver(close_date_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Probability
                field="probability"
                inputmode="numeric"
                value=deal_value(|d| d.probability.map(|p| p.to_string()).unwrap_or_default())
                save=saver(probability_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::CloseReason
                field="close_reason"
                value=deal_value(|d| d.close_reason.clone().unwrap_or_default())
                save=saver(close_reason_patch)
                read_only=locked()
            />
            <div class="inline-field">
                <span class="inline-label">{tr(Key::DealCreatedOn)}</span>
                <p class="inline-static">{move || deal.with(|d| format_datetime(d.created_at, i18n.lang()))}</p>
            </div>
        </section>
    }
}

/// Every move of the deal between stages, newest first, with who made it.
#[component]
pub fn StageHistory() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let deals = use_leads();
    let history = LocalResource::new(move || {
        editor.version.track();
        let id = editor.deal.with_untracked(|d| d.id);
        api::deals::deal_stage_history(id)
    });
    view! {
        <div class="card stage-history">
            <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(moves) if moves.is_empty() => view! { <p class="note">{tr(Key::NoStageHistory)}</p> }.into_any(),
                        Ok(mut moves) => {
                            moves.sort_by_key(|m| std::cmp::Reverse(m.changed_at));
                            view! {
                                <ol class="history-list">
                                    {moves
                                        .into_iter()
                                        .map(|m| {
                                            let from = m.from_stage_id.map(|s| deals.stage_name(s));
                                            let to = deals.stage_name(m.to_stage_id);
                                            let actor = m.actor_id;
                                            let at = m.changed_at;
                                            view! {
                                                <li class="history-item">
                                                    <span class="history-move">
                                                        {from.map(|f| format!("{f} → "))}
                                                        <strong>{to}</strong>
                                                    </span>
                                                    <span class="muted history-meta">
                                                        {move || {
                                                            let when = format_datetime(at, i18n.lang());
                                                            match deals.person(actor) {
                                                                Some(who) => format!("{when} · {who}"),
                                                                None => when,
                                                            }
                                                        }}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                        Err(problem) => view! { <p class="field-error">{problem_message(&problem, i18n.lang())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
