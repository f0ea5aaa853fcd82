//! The "New lead" sheet: contact name, phone, e-mail, source, amount and first message.
//! A phone or e-mail the company already knows links the lead to that contact.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use voronka_types::contacts::Source;
use voronka_types::leads::{CreateLead, LeadContactInput};

use crate::api;
use crate::components::form::{FormState, ProblemAlert, SelectField, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, source_label, tr, use_i18n};

const FIELDS: &[&str] = &[
    "contact.name",
    "contact.phones[0]",
    "contact.emails[0]",
    "source",
    "amount",
    "message",
];

/// A decimal typed the local way ("150 000,50") as the API wants it ("150000.50").
pub fn normalize_amount(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect()
}

/// The sheet, shown while `open` is true. A created lead opens its card.
#[component]
pub fn NewLeadSheet(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = FormState::new();
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let message_id = unique_id("field");
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let source = RwSignal::new(Source::Manual.as_str().to_owned());
    let amount = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let close = move || open.set(false);
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let sources = Signal::derive(move || {
        let lang = i18n.lang();
        Source::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), source_label(*s, lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = CreateLead {
            contact: Some(LeadContactInput {
                name: text(name),
                phones: text(phone).into_iter().collect(),
                emails: text(email).into_iter().collect(),
            }),
            source: Source::parse(&source.get_untracked()),
            amount: text(amount).map(|a| normalize_amount(&a)),
            message: text(message),
            ..CreateLead::default()
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(lead) = form.finish(api::leads::create_lead(&request).await) {
                open.set(false);
                navigate(&format!("/leads/{}", lead.id), Default::default());
            }
        });
    };
    let message_error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == "message"))
                .map(|e| crate::i18n::field_error_message(e, i18n.lang()))
        })
    };
    view! {
        <div class="sheet-backdrop" on:click=move |_| close()>
            <div
                class="sheet"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                on:click=|ev| ev.stop_propagation()
            >
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{tr(Key::NewLead)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| close()>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <p class="muted">{tr(Key::NewLeadHint)}</p>
                    <ProblemAlert form=form fields=FIELDS />
                    <TextField label=Key::ContactName field="contact.name" value=name form=form required=false autofocus=true />
                    <div class="form-grid">
                        <TextField
                            label=Key::Phone
                            field="contact.phones[0]"
                            value=phone
                            form=form
                            input_type="tel"
                            inputmode="tel"
                            autocomplete="tel"
                            required=false
                        />
                        <TextField
                            label=Key::Email
                            field="contact.emails[0]"
                            value=email
                            form=form
                            input_type="email"
                            autocomplete="email"
                            required=false
                        />
                        <SelectField label=Key::Source field="source" value=source form=form options=sources />
                        <TextField
                            label=Key::Amount
                            field="amount"
                            value=amount
                            form=form
                            inputmode="decimal"
                            required=false
                            optional_mark=true
                        />
                    </div>
                    <div class="field" class:has-error=move || message_error().is_some()>
                        <label for=message_id.clone() class="field-label">
                            {tr(Key::Message)}
                            <span class="field-optional">{tr(Key::Optional)}</span>
                        </label>
                        <textarea
                            id=message_id
                            name="message"
                            class="input textarea"
                            rows="3"
                            prop:value=message
                            on:input=move |ev| message.set(event_target_value(&ev))
                        ></textarea>
                        {move || message_error().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| close()>
                            {tr(Key::Cancel)}
                        </button>
                        <SubmitButton label=Key::CreateLeadSubmit form=form class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
