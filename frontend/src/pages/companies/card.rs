//! `/companies/:id`: the company's name and domain editable in place, its contacts, and
//! deletion with a confirmation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use voronka_types::contacts::{Company, UpdateCompany};
use voronka_types::{CompanyId, Permission};

use super::can_read_contacts;
use crate::api;
use crate::api::contacts::ContactQuery;
use crate::components::badges::Avatar;
use crate::components::confirm::ConfirmAction;
use crate::components::form::FormState;
use crate::components::icons::{Icon, IconName};
use crate::components::inline::{InlineText, Save};
use crate::components::page::{LoadError, LoadingRows, NoAccess};
use crate::i18n::{Key, format_count, problem_message, tr, use_i18n};
use crate::pages::not_found::NotFoundPage;
use crate::session::use_session;

/// `/companies/:id`.
#[component]
pub fn CompanyCardPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse::<CompanyId>().ok()));
    view! {
        <Show when=move || can_read_contacts(session) fallback=NoAccess>
            {move || match id.get() {
                Some(id) => view! { <LoadCompany id=id /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </Show>
    }
}

#[component]
fn LoadCompany(id: CompanyId) -> impl IntoView {
    let company = LocalResource::new(move || api::companies::get_company(id));
    view! {
        <A href="/companies" attr:class="back-link">
            <Icon icon=IconName::ChevronLeft />
            <span>{tr(Key::NavCompanies)}</span>
        </A>
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match company.await {
                    Ok(company) => view! { <CompanyCard company=company /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| company.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What a typed value becomes: one `UpdateCompany` per field.
type Patch = fn(&str) -> Result<UpdateCompany, Key>;

fn name_patch(v: &str) -> Result<UpdateCompany, Key> {
    let name = Some(v.trim().to_owned())
        .filter(|n| !n.is_empty())
        .ok_or(Key::FieldRequired)?;
    Ok(UpdateCompany {
        name: Some(name),
        ..UpdateCompany::default()
    })
}

fn domain_patch(v: &str) -> Result<UpdateCompany, Key> {
    Ok(UpdateCompany {
        domain: Some(Some(v.trim().to_owned()).filter(|d| !d.is_empty())),
        ..UpdateCompany::default()
    })
}

#[component]
fn CompanyCard(company: Company) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let id = company.id;
    let company = RwSignal::new(company);
    let read_only = Signal::derive(move || !session.can(Permission::ContactsWrite));
    let saver = move |patch: Patch| -> Save {
        Callback::new(move |(text, form): (String, FormState)| {
            let change = patch(&text)?;
            if form.start() {
                spawn_local(async move {
                    if let Some(saved) = form.finish(api::companies::update_company(id, &change).await) {
                        company.set(saved);
                    }
                });
            }
            Ok(())
        })
    };
    let open = RwSignal::new(false);
    let delete_form = FormState::new();
    let message = Signal::derive(move || i18n.t1(Key::DeleteCompanyConfirm, &company.with(|c| c.name.clone())));
    let on_delete = Callback::new(move |_| {
        if !delete_form.start() {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            if delete_form.finish(api::companies::delete_company(id).await).is_some() {
                navigate("/companies", Default::default());
            }
        });
    });
    view! {
        <div class="lead-card-page company-card-page">
            <section class="card lead-hero">
                <div class="lead-hero-top">
                    {move || view! { <Avatar name=company.with(|c| c.name.clone()) large=true /> }}
                    <div class="lead-hero-text">
                        <InlineText
                            label=Key::Name
                            field="name"
                            value=Signal::derive(move || company.with(|c| c.name.clone()))
                            save=saver(name_patch)
                            read_only=read_only
                            heading=true
                        />
                        <p class="muted">
                            {move || format!("{}: {}", i18n.t(Key::ContactCount), format_count(company.with(|c| c.contact_count), i18n.lang()))}
                        </p>
                    </div>
                </div>
                <InlineText
                    label=Key::Domain
                    field="domain"
                    value=Signal::derive(move || company.with(|c| c.domain.clone().unwrap_or_default()))
                    save=saver(domain_patch)
                    read_only=read_only
                />
            </section>
            <CompanyContacts id=id />
            <Show when=move || !read_only.get()>
                <div class="danger-zone">
                    <ConfirmAction
                        label=Key::DeleteCompany
                        icon=IconName::Trash
                        message=message
                        open=open
                        form=delete_form
                        on_confirm=on_delete
                        danger=true
                    />
                </div>
            </Show>
        </div>
    }
}

/// The company's contacts (the first 50, by name), linking to their cards.
#[component]
fn CompanyContacts(id: CompanyId) -> impl IntoView {
    let i18n = use_i18n();
    let query = ContactQuery {
        company_id: Some(id),
        sort: Some(voronka_types::contacts::ContactSort::Name),
        limit: Some(50),
        ..ContactQuery::default()
    };
    let contacts = LocalResource::new(move || {
        let query = query.clone();
        async move { api::contacts::list_contacts(&query).await }
    });
    view! {
        <section class="card related" aria-labelledby="company-contacts-title">
            <h2 class="card-title" id="company-contacts-title">{tr(Key::CompanyContacts)}</h2>
            <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                {move || Suspend::new(async move {
                    match contacts.await {
                        Ok(page) if page.items.is_empty() => {
                            view! { <p class="note">{tr(Key::NoContacts)}</p> }.into_any()
                        }
                        Ok(page) => {
                            view! {
                                <ul class="related-list">
                                    {page
                                        .items
                                        .into_iter()
                                        .map(|c| {
                                            let reach = crate::pages::contacts::reach(&c);
                                            view! {
                                                <li class="related-row">
                                                    <a class="lead-link" href=format!("/contacts/{}", c.id)>{c.name}</a>
                                                    <span class="muted related-meta">{reach}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(problem) => {
                            view! { <p class="field-error" role="alert">{move || problem_message(&problem, i18n.lang())}</p> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
