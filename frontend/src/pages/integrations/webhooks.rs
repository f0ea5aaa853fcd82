//! `/settings/webhooks`: subscriptions, their secret (shown once), a test ping and the
//! delivery log.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::Permission;
use voronka_types::webhooks::Webhook;

use super::deliveries::DeliveryLog;
use super::webhook_editor::WebhookEditor;
use crate::api;
use crate::components::confirm::ConfirmAction;
use crate::components::copy::CopyButton;
use crate::components::form::{FormState, ProblemAlert, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, event_key, format_datetime, tr, use_i18n};
use crate::session::use_session;

/// `/settings/webhooks`.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.can(Permission::WebhooksManage) fallback=move || view! {
            <PageHeader title=Key::NavWebhooks />
            <NoAccess />
        }>
            <Webhooks />
        </Show>
    }
}

/// A secret to show once, and whether it came with a new subscription or a rotation.
#[derive(Debug, Clone)]
struct FreshSecret {
    hook: Webhook,
    rotated: bool,
}

#[component]
fn Webhooks() -> impl IntoView {
    let i18n = use_i18n();
    let hooks = LocalResource::new(api::webhooks::list_webhooks);
    let editing = RwSignal::new(None::<Option<Webhook>>);
    let fresh = RwSignal::new(None::<FreshSecret>);
    let notice = RwSignal::new(None::<Key>);
    let on_saved = Callback::new(move |(hook, created): (Webhook, bool)| {
        editing.set(None);
        if created {
            notice.set(None);
            fresh.set(Some(FreshSecret { hook, rotated: false }));
        } else {
            notice.set(Some(Key::WebhookSaved));
        }
        hooks.refetch();
    });
    let on_rotated = Callback::new(move |hook: Webhook| {
        notice.set(None);
        fresh.set(Some(FreshSecret { hook, rotated: true }));
    });
    let on_deleted = Callback::new(move |_| {
        notice.set(Some(Key::WebhookDeleted));
        hooks.refetch();
    });
    view! {
        <PageHeader title=Key::NavWebhooks subtitle=Key::WebhooksSubtitle>
            <button type="button" class="btn btn-primary" on:click=move |_| {
                fresh.set(None);
                editing.set(Some(None));
            }>
                <Icon icon=IconName::Plus />
                <span>{tr(Key::NewWebhook)}</span>
            </button>
        </PageHeader>
        {move || fresh.get().map(|f| view! { <SecretOnce fresh=f shown=fresh /> })}
        {move || notice.get().map(|k| view! { <SuccessNote><p>{move || i18n.t(k)}</p></SuccessNote> })}
        {move || editing.get().map(|hook| view! {
            <WebhookEditor hook=hook on_saved=on_saved on_close=Callback::new(move |_| editing.set(None)) />
        })}
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match hooks.await {
                    Ok(list) if list.is_empty() => view! { <NoWebhooks /> }.into_any(),
                    Ok(list) => view! {
                        <ul class="integ-list">
                            {list.into_iter().map(|hook| view! {
                                <WebhookRow hook=hook editing=editing on_rotated=on_rotated on_deleted=on_deleted />
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| hooks.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn NoWebhooks() -> impl IntoView {
    view! {
        <div class="card empty-state">
            <div class="empty-icon">
                <Icon icon=IconName::ArrowRight />
            </div>
            <p class="empty-title">{tr(Key::NoWebhooks)}</p>
            <p class="empty-text">{tr(Key::NoWebhooksHint)}</p>
        </div>
    }
}

/// The full signing secret right after creation or rotation, with a copy button.
#[component]
fn SecretOnce(fresh: FreshSecret, shown: RwSignal<Option<FreshSecret>>) -> impl IntoView {
    let i18n = use_i18n();
    let url = fresh.hook.url.clone();
    let title = if fresh.rotated {
        Key::SecretRotated
    } else {
        Key::WebhookCreated
    };
    let secret = fresh.hook.secret.clone();
    view! {
        <section class="card secret-card" role="status">
            <h2 class="card-title integ-wrap">{move || i18n.t1(title, &url)}</h2>
            <div class="alert alert-warning">
                <Icon icon=IconName::Alert class="alert-icon" />
                <p>{tr(Key::WebhookSecretOnce)}</p>
            </div>
            <div class="secret-row">
                <code class="secret secret-key" data-testid="webhook-secret">{secret.clone()}</code>
                <CopyButton text=secret />
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| shown.set(None)>
                    <Icon icon=IconName::Check />
                    <span>{tr(Key::SecretSaved)}</span>
                </button>
            </div>
        </section>
    }
}

/// One subscription: URL, events, state badges, and its actions and log.
#[component]
fn WebhookRow(
    hook: Webhook,
    editing: RwSignal<Option<Option<Webhook>>>,
    on_rotated: Callback<Webhook>,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = hook.id;
    let show_log = RwSignal::new(false);
    let log_version = RwSignal::new(0u32);
    let test_form = FormState::new();
    let tested = RwSignal::new(false);
    let (rotating, rotate_form) = (RwSignal::new(false), FormState::new());
    let (deleting, delete_form) = (RwSignal::new(false), FormState::new());
    let send_test = move |_| {
        if !test_form.start() {
            return;
        }
        spawn_local(async move {
            if test_form.finish(api::webhooks::test_webhook(id).await).is_some() {
                tested.set(true);
                show_log.set(true);
                log_version.update(|v| *v += 1);
            }
        });
    };
    let rotate = Callback::new(move |_| {
        if !rotate_form.start() {
            return;
        }
        spawn_local(async move {
            if let Some(hook) = rotate_form.finish(api::webhooks::rotate_webhook_secret(id).await) {
                rotating.set(false);
                on_rotated.run(hook);
            }
        });
    });
    let delete = Callback::new(move |_| {
        if !delete_form.start() {
            return;
        }
        spawn_local(async move {
            if delete_form.finish(api::webhooks::delete_webhook(id).await).is_some() {
                on_deleted.run(());
            }
        });
    });
    let url = hook.url.clone();
    let rotate_message = {
        let url = url.clone();
        Signal::derive(move || i18n.t1(Key::RotateConfirm, &url))
    };
    let delete_message = {
        let url = url.clone();
        Signal::derive(move || i18n.t1(Key::DeleteWebhookConfirm, &url))
    };
    let (state_class, state_key) = if hook.active {
        ("badge badge-success", Key::FormActive)
    } else {
        ("badge badge-muted", Key::FormInactive)
    };
    let failing = hook.failing_since;
    let reason = hook.disabled_reason.clone();
    let events = hook.events.clone();
    let edited = StoredValue::new(hook.clone());
    view! {
        <li class="card integ-row" data-webhook=id.to_string()>
            <div class="integ-head">
                <p class="integ-title integ-wrap">{url.clone()}</p>
                <span class=state_class>{tr(state_key)}</span>
                {failing.map(|at| view! {
                    <span class="badge badge-warn">{move || i18n.t1(Key::Failing, &format_datetime(at, i18n.lang()))}</span>
                })}
                {reason.map(|r| view! { <span class="badge badge-danger">{move || i18n.t1(Key::Disabled, &r)}</span> })}
            </div>
            {hook.description.clone().map(|d| view! { <p class="muted">{d}</p> })}
            <ul class="chips">
                {events.into_iter().map(|e| view! {
                    <li class="chip" title=move || i18n.t(event_key(e))>{e.as_str()}</li>
                }).collect_view()}
            </ul>
            <code class="key-prefix">{hook.secret.clone()}</code>
            <ProblemAlert form=test_form />
            <Show when=move || tested.get()>
                <SuccessNote><p>{tr(Key::TestQueued)}</p></SuccessNote>
            </Show>
            <div class="integ-actions">
                <button type="button" class="btn btn-secondary btn-sm" on:click=send_test disabled=move || test_form.busy.get()>
                    <Icon icon=IconName::ArrowRight />
                    <span>{tr(Key::SendTest)}</span>
                </button>
                <button type="button" class="btn btn-ghost btn-sm" aria-expanded=move || show_log.get().to_string()
                    on:click=move |_| show_log.update(|s| *s = !*s)>
                    <Icon icon=IconName::List />
                    <span>{move || i18n.t(if show_log.get() { Key::HideDeliveries } else { Key::Deliveries })}</span>
                </button>
                <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| editing.set(Some(Some(edited.get_value())))>
                    <Icon icon=IconName::Edit />
                    <span>{tr(Key::Edit)}</span>
                </button>
                <ConfirmAction label=Key::RotateSecret icon=IconName::Key message=rotate_message open=rotating
                    form=rotate_form on_confirm=rotate />
                <ConfirmAction label=Key::Delete icon=IconName::Trash message=delete_message open=deleting
                    form=delete_form on_confirm=delete danger=true />
            </div>
            <Show when=move || show_log.get()>
                {move || view! { <DeliveryLog webhook=id version=log_version.get() /> }}
            </Show>
        </li>
    }
}
