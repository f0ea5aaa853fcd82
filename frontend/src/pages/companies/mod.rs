//! `/companies` and `/companies/:id`: the organisations contacts work for. The list with
//! search and "New company"; the card with its name and domain editable in place, its
//! contacts, and deletion.

mod card;

pub use card::CompanyCardPage;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use voronka_types::contacts::{Company, CreateCompany};
use voronka_types::{Page, Permission};

use crate::api;
use crate::components::filters::SearchBox;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess};
use crate::i18n::{Key, format_count, tr, use_i18n};
use crate::session::use_session;

/// Whether the signed-in user may see contacts and companies (reactive).
pub fn can_read_contacts(session: crate::session::Session) -> bool {
    session.can(Permission::ContactsReadOwn) || session.can(Permission::ContactsReadAll)
}

/// `/companies`.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || can_read_contacts(session) fallback=NoAccess>
            <Companies />
        </Show>
    }
}

#[component]
fn Companies() -> impl IntoView {
    let session = use_session();
    let input = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let creating = RwSignal::new(false);
    let first = LocalResource::new(move || {
        let q = Some(search.get()).filter(|q| !q.is_empty());
        api::companies::list_companies(q, None)
    });
    view! {
        <div class="companies-page">
            <header class="page-header">
                <div class="page-heading">
                    <h1 class="page-title">{tr(Key::NavCompanies)}</h1>
                </div>
                <div class="page-actions">
                    <Show when=move || session.can(Permission::ContactsWrite)>
                        <button type="button" class="btn btn-primary" on:click=move |_| creating.set(true)>
                            <Icon icon=IconName::Plus />
                            <span>{tr(Key::NewCompany)}</span>
                        </button>
                    </Show>
                </div>
            </header>
            <div class="list-tools">
                <div class="list-search-row">
                    <SearchBox label=Key::SearchCompanies input=input search=search />
                </div>
            </div>
            <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => view! { <Rows page=page q=search.get_untracked() /> }.into_any(),
                        Err(problem) => {
                            let retry = Callback::new(move |_| first.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
            <Show when=move || creating.get()>
                <NewCompanySheet open=creating />
            </Show>
        </div>
    }
}

#[component]
fn Rows(page: Page<Company>, q: String) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(page.items);
    let cursor = RwSignal::new(page.next_cursor);
    let total = page.total;
    let more = FormState::new();
    let q = Some(q).filter(|q| !q.is_empty());
    let load_more = move |_| {
        let Some(next) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        let q = q.clone();
        spawn_local(async move {
            if let Some(page) = more.finish(api::companies::list_companies(q, Some(next)).await) {
                rows.update(|r| r.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <Show
            when=move || rows.with(|r| !r.is_empty())
            fallback=|| view! { <div class="card empty-state"><p class="empty-title">{tr(Key::NoCompanies)}</p></div> }
        >
            <div class="card lead-table-card">
                <table class="lead-table company-table">
                    <thead>
                        <tr>
                            <th>{tr(Key::Name)}</th>
                            <th>{tr(Key::Domain)}</th>
                            <th class="col-amount">{tr(Key::ContactCount)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|c| (c.id, c.updated_at) let:company>
                            <tr class="company-row">
                                <td class="col-name">
                                    <a class="lead-link" href=format!("/companies/{}", company.id)>{company.name.clone()}</a>
                                </td>
                                <td class="col-domain">{company.domain.clone()}</td>
                                <td class="col-amount">
                                    {move || format_count(company.contact_count, i18n.lang())}
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
        <div class="list-foot">
            <span class="muted">{move || i18n.t1(Key::TotalCount, &format_count(total, i18n.lang()))}</span>
            <ProblemAlert form=more />
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary" on:click=load_more.clone() disabled=move || more.busy.get()>
                    {tr(Key::LoadMore)}
                </button>
            </Show>
        </div>
    }
}

/// The "New company" sheet; a created company opens its card.
#[component]
fn NewCompanySheet(open: RwSignal<bool>) -> impl IntoView {
    let navigate = use_navigate();
    let i18n = use_i18n();
    let form = FormState::new();
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let name = RwSignal::new(String::new());
    let domain = RwSignal::new(String::new());
    let close = move || open.set(false);
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.field_error("name", Key::FieldRequired.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let request = CreateCompany {
            name: name.get_untracked().trim().to_owned(),
            domain: Some(domain.get_untracked().trim().to_owned()).filter(|d| !d.is_empty()),
            ..CreateCompany::default()
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(company) = form.finish(api::companies::create_company(&request).await) {
                open.set(false);
                navigate(&format!("/companies/{}", company.id), Default::default());
            }
        });
    };
    view! {
        <div class="sheet-backdrop" on:click=move |_| close()>
            <div class="sheet" role="dialog" aria-modal="true" aria-labelledby=labelled_by on:click=|ev| ev.stop_propagation()>
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{tr(Key::NewCompany)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| close()>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <ProblemAlert form=form fields=&["name", "domain"] />
                    <TextField label=Key::Name field="name" value=name form=form autofocus=true />
                    <TextField label=Key::Domain field="domain" value=domain form=form required=false optional_mark=true />
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| close()>
                            {tr(Key::Cancel)}
                        </button>
                        <SubmitButton label=Key::CreateCompanySubmit form=form class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
