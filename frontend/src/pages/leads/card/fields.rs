//! The lead's fields, editable in place with the shared [`InlineText`] and [`InlineSelect`].

use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::contacts::Source;
use voronka_types::leads::{Handler, Lead, Temperature};

use super::patches::{
    Patch, amount_patch, city_patch, close_reason_patch, handler_patch, owner_patch, score_patch, source_patch,
    stage_patch, tags_patch, temperature_patch,
};
use super::use_editor;
use crate::components::form::FormState;
use crate::components::inline::{InlineSelect, InlineText, Save};
use crate::i18n::{Key, format_datetime, format_money, handler_key, source_label, temperature_key, tr, use_i18n};
use crate::pages::leads::context::use_leads;
use crate::session::use_session;

/// Saves a lead field: what was typed becomes a change through `patch`.
pub fn saver(patch: Patch) -> Save {
    let editor = use_editor();
    Callback::new(move |(text, form): (String, FormState)| {
        let change = patch(&text)?;
        editor.save(change, form);
        Ok(())
    })
}

/// Without `leads.write` the values show, but do not open for editing.
pub fn locked() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || !session.can(Permission::LeadsWrite))
}

fn lead_value(f: impl Fn(&Lead) -> String + Send + Sync + 'static) -> Signal<String> {
    let editor = use_editor();
    Signal::derive(move || editor.lead.with(|l| f(l)))
}

/// The stage picker: every stage of the lead's pipeline.
#[component]
pub fn StagePicker() -> impl IntoView {
    let editor = use_editor();
    let leads = use_leads();
    let options = Signal::derive(move || {
        let pipeline = editor.lead.with(|l| l.pipeline_id);
        leads
            .stages_of(pipeline)
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect()
    });
    view! {
        <InlineSelect
            label=Key::Stage
            field="stage_id"
            value=lead_value(|l| l.stage_id.to_string())
            options=options
            save=saver(stage_patch)
                read_only=locked()
        />
    }
}

/// The owner picker: the team, or nobody.
#[component]
pub fn OwnerPicker() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let leads = use_leads();
    let options = Signal::derive(move || {
        let mut list = vec![(String::new(), i18n.t(Key::Unassigned).to_owned())];
        leads
            .team
            .with(|team| list.extend(team.iter().map(|(id, name)| (id.to_string(), name.clone()))));
        // An owner the list does not hold (e.g. without `users.read`) still shows as selected.
        if let Some(owner) = editor
            .lead
            .with(|l| l.owner_id)
            .filter(|o| !list.iter().any(|(v, _)| *v == o.to_string()))
        {
            list.push((owner.to_string(), "…".to_owned()));
        }
        list
    });
    view! {
        <InlineSelect
            label=Key::Owner
            field="owner_id"
            value=lead_value(|l| l.owner_id.map(|o| o.to_string()).unwrap_or_default())
            options=options
            save=saver(owner_patch)
                read_only=locked()
        />
    }
}

/// Every field of the lead, in a card.
#[component]
pub fn LeadDetails() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let lead = editor.lead;
    let sources = Signal::derive(move || {
        let lang = i18n.lang();
        Source::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), source_label(*s, lang).to_owned()))
            .collect()
    });
    let temperatures = Signal::derive(move || {
        std::iter::once((String::new(), i18n.t(Key::NotSet).to_owned()))
            .chain(
                [Temperature::Hot, Temperature::Warm, Temperature::Cold]
                    .iter()
                    .map(|t| (t.as_str().to_owned(), i18n.t(temperature_key(*t)).to_owned())),
            )
            .collect()
    });
    let handlers = Signal::derive(move || {
        [Handler::Ai, Handler::Human]
            .iter()
            .map(|h| (h.as_str().to_owned(), i18n.t(handler_key(*h)).to_owned()))
            .collect()
    });
    let money = Signal::derive(move || {
        lead.with(|l| {
            l.amount
                .as_ref()
                .map(|m| format_money(m, i18n.lang(), false))
                .unwrap_or_default()
        })
    });
    let contact = move || {
        lead.with(|l| {
            [l.contact.phone.clone(), l.contact.email.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        })
    };
    view! {
        <section class="card lead-details" aria-labelledby="details-title">
            <h2 class="card-title" id="details-title">{tr(Key::Details)}</h2>
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Contact)}</span>
                <p class="inline-static">{move || lead.with(|l| l.contact.name.clone())}</p>
                <p class="inline-static muted">{contact}</p>
            </div>
            <InlineText
                label=Key::Amount
                field="amount"
                inputmode="decimal"
                value=lead_value(|l| l.amount.as_ref().map(|m| m.amount.clone()).unwrap_or_default())
                display=money
                save=saver(amount_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::City
                field="city"
                value=lead_value(|l| l.city.clone().unwrap_or_default())
                save=saver(city_patch)
                read_only=locked()
            />
            <InlineSelect
                label=Key::Source
                field="source"
                value=lead_value(|l| l.source.as_str().to_owned())
                options=sources
                save=saver(source_patch)
                read_only=locked()
            />
            <InlineSelect
                label=Key::Temperature
                field="temperature"
                value=lead_value(|l| l.temperature.map(|t| t.as_str().to_owned()).unwrap_or_default())
                options=temperatures
                save=saver(temperature_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Score
                field="score"
                inputmode="numeric"
                value=lead_value(|l| l.score.to_string())
                save=saver(score_patch)
                read_only=locked()
            />
            <InlineSelect
                label=Key::HandledBy
                field="handled_by"
                value=lead_value(|l| l.handled_by.as_str().to_owned())
                options=handlers
                save=saver(handler_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Tags
                field="tags"
                value=lead_value(|l| l.tags.join(", "))
                save=saver(tags_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::CloseReason
                field="close_reason"
                value=lead_value(|l| l.close_reason.clone().unwrap_or_default())
                save=saver(close_reason_patch)
                read_only=locked()
            />
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Created)}</span>
                <p class="inline-static">{move || lead.with(|l| format_datetime(l.created_at, i18n.lang()))}</p>
            </div>
        </section>
    }
}
