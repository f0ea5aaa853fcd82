//! `/contacts/:id`, the contact card: fields editable in place, call / WhatsApp / e-mail links,
//! purchases with their totals, the contact's leads and deals, the timeline with a note
//! composer, and deletion with a confirmation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use voronka_types::contacts::{Contact, UpdateContact};
use voronka_types::timeline::CreateNote;
use voronka_types::{ContactId, Permission};

use super::card_fields::{ContactDetails, locked, name_patch, saver};
use super::new_contact::by_list;
use super::purchases::PurchasesBlock;
use super::related::{ContactDeals, ContactLeads};
use super::{CompanyNames, use_companies};
use crate::api;
use crate::components::badges::Avatar;
use crate::components::confirm::ConfirmAction;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::components::inline::InlineText;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, tr, use_i18n};
use crate::pages::leads::card::timeline::{Timeline, TimelineOf};
use crate::pages::leads::context::LeadsData;
use crate::pages::not_found::NotFoundPage;
use crate::session::use_session;

/// The open contact and how to change it, shared by the card's parts. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct ContactEditor {
    /// The contact as last saved (with its purchase figures).
    pub contact: RwSignal<Contact>,
    /// Bumped after every change, so the timeline reloads.
    pub version: RwSignal<u32>,
}

impl ContactEditor {
    /// Saves `patch` with `form` showing progress and problems; the card follows the answer.
    pub fn save(self, patch: UpdateContact, form: FormState) {
        if !form.start() {
            return;
        }
        let id = self.contact.with_untracked(|c| c.id);
        spawn_local(async move {
            match form.finish(api::contacts::update_contact(id, &patch).await) {
                Some(saved) => {
                    // The PATCH answer has no purchase figures: keep the ones shown.
                    let purchases = self.contact.with_untracked(|c| c.purchases.clone());
                    self.contact.set(Contact {
                        purchases: saved.purchases.clone().or(purchases),
                        ..saved
                    });
                    self.version.update(|v| *v += 1);
                }
                None => by_list(form),
            }
        });
    }
}

/// The open contact from context.
pub fn use_contact() -> ContactEditor {
    expect_context::<ContactEditor>()
}

