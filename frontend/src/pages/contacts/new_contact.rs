//! The "New contact" sheet: name, phones, e-mails, company, city, source and tags. A phone or
//! e-mail the company already knows opens that contact with a notice instead.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use voronka_types::contacts::{CreateContact, Source};

use super::use_companies;
use crate::api;
use crate::api::contacts::Created;
use crate::components::form::{FormState, ProblemAlert, SelectField, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, source_label, tr, use_i18n};

const FIELDS: &[&str] = &["name", "phones", "emails", "company_id", "city", "source", "tags"];

/// Comma- or semicolon-separated values, trimmed, blanks dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Names list items' errors by their list (`phones[1]` → `phones`), where the form shows them.
pub fn by_list(form: FormState) {
    form.problem.update(|p| {
        if let Some(p) = p {
            for e in &mut p.errors {
                if let Some(i) = e.field.find('[') {
                    e.field.truncate(i);
                }
            }
        }
    });
}

/// The sheet, shown while `open` is true. The created (or matched) contact opens its card.
#[component]
pub fn NewContactSheet(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let companies = use_companies();
    let navigate = use_navigate();
    let form = FormState::new();
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let name = RwSignal::new(String::new());
    let phones = RwSignal::new(String::new());
    let emails = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let source = RwSignal::new(Source::Manual.as_str().to_owned());
    let tags = RwSignal::new(String::new());
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
    let company_options = Signal::derive(move || {
        std::iter::once((String::new(), i18n.t(Key::NoCompany).to_owned()))
            .chain(companies.0.with(|all| {
                all.iter()
                    .map(|(id, name)| (id.to_string(), name.clone()))
                    .collect::<Vec<_>>()
            }))
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.field_error("name", Key::FieldRequired.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let request = CreateContact {
            name: name.get_untracked().trim().to_owned(),
            phones: split_list(&phones.get_untracked()),
            emails: split_list(&emails.get_untracked()),
            company_id: company.get_untracked().parse().ok(),
            city: Some(city.get_untracked().trim().to_owned()).filter(|c| !c.is_empty()),
            source: Source::parse(&source.get_untracked()),
            tags: split_list(&tags.get_untracked()),
            ..CreateContact::default()
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::contacts::create_contact(&request).await;
            let Some(created) = form.finish(result) else {
                by_list(form);
                return;
            };
            open.set(false);
            let path = match created {
                Created::New(c) => format!("/contacts/{}", c.id),
                Created::Existing(c) => format!("/contacts/{}?existing=1", c.id),
            };
            navigate(&path, Default::default());
        });
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
                    <h2 id=title_id class="card-title">{tr(Key::NewContact)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| close()>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <ProblemAlert form=form fields=FIELDS />
                    <TextField label=Key::Name field="name" value=name form=form autofocus=true />
                    <div class="form-grid">
                        <TextField
                            label=Key::Phones
                            field="phones"
                            value=phones
                            form=form
                            input_type="tel"
                            inputmode="tel"
                            autocomplete="tel"
                            hint=Key::ListHint
                            required=false
                        />
                        <TextField
                            label=Key::Emails
                            field="emails"
                            value=emails
                            form=form
                            inputmode="email"
                            autocomplete="email"
                            required=false
                        />
                        <SelectField label=Key::Company field="company_id" value=company form=form options=company_options />
                        <TextField label=Key::City field="city" value=city form=form required=false optional_mark=true />
                        <SelectField label=Key::Source field="source" value=source form=form options=sources />
                        <TextField label=Key::Tags field="tags" value=tags form=form required=false optional_mark=true />
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| close()>
                            {tr(Key::Cancel)}
                        </button>
                        <SubmitButton label=Key::CreateContactSubmit form=form class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
