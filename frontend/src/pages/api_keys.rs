//! API keys: list, create with scopes (the secret is shown once), revoke.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::Permission;
use voronka_types::api_keys::{ApiKey, CreateApiKey, CreatedApiKey};

use crate::api;
use crate::components::copy::CopyButton;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, format_date, format_datetime, permission_label, permissions_by_group, tr, use_i18n};
use crate::session::use_session;

/// `/api-keys`.
#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.can(Permission::ApiKeysManage) fallback=move || view! {
            <PageHeader title=Key::NavApiKeys />
            <NoAccess />
        }>
            <ApiKeys />
        </Show>
    }
}

#[component]
fn ApiKeys() -> impl IntoView {
    let keys = LocalResource::new(api::api_keys::list_api_keys);
    let creating = RwSignal::new(false);
    let created = RwSignal::new(None::<CreatedApiKey>);
    let revoked = RwSignal::new(false);
    let on_created = Callback::new(move |key: CreatedApiKey| {
        creating.set(false);
        revoked.set(false);
        created.set(Some(key));
        keys.refetch();
    });
    let on_revoked = Callback::new(move |_| {
        revoked.set(true);
        keys.refetch();
    });
    view! {
        <PageHeader title=Key::NavApiKeys subtitle=Key::KeysSubtitle>
            <Show when=move || !creating.get()>
                <button
                    type="button"
                    class="btn btn-primary"
                    on:click=move |_| {
                        created.set(None);
                        creating.set(true);
                    }
                >
                    <Icon icon=IconName::Plus />
                    <span>{tr(Key::NewKey)}</span>
                </button>
            </Show>
        </PageHeader>
        {move || created.get().map(|key| view! { <SecretOnce key=key created=created /> })}
        <Show when=move || revoked.get()>
            <SuccessNote>
                <p>{tr(Key::KeyRevoked)}</p>
            </SuccessNote>
        </Show>
        <Show when=move || creating.get()>
            <NewKeyForm on_created=on_created on_cancel=Callback::new(move |_| creating.set(false)) />
        </Show>
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match keys.await {
                    Ok(list) if list.is_empty() => view! { <NoKeys /> }.into_any(),
                    Ok(list) => {
                        view! {
                            <ul class="card list keys">
                                {list
                                    .into_iter()
                                    .map(|key| view! { <KeyRow key=key on_revoked=on_revoked /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| keys.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn NoKeys() -> impl IntoView {
    view! {
        <div class="card empty-state">
            <div class="empty-icon">
                <Icon icon=IconName::Key />
            </div>
            <p class="empty-title">{tr(Key::NoKeys)}</p>
            <p class="empty-text">{tr(Key::NoKeysHint)}</p>
        </div>
    }
}

/// The new key's secret, with a copy button and the warning that it is shown once.
#[component]
fn SecretOnce(key: CreatedApiKey, created: RwSignal<Option<CreatedApiKey>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = key.key.name.clone();
    view! {
        <section class="card secret-card" role="status">
            <h2 class="card-title">{move || i18n.t1(Key::KeyCreated, &name)}</h2>
            <div class="alert alert-warning">
                <Icon icon=IconName::Alert class="alert-icon" />
                <p>{tr(Key::SecretOnce)}</p>
            </div>
            <div class="secret-row">
                <code class="secret secret-key" data-testid="api-key-secret">{key.secret.clone()}</code>
                <CopyButton text=key.secret.clone() />
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| created.set(None)>
                    <Icon icon=IconName::Check />
                    <span>{tr(Key::SecretDone)}</span>
                </button>
            </div>
        </section>
    }
}

#[component]
fn NewKeyForm(on_created: Callback<CreatedApiKey>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    // A key may hold only what its creator holds, so only those are offered.
    let available: Vec<Permission> = session
        .with_me(|m| {
            Permission::ALL
                .iter()
                .copied()
                .filter(|p| m.permissions.contains(p))
                .collect()
        })
        .unwrap_or_default();
    let chosen = RwSignal::new(
        BTreeSet::from([Permission::Ingest])
            .into_iter()
            .filter(|p| available.contains(p))
            .collect::<BTreeSet<_>>(),
    );
    let all = available.clone();
    let select_all = move |_| chosen.set(all.iter().copied().collect());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if chosen.with_untracked(BTreeSet::is_empty) {
            form.field_error("scopes", Key::PickScope.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let request = CreateApiKey {
            name: name.get_untracked().trim().to_owned(),
            scopes: chosen.get_untracked().into_iter().collect(),
        };
        spawn_local(async move {
            if let Some(key) = form.finish(api::api_keys::create_api_key(&request).await) {
                on_created.run(key);
            }
        });
    };
    let scopes_error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field.starts_with("scopes")))
                .map(|e| e.message.clone())
        })
    };
    view! {
        <section class="card">
            <h2 class="card-title">{tr(Key::NewKey)}</h2>
            <form class="form" on:submit=on_submit novalidate>
                <ProblemAlert form=form fields=&["name", "scopes"] />
                <TextField label=Key::KeyName field="name" value=name form=form placeholder=Key::KeyNameHint autofocus=true />
                <fieldset class="field scopes">
                    <legend class="field-label">{tr(Key::Scopes)}</legend>
                    <p class="field-hint">{tr(Key::ScopesHint)}</p>
                    {permissions_by_group(&available)
                        .into_iter()
                        .map(|(group, members)| {
                            view! {
                                <p class="scope-group">{tr(group)}</p>
                                <div class="scope-grid">
                                    {members.into_iter().map(|p| view! { <ScopeOption permission=p chosen=chosen /> }).collect_view()}
                                </div>
                            }
                        })
                        .collect_view()}
                    <button type="button" class="btn btn-ghost btn-sm" on:click=select_all>
                        {tr(Key::SelectAll)}
                    </button>
                    {move || scopes_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </fieldset>
                <div class="form-actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| on_cancel.run(())>
                        {tr(Key::Cancel)}
                    </button>
                    <SubmitButton label=Key::CreateKey form=form class="btn btn-primary" />
                </div>
            </form>
        </section>
    }
}

/// One scope checkbox with its plain name and its code.
#[component]
fn ScopeOption(permission: Permission, chosen: RwSignal<BTreeSet<Permission>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="scope">
            <input
                type="checkbox"
                class="check"
                prop:checked=move || chosen.with(|c| c.contains(&permission))
                on:change=move |_| {
                    chosen
                        .update(|c| {
                            if !c.remove(&permission) {
                                c.insert(permission);
                            }
                        })
                }
            />
            <span class="scope-text">
                <span>{move || permission_label(permission, i18n.lang())}</span>
                <code class="scope-code">{permission.as_str()}</code>
            </span>
        </label>
    }
}

/// One key: name, prefix, scopes, dates, and revoke with an inline confirmation.
#[component]
fn KeyRow(key: ApiKey, on_revoked: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let form = FormState::new();
    let id = key.id;
    let revoke = move |_| {
        if !form.start() {
            return;
        }
        spawn_local(async move {
            if form.finish(api::api_keys::revoke_api_key(id).await).is_some() {
                on_revoked.run(());
            }
        });
    };
    let name = key.name.clone();
    let created_at = key.created_at;
    let last_used = key.last_used_at;
    let scopes = key.scopes.clone();
    view! {
        <li class="key-row">
            <div class="key-main">
                <p class="key-name">{key.name.clone()}</p>
                <code class="key-prefix">{format!("{}…", key.prefix)}</code>
            </div>
            <ul class="chips">
                {scopes.into_iter().map(|s| view! { <li class="chip" title=move || permission_label(s, i18n.lang())>{s.as_str()}</li> }).collect_view()}
            </ul>
            <dl class="key-dates">
                <div>
                    <dt>{tr(Key::Created)}</dt>
                    <dd>{move || format_date(created_at, i18n.lang())}</dd>
                </div>
                <div>
                    <dt>{tr(Key::LastUsed)}</dt>
                    <dd>{move || last_used.map_or_else(|| i18n.t(Key::Never).to_owned(), |t| format_datetime(t, i18n.lang()))}</dd>
                </div>
            </dl>
            <div class="key-actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn-danger-ghost btn-sm" on:click=move |_| confirming.set(true)>
                            <Icon icon=IconName::Trash />
                            <span>{tr(Key::Revoke)}</span>
                        </button>
                    }
                >
                    <div class="confirm" role="alertdialog">
                        <p>{let name = name.clone(); move || i18n.t1(Key::RevokeConfirm, &name)}</p>
                        <ProblemAlert form=form />
                        <div class="confirm-actions">
                            <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| confirming.set(false)>
                                {tr(Key::Cancel)}
                            </button>
                            <button type="button" class="btn btn-danger btn-sm" on:click=revoke disabled=move || form.busy.get()>
                                <Show when=move || form.busy.get()>
                                    <span class="spinner" aria-hidden="true"></span>
                                </Show>
                                {tr(Key::Revoke)}
                            </button>
                        </div>
                    </div>
                </Show>
            </div>
        </li>
    }
}
