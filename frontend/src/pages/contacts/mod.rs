//! `/contacts`, `/contacts/:id` and `/contacts/duplicates`: the customer base. The list with
//! search, filters and sort; the card with purchases, leads, deals and the timeline; groups of
//! likely duplicates with merging. They share the leads context (team names, stages).

pub mod card;
mod card_fields;
pub mod duplicates;
mod filters;
mod list;
mod new_contact;
mod purchases;
mod related;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::contacts::Contact;
use voronka_types::{CompanyId, Permission};

use crate::api;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};
use crate::pages::leads::context::LeadsData;
use crate::session::use_session;
use filters::{ContactFilterBar, ContactFilters};
use list::ContactRows;
use new_contact::NewContactSheet;

/// Company names for showing a contact's company, loaded once per screen. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct CompanyNames(pub RwSignal<Vec<(CompanyId, String)>>);

impl CompanyNames {
    /// Loads the first companies (by name) into context.
    pub fn provide() -> Self {
        let names = CompanyNames(RwSignal::new(Vec::new()));
        provide_context(names);
        spawn_local(async move {
            // Without companies, contacts simply show none: not worth an error.
            if let Ok(page) = api::companies::list_companies(None, None).await {
                let _ = names
                    .0
                    .try_set(page.items.into_iter().map(|c| (c.id, c.name)).collect());
            }
        });
        names
    }

    /// The name of a company (reactive).
    pub fn name(&self, id: Option<CompanyId>) -> Option<String> {
        let id = id?;
        self.0
            .with(|all| all.iter().find(|(c, _)| *c == id).map(|(_, n)| n.clone()))
    }
}

/// The company names from context.
pub fn use_companies() -> CompanyNames {
    expect_context::<CompanyNames>()
}

/// A contact's first phone as typed, or its first e-mail.
pub fn reach(contact: &Contact) -> String {
    contact
        .phones
        .first()
        .map(|p| p.raw.clone())
        .or_else(|| contact.emails.first().cloned())
        .unwrap_or_default()
}

/// `/contacts`.
#[component]
pub fn ContactsPage() -> impl IntoView {
    view! {
        <LeadsData>
            <Contacts />
        </LeadsData>
    }
}

#[component]
fn Contacts() -> impl IntoView {
    let session = use_session();
    CompanyNames::provide();
    let filters = ContactFilters::new();
    let creating = RwSignal::new(false);
    let query = Memo::new(move |_| filters.query());
    let first_page = LocalResource::new(move || {
        let query = query.get();
        async move { api::contacts::list_contacts(&query).await }
    });
    let can_write = move || session.can(Permission::ContactsWrite);
    view! {
        <div class="contacts-page">
            <header class="page-header">
                <div class="page-heading">
                    <h1 class="page-title">{tr(Key::NavContacts)}</h1>
                </div>
                <div class="page-actions">
                    <A href="/companies" attr:class="btn btn-secondary phone-only">
                        <Icon icon=IconName::Briefcase />
                        <span>{tr(Key::NavCompanies)}</span>
                    </A>
                    <Show when=can_write>
                        <A href="/contacts/duplicates" attr:class="btn btn-secondary">
                            <Icon icon=IconName::Users />
                            <span>{tr(Key::Duplicates)}</span>
                        </A>
                        <button type="button" class="btn btn-primary" on:click=move |_| creating.set(true)>
                            <Icon icon=IconName::Plus />
                            <span>{tr(Key::NewContact)}</span>
                        </button>
                    </Show>
                </div>
            </header>
            <ContactFilterBar filters=filters />
            <Transition fallback=|| view! { <crate::components::page::LoadingRows rows=5 /> }>
                {move || Suspend::new(async move {
                    match first_page.await {
                        Ok(page) => view! { <ContactRows page=page query=query.get_untracked() /> }.into_any(),
                        Err(problem) => {
                            let retry = Callback::new(move |_| first_page.refetch());
                            view! { <crate::components::page::LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
            <Show when=move || creating.get()>
                <NewContactSheet open=creating />
            </Show>
        </div>
    }
}
