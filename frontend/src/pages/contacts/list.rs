//! The contacts as a table on desktop and compact rows (name, phone, company, owner) on
//! phones, continued page by page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::Page;
use voronka_types::contacts::Contact;

use super::{reach, use_companies};
use crate::api;
use crate::api::contacts::ContactQuery;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, format_count, format_date, source_label, tr, use_i18n};
use crate::pages::leads::context::use_leads;

/// The loaded rows with the total and "load more".
#[component]
pub fn ContactRows(page: Page<Contact>, query: ContactQuery) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(page.items);
    let cursor = RwSignal::new(page.next_cursor);
    let total = page.total;
    let more = FormState::new();
    let query = StoredValue::new(query);
    let load_more = move |_| {
        let Some(next) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        let request = ContactQuery {
            cursor: Some(next),
            ..query.get_value()
        };
        spawn_local(async move {
            if let Some(page) = more.finish(api::contacts::list_contacts(&request).await) {
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
                        <p class="empty-title">{tr(Key::NoContacts)}</p>
                    </div>
                }
            }
        >
            <div class="card lead-table-card">
                <table class="lead-table contact-table">
                    <thead>
                        <tr>
                            <th>{tr(Key::SortName)}</th>
                            <th>{tr(Key::Phone)}</th>
                            <th>{tr(Key::Company)}</th>
                            <th>{tr(Key::Owner)}</th>
                            <th>{tr(Key::Source)}</th>
                            <th>{tr(Key::Created)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|c| (c.id, c.updated_at) let:contact>
                            <Row contact=contact />
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
fn Row(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let companies = use_companies();
    let id = contact.id;
    let owner = contact.owner_id;
    let company = contact.company_id;
    let source = contact.source;
    let created = contact.created_at;
    let email = contact.emails.first().cloned().filter(|_| !contact.phones.is_empty());
    view! {
        <tr class="contact-row" data-contact=id.to_string()>
            <td class="col-name">
                <a class="lead-link" href=format!("/contacts/{id}")>
                    {contact.name.clone()}
                </a>
                {email.map(|e| view! { <span class="lead-sub desktop-only">{e}</span> })}
            </td>
            <td class="col-phone">{reach(&contact)}</td>
            <td class="col-company">{move || companies.name(company).unwrap_or_default()}</td>
            <td class="col-owner">{move || leads.person(owner).unwrap_or_default()}</td>
            <td class="col-source">{move || source_label(source, i18n.lang())}</td>
            <td class="col-created">{move || format_date(created, i18n.lang())}</td>
        </tr>
    }
}
