//! `/contacts/duplicates`: groups of contacts that share a phone, an e-mail or a name. Pick the
//! contact to keep and merge the others into it, after a confirmation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::contacts::{Contact, DuplicateGroup, DuplicateReason};
use voronka_types::{ContactId, Permission, Problem};

use super::{CompanyNames, reach};
use crate::api;
use crate::components::confirm::ConfirmAction;
use crate::components::form::{FormState, SuccessNote, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, format_date, tr, use_i18n};
use crate::pages::leads::context::{LeadsData, use_leads};
use crate::session::use_session;

/// `/contacts/duplicates`.
#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.can(Permission::ContactsWrite) fallback=NoAccess>
            <LeadsData>
                <Duplicates />
            </LeadsData>
        </Show>
    }
}

#[component]
fn Duplicates() -> impl IntoView {
    CompanyNames::provide();
    let groups = LocalResource::new(|| api::contacts::duplicates(None));
    let merged = RwSignal::new(None::<String>);
    view! {
        <div class="duplicates-page">
            <a href="/contacts" class="back-link">
                <Icon icon=IconName::ChevronLeft />
                <span>{tr(Key::NavContacts)}</span>
            </a>
            <PageHeader title=Key::Duplicates subtitle=Key::DuplicatesSubtitle />
            {move || {
                merged
                    .get()
                    .map(|name| {
                        let i18n = use_i18n();
                        view! { <SuccessNote><p>{move || i18n.t1(Key::Merged, &name)}</p></SuccessNote> }
                    })
            }}
            <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(page) if page.items.is_empty() => {
                            view! {
                                <div class="card empty-state">
                                    <p class="empty-title">{tr(Key::NoDuplicates)}</p>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(page) => {
                            let on_merged = Callback::new(move |name: String| {
                                merged.set(Some(name));
                                groups.refetch();
                            });
                            page.items
                                .into_iter()
                                .map(|g| view! { <Group group=g on_merged=on_merged /> })
                                .collect_view()
                                .into_any()
                        }
                        Err(problem) => {
                            let retry = Callback::new(move |_| groups.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

fn reason_key(reason: DuplicateReason) -> Key {
    match reason {
        DuplicateReason::Phone => Key::SamePhone,
        DuplicateReason::Email => Key::SameEmail,
        DuplicateReason::Name => Key::SameName,
    }
}

/// Merges every contact of `others` into `keep`, one after the other; stops at the first
/// problem.
async fn merge_all(keep: ContactId, others: Vec<ContactId>) -> Result<Contact, Problem> {
    let mut kept = None;
    for other in others {
        kept = Some(api::contacts::merge(keep, other).await?);
    }
    match kept {
        Some(contact) => Ok(contact),
        None => api::contacts::get_contact(keep).await,
    }
}

/// One group: its reason, its contacts with a "keep this one" choice, and the merge button.
#[component]
fn Group(group: DuplicateGroup, on_merged: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let name = unique_id("keep");
    let contacts = StoredValue::new(group.contacts);
    let keep = RwSignal::new(contacts.with_value(|c| c.first().map(|c| c.id)));
    let open = RwSignal::new(false);
    let form = FormState::new();
    let reason = reason_key(group.reason);
    let value = group.value;
    let keep_name = move || {
        contacts.with_value(|all| {
            all.iter()
                .find(|c| Some(c.id) == keep.get())
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let message = Signal::derive(move || {
        let others = contacts.with_value(|c| c.len().saturating_sub(1));
        i18n.t(Key::MergeConfirm)
            .replacen("{}", &others.to_string(), 1)
            .replacen("{}", &keep_name(), 1)
    });
    let on_confirm = Callback::new(move |_| {
        let Some(kept) = keep.get_untracked() else {
            return;
        };
        if !form.start() {
            return;
        }
        let others: Vec<ContactId> =
            contacts.with_value(|all| all.iter().map(|c| c.id).filter(|id| *id != kept).collect());
        spawn_local(async move {
            if let Some(contact) = form.finish(merge_all(kept, others).await) {
                open.set(false);
                on_merged.run(contact.name);
            }
        });
    });
    view! {
        <section class="card duplicate-group">
            <h2 class="card-title">{move || i18n.t1(reason, &value)}</h2>
            <fieldset class="duplicate-choices">
                <legend class="sr-only">{tr(Key::KeepThis)}</legend>
                {contacts
                    .get_value()
                    .into_iter()
                    .map(|c| view! { <Choice contact=c group=name.clone() keep=keep /> })
                    .collect_view()}
            </fieldset>
            <ConfirmAction label=Key::Merge icon=IconName::Users message=message open=open form=form on_confirm=on_confirm />
        </section>
    }
}

#[component]
fn Choice(contact: Contact, group: String, keep: RwSignal<Option<ContactId>>) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let id = contact.id;
    let owner = contact.owner_id;
    let created = contact.created_at;
    let detail = reach(&contact);
    view! {
        <label class="duplicate-choice" class:is-kept=move || keep.get() == Some(id)>
            <input
                type="radio"
                class="check"
                name=group
                value=id.to_string()
                prop:checked=move || keep.get() == Some(id)
                on:change=move |_| keep.set(Some(id))
            />
            <span class="duplicate-text">
                <span class="duplicate-name">{contact.name.clone()}</span>
                <span class="muted">{detail}</span>
                <span class="muted">
                    {move || {
                        let mut parts = vec![format_date(created, i18n.lang())];
                        parts.extend(leads.person(owner));
                        parts.join(" · ")
                    }}
                </span>
            </span>
            <a class="btn btn-ghost btn-sm" href=format!("/contacts/{id}") aria-label=contact.name.clone()>
                <Icon icon=IconName::ArrowRight />
            </a>
        </label>
    }
}
