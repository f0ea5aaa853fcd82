//! The lead's fields, editable in place: a value shows as text; tapping it opens an input
//! (Enter saves, Escape cancels); selects save as soon as they change. Each field shows the
//! server's problem for it right under it.

use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::contacts::Source;
use voronka_types::leads::{Handler, Lead, Temperature};

use super::patches::{
    Patch, amount_patch, city_patch, close_reason_patch, handler_patch, owner_patch, score_patch, source_patch,
    stage_patch, tags_patch, temperature_patch,
};
use super::use_editor;
use crate::components::form::{FormState, unique_id};
use crate::i18n::{
    Key, field_error_message, format_datetime, format_money, handler_key, problem_message, source_label,
    temperature_key, tr, use_i18n,
};
use crate::pages::leads::context::use_leads;
use crate::session::use_session;

/// The field's error (the server's, or a client-side check's), in the interface language.
fn error_of(form: FormState, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        form.problem.with(|p| {
            p.as_ref().map(|p| match p.errors.iter().find(|e| e.field == field) {
                Some(e) => field_error_message(e, i18n.lang()),
                None => match p.errors.first() {
                    Some(e) => format!("{}: {}", e.field, field_error_message(e, i18n.lang())),
                    None => problem_message(p, i18n.lang()),
                },
            })
        })
    })
}

/// A text value that turns into an input when tapped.
#[component]
pub fn InlineText(
    label: Key,
    /// The API's name for the field, to find its error.
    field: &'static str,
    #[prop(into)] value: Signal<String>,
    patch: Patch,
    #[prop(optional)] form: Option<FormState>,
    /// What to show instead of the raw value (e.g. formatted money).
    #[prop(optional, into)]
    display: Option<Signal<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Shown as the page heading.
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let session = use_session();
    // Without `leads.write` the values show, but do not open for editing.
    let read_only = move || !session.can(Permission::LeadsWrite);
    let form = form.unwrap_or_default();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let id = unique_id("inline");
    let error = error_of(form, field);
    // Close the input once a save went through.
    Effect::new(move |_| {
        if !form.busy.get() && pending.get_untracked() {
            pending.set(false);
            if form.problem.with_untracked(Option::is_none) {
                editing.set(false);
            }
        }
    });
    let save = move || match patch(&draft.get_untracked()) {
        Ok(change) => {
            pending.set(true);
            editor.save(change, form);
        }
        Err(key) => form.field_error(field, key.text(i18n.lang())),
    };
    let start = move |_| {
        draft.set(value.get_untracked());
        form.problem.set(None);
        editing.set(true);
    };
    let shown = move || {
        let text = display.map_or_else(|| value.get(), |d| d.get());
        if text.is_empty() { None } else { Some(text) }
    };
    let label_text = move || i18n.t(label);
    view! {
        <div class="inline-field" class:inline-heading=heading class:has-error=move || error.with(Option::is_some)>
            <span class="inline-label" id=format!("{id}-label") class:sr-only=heading>{label_text}</span>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="inline-value"
                            name=field
                            aria-label=move || format!("{}: {}", i18n.t1(Key::EditField, i18n.t(label)), shown().unwrap_or_default())
                            disabled=read_only
                            on:click=start
                        >
                            {move || match shown() {
                                Some(text) => view! { <span>{text}</span> }.into_any(),
                                None => view! { <span class="muted">{tr(Key::NotSet)}</span> }.into_any(),
                            }}
                        </button>
                    }
                }
            >
                <form
                    class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }
                >
                    <input
                        class="input"
                        name=field
                        aria-labelledby=format!("{id}-label")
                        inputmode=inputmode
                        autofocus=true
                        prop:value=draft
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                ev.stop_propagation();
                                form.problem.set(None);
                                editing.set(false);
                            }
                        }
                    />
                    <button type="submit" class="btn btn-primary btn-sm" disabled=move || form.busy.get()>
                        {tr(Key::Save)}
                    </button>
                    <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| editing.set(false)>
                        {tr(Key::Cancel)}
                    </button>
                </form>
            </Show>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// A labelled select that saves as soon as it changes.
#[component]
pub fn InlineSelect(
    label: Key,
    field: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    patch: Patch,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let session = use_session();
    // Without `leads.write` the values show, but do not open for editing.
    let read_only = move || !session.can(Permission::LeadsWrite);
    let form = FormState::new();
    let id = unique_id("field");
    let error = error_of(form, field);
    view! {
        <div class="inline-field" class:has-error=move || error.with(Option::is_some)>
            <label class="inline-label" for=id.clone()>{tr(label)}</label>
            <select
                id=id
                name=field
                class="input select"
                disabled=move || form.busy.get() || read_only()
                prop:value=value
                on:change=move |ev| match patch(&event_target_value(&ev)) {
                    Ok(change) => editor.save(change, form),
                    Err(key) => form.field_error(field, key.text(i18n.lang())),
                }
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
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
            patch=stage_patch
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
            patch=owner_patch
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
                patch=amount_patch
            />
            <InlineText
                label=Key::City
                field="city"
                value=lead_value(|l| l.city.clone().unwrap_or_default())
                patch=city_patch
            />
            <InlineSelect
                label=Key::Source
                field="source"
                value=lead_value(|l| l.source.as_str().to_owned())
                options=sources
                patch=source_patch
            />
            <InlineSelect
                label=Key::Temperature
                field="temperature"
                value=lead_value(|l| l.temperature.map(|t| t.as_str().to_owned()).unwrap_or_default())
                options=temperatures
                patch=temperature_patch
            />
            <InlineText
                label=Key::Score
                field="score"
                inputmode="numeric"
                value=lead_value(|l| l.score.to_string())
                patch=score_patch
            />
            <InlineSelect
                label=Key::HandledBy
                field="handled_by"
                value=lead_value(|l| l.handled_by.as_str().to_owned())
                options=handlers
                patch=handler_patch
            />
            <InlineText
                label=Key::Tags
                field="tags"
                value=lead_value(|l| l.tags.join(", "))
                patch=tags_patch
            />
            <InlineText
                label=Key::CloseReason
                field="close_reason"
                value=lead_value(|l| l.close_reason.clone().unwrap_or_default())
                patch=close_reason_patch
            />
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Created)}</span>
                <p class="inline-static">{move || lead.with(|l| format_datetime(l.created_at, i18n.lang()))}</p>
            </div>
        </section>
    }
}