/// `/contacts/:id`.
#[component]
pub fn ContactCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse::<ContactId>().ok()));
    view! {
        <LeadsData>
            {move || match id.get() {
                Some(id) => view! { <LoadContact id=id /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </LeadsData>
    }
}

#[component]
fn LoadContact(id: ContactId) -> impl IntoView {
    CompanyNames::provide();
    let contact = LocalResource::new(move || api::contacts::get_contact(id));
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
            {move || Suspend::new(async move {
                match contact.await {
                    Ok(contact) => view! { <ContactCard contact=contact /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| contact.refetch());
                        view! {
                            <BackLink />
                            <LoadError problem=problem retry=retry />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn BackLink() -> impl IntoView {
    view! {
        <A href="/contacts" attr:class="back-link">
            <Icon icon=IconName::ChevronLeft />
            <span>{tr(Key::NavContacts)}</span>
        </A>
    }
}

#[component]
fn ContactCard(contact: Contact) -> impl IntoView {
    let query = use_query_map();
    let companies = use_companies();
    let id = contact.id;
    let editor = ContactEditor {
        contact: RwSignal::new(contact),
        version: RwSignal::new(0),
    };
    provide_context(editor);
    let contact = editor.contact;
    let existing = query.with_untracked(|q| q.get("existing").is_some());
    let name_form = FormState::new();
    let company = move || {
        contact.with(|c| c.company_id).map(|company| {
            let name = companies.name(Some(company)).unwrap_or_default();
            view! { <a class="muted" href=format!("/companies/{company}")>{name}</a> }
        })
    };
    view! {
        <div class="lead-card-page contact-card-page">
            <BackLink />
            {existing.then(|| view! { <SuccessNote><p>{tr(Key::ContactExists)}</p></SuccessNote> })}
            <section class="card lead-hero">
                <div class="lead-hero-top">
                    {move || view! { <Avatar name=contact.with(|c| c.name.clone()) large=true /> }}
                    <div class="lead-hero-text">
                        <InlineText
                            label=Key::Name
                            field="name"
                            form=name_form
                            value=Signal::derive(move || contact.with(|c| c.name.clone()))
                            save=saver(name_patch)
                            read_only=locked()
                            heading=true
                        />
                        {company}
                    </div>
                </div>
                <QuickActions />
            </section>
            <div class="lead-layout">
                <div class="contact-side">
                    <ContactDetails />
                    <PurchasesBlock />
                    <ContactLeads id=id />
                    <ContactDeals id=id />
                    <DeleteContact />
                </div>
                <section class="lead-activity" aria-labelledby="timeline-title">
                    <h2 class="section-title" id="timeline-title">{tr(Key::Timeline)}</h2>
                    <NoteForm />
                    <Timeline of=TimelineOf::Contact(id) version=editor.version />
                </section>
            </div>
        </div>
    }
}

/// Call, WhatsApp and e-mail links for the contact's first phone and e-mail.
#[component]
fn QuickActions() -> impl IntoView {
    let editor = use_contact();
    move || {
        editor.contact.with(|c| {
            let phone = c.phones.first().map(|p| p.e164.clone());
            let whatsapp = phone.as_ref().map(|e| {
                let digits: String = e.chars().filter(char::is_ascii_digit).collect();
                format!("https://wa.me/{digits}")
            });
            let email = c.emails.first().cloned();
            view! {
                <div class="lead-actions">
                    {phone.map(|p| view! {
                        <a class="btn btn-secondary" href=format!("tel:{p}")>
                            <Icon icon=IconName::Phone />
                            <span>{tr(Key::CallAction)}</span>
                        </a>
                    })}
                    {whatsapp.map(|href| view! {
                        <a class="btn btn-secondary" href=href target="_blank" rel="noopener">
                            <Icon icon=IconName::Chat />
                            <span>{tr(Key::Whatsapp)}</span>
                        </a>
                    })}
                    {email.map(|e| view! {
                        <a class="btn btn-secondary" href=format!("mailto:{e}")>
                            <Icon icon=IconName::Mail />
                            <span>{tr(Key::Email)}</span>
                        </a>
                    })}
                </div>
            }
        })
    }
}

/// Adds a note to the contact's timeline.
#[component]
fn NoteForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editor = use_contact();
    let form = FormState::new();
    let body = RwSignal::new(String::new());
    let added = RwSignal::new(false);
    let id = unique_id("field");
    let error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == "body"))
                .map(|e| crate::i18n::field_error_message(e, i18n.lang()))
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        added.set(false);
        let text = body.get_untracked().trim().to_owned();
        if text.is_empty() {
            form.field_error("body", Key::FieldRequired.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let note = CreateNote {
            contact_id: Some(editor.contact.with_untracked(|c| c.id)),
            body: text,
            ..CreateNote::default()
        };
        spawn_local(async move {
            if form.finish(api::timeline::create_note(&note).await).is_some() {
                body.set(String::new());
                added.set(true);
                editor.version.update(|v| *v += 1);
            }
        });
    };
    let can_write = move || session.can(Permission::ContactsWrite);
    view! {
        <Show when=can_write>
            <form class="card composer" on:submit=on_submit novalidate>
                <div class="field" class:has-error=move || error().is_some()>
                    <label for=id.clone() class="field-label">{tr(Key::NoteTab)}</label>
                    <textarea
                        id=id.clone()
                        name="body"
                        class="input textarea"
                        rows="3"
                        placeholder=tr(Key::NotePlaceholder)
                        prop:value=body
                        on:input=move |ev| body.set(event_target_value(&ev))
                    ></textarea>
                    {move || error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <ProblemAlert form=form fields=&["body"] />
                <Show when=move || added.get()>
                    <SuccessNote><p>{tr(Key::NoteAdded)}</p></SuccessNote>
                </Show>
                <div class="form-actions">
                    <SubmitButton label=Key::AddNote form=form class="btn btn-primary" />
                </div>
            </form>
        </Show>
    }
}

/// "Delete contact" with a confirmation; refusals (leads, purchases) show readably.
#[component]
fn DeleteContact() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editor = use_contact();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let form = FormState::new();
    let message = Signal::derive(move || i18n.t1(Key::DeleteContactConfirm, &editor.contact.with(|c| c.name.clone())));
    let on_confirm = Callback::new(move |_| {
        if !form.start() {
            return;
        }
        let id = editor.contact.with_untracked(|c| c.id);
        let navigate = navigate.clone();
        spawn_local(async move {
            if form.finish(api::contacts::delete_contact(id).await).is_some() {
                navigate("/contacts", Default::default());
            }
        });
    });
    view! {
        <Show when=move || session.can(Permission::ContactsWrite)>
            <div class="danger-zone">
                <ConfirmAction
                    label=Key::DeleteContact
                    icon=IconName::Trash
                    message=message
                    open=open
                    form=form
                    on_confirm=on_confirm
                    danger=true
                />
            </div>
        </Show>
    }
}
