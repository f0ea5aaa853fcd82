//! The sheet that creates or changes a webhook subscription.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::webhooks::{CreateWebhook, UpdateWebhook, Webhook, WebhookEvent};

use super::errors_under;
use crate::api;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, event_key, tr, use_i18n};

const PLACED: &[&str] = &["url", "description", "events"];

/// Creates a subscription (`hook` is `None`) or changes `hook`. `on_saved` gets the answer and
/// whether it is new (its secret is then shown in full, once).
#[component]
pub fn WebhookEditor(
    hook: Option<Webhook>,
    on_saved: Callback<(Webhook, bool)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::new();
    let editing = hook.as_ref().map(|h| h.id);
    let url = RwSignal::new(hook.as_ref().map(|h| h.url.clone()).unwrap_or_default());
    let description = RwSignal::new(hook.as_ref().and_then(|h| h.description.clone()).unwrap_or_default());
    let events = RwSignal::new(
        hook.as_ref()
            .map(|h| h.events.iter().copied().collect::<BTreeSet<_>>())
            .unwrap_or_else(|| BTreeSet::from([WebhookEvent::LeadCreated])),
    );
    let active = RwSignal::new(hook.as_ref().is_none_or(|h| h.active));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if events.with_untracked(BTreeSet::is_empty) {
            state.field_error("events", Key::PickEvent.text(i18n.lang()));
            return;
        }
        if !state.start() {
            return;
        }
        let url = url.get_untracked().trim().to_owned();
        let description = Some(description.get_untracked().trim().to_owned()).filter(|d| !d.is_empty());
        let chosen: Vec<WebhookEvent> = events.get_untracked().into_iter().collect();
        let active = active.get_untracked();
        spawn_local(async move {
            let result = match editing {
                Some(id) => {
                    let request = UpdateWebhook {
                        url: Some(url),
                        events: Some(chosen),
                        active: Some(active),
                        description: Some(description),
                    };
                    api::webhooks::update_webhook(id, &request).await.map(|h| (h, false))
                }
                None => {
                    let request = CreateWebhook {
                        url,
                        events: chosen,
                        active: Some(active),
                        description,
                    };
                    api::webhooks::create_webhook(&request).await.map(|h| (h, true))
                }
            };
            if let Some(saved) = state.finish(result) {
                on_saved.run(saved);
            }
        });
    };
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let events_error = move || errors_under(state, "events".to_owned()).into_iter().next();
    let title = if editing.is_some() {
        Key::EditWebhook
    } else {
        Key::NewWebhook
    };
    let submit = if editing.is_some() {
        Key::Save
    } else {
        Key::CreateWebhook
    };
    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())>
            <div class="sheet" role="dialog" aria-modal="true" aria-labelledby=labelled_by
                on:click=|ev| ev.stop_propagation()>
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{tr(title)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| on_close.run(())>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <ProblemAlert form=state fields=PLACED />
                    <TextField label=Key::WebhookUrl field="url" value=url form=state input_type="url" inputmode="url"
                        hint=Key::WebhookUrlHint autofocus=true />
                    <TextField label=Key::Description field="description" value=description form=state
                        required=false optional_mark=true />
                    <fieldset class="field" class:has-error=move || events_error().is_some()>
                        <legend class="field-label">{tr(Key::Events)}</legend>
                        <p class="field-hint">{tr(Key::EventsHint)}</p>
                        <div class="scope-grid scope-grid-2">
                            {WebhookEvent::ALL.iter().copied().map(|event| view! {
                                <label class="scope">
                                    <input type="checkbox" class="check" name="events" value=event.as_str()
                                        prop:checked=move || events.with(|e| e.contains(&event))
                                        on:change=move |_| events.update(|e| if !e.remove(&event) { e.insert(event); }) />
                                    <span class="scope-text">
                                        <span>{tr(event_key(event))}</span>
                                        <code class="scope-code">{event.as_str()}</code>
                                    </span>
                                </label>
                            }).collect_view()}
                        </div>
                        {move || events_error().map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                    <label class="check-row">
                        <input type="checkbox" class="check" name="active" bind:checked=active />
                        <span>{tr(Key::FormActive)}</span>
                        <span class="field-hint">{tr(Key::WebhookActiveHint)}</span>
                    </label>
                    <div class="form-actions">
                        <button type="button" class="btn btn-ghost" on:click=move |_| on_close.run(())>{tr(Key::Cancel)}</button>
                        <SubmitButton label=submit form=state class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
