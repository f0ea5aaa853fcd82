//! A webhook's delivery log: status, event, attempts, last response code, latency, time,
//! with a re-send. Refreshes itself while a delivery is still pending.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::webhooks::{DeliveryStatus, WebhookDelivery};
use voronka_types::{WebhookDeliveryId, WebhookId};

use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, delivery_status_key, format_datetime, tr, use_i18n};

/// How often the log looks again while something is pending.
const POLL: Duration = Duration::from_secs(2);

/// The log of `webhook`; a new `version` loads it again.
#[component]
pub fn DeliveryLog(webhook: WebhookId, version: u32) -> impl IntoView {
    let _ = version;
    let log = LocalResource::new(move || api::webhooks::list_deliveries(webhook, None));
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    let resend_form = FormState::new();
    let resend = Callback::new(move |delivery: WebhookDeliveryId| {
        if !resend_form.start() {
            return;
        }
        spawn_local(async move {
            if resend_form
                .finish(api::webhooks::resend_delivery(webhook, delivery).await)
                .is_some()
            {
                log.refetch();
            }
        });
    });
    view! {
        <section class="deliveries" aria-label=tr(Key::Deliveries)>
            <div class="deliveries-head">
                <h3 class="snippet-title">{tr(Key::Deliveries)}</h3>
                <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| log.refetch()>
                    <Icon icon=IconName::Clock />
                    <span>{tr(Key::Refresh)}</span>
                </button>
            </div>
            <ProblemAlert form=resend_form />
            <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                {move || Suspend::new(async move {
                    match log.await {
                        Ok(page) => {
                            if page.items.iter().any(|d| d.status == DeliveryStatus::Pending) {
                                set_timeout(move || if alive.get_value() { log.refetch() }, POLL);
                            }
                            if page.items.is_empty() {
                                return view! { <p class="muted">{tr(Key::NoDeliveries)}</p> }.into_any();
                            }
                            view! {
                                <ul class="delivery-list">
                                    {page.items.into_iter().map(|d| view! { <DeliveryRow delivery=d resend=resend /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(problem) => {
                            let retry = Callback::new(move |_| log.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn DeliveryRow(delivery: WebhookDelivery, resend: Callback<WebhookDeliveryId>) -> impl IntoView {
    let i18n = use_i18n();
    let id = delivery.id;
    let status = delivery.status;
    let at = delivery.last_attempt_at.unwrap_or(delivery.created_at);
    let code = delivery
        .last_response_code
        .map_or_else(|| "—".to_owned(), |c| c.to_string());
    let latency = delivery
        .last_latency_ms
        .map_or_else(|| "—".to_owned(), |ms| format!("{ms} ms"));
    view! {
        <li class="delivery" data-status=status.as_str()>
            <span class=format!("badge delivery-{}", status.as_str())>{tr(delivery_status_key(status))}</span>
            <code class="delivery-event">{delivery.event_type.clone()}</code>
            <dl class="delivery-facts">
                <div><dt>{tr(Key::Attempts)}</dt><dd>{delivery.attempts}</dd></div>
                <div><dt>{tr(Key::ResponseCode)}</dt><dd>{code}</dd></div>
                <div><dt>{tr(Key::Latency)}</dt><dd>{latency}</dd></div>
                <div><dt>{tr(Key::SentAt)}</dt><dd>{move || format_datetime(at, i18n.lang())}</dd></div>
            </dl>
            {delivery.last_error.clone().map(|e| view! { <p class="delivery-error">{e}</p> })}
            <button type="button" class="btn btn-ghost btn-sm delivery-resend" on:click=move |_| resend.run(id)>
                {tr(Key::Resend)}
            </button>
        </li>
    }
}
