//! Picking a deal's contact: type part of a name, phone or e-mail, tap one of the matches.

use std::time::Duration;

use leptos::prelude::*;
use voronka_types::ContactId;
use voronka_types::contacts::Contact;

use crate::api;
use crate::api::contacts::ContactQuery;
use crate::components::form::unique_id;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};

/// Matches shown at a time.
const MATCHES: u32 = 6;

/// The chosen contact (`None`: no contact) as `(id, name)`.
#[component]
pub fn ContactPicker(chosen: RwSignal<Option<(ContactId, String)>>) -> impl IntoView {
    let input = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let id = unique_id("field");
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        input.set(text.clone());
        set_timeout(
            move || {
                if input.try_get_untracked().as_deref() == Some(text.as_str()) {
                    search.set(text.trim().to_owned());
                }
            },
            Duration::from_millis(300),
        );
    };
    let matches = LocalResource::new(move || {
        let q = search.get();
        async move {
            if q.is_empty() {
                return Vec::new();
            }
            let query = ContactQuery {
                q: Some(q),
                limit: Some(MATCHES),
                ..ContactQuery::default()
            };
            api::contacts::list_contacts(&query)
                .await
                .map(|p| p.items)
                .unwrap_or_default()
        }
    });
    let choose = move |contact: &Contact| {
        chosen.set(Some((contact.id, contact.name.clone())));
        input.set(String::new());
        search.set(String::new());
    };
    view! {
        <div class="field contact-picker">
            <label for=id.clone() class="field-label">
                {tr(Key::Contact)}
                <span class="field-optional">{tr(Key::Optional)}</span>
            </label>
            {move || match chosen.get() {
                Some((_, name)) => view! {
                    <div class="chosen-contact">
                        <span>{name}</span>
                        <button
                            type="button"
                            class="icon-btn"
                            aria-label=tr(Key::RemoveContact)
                            on:click=move |_| chosen.set(None)
                        >
                            <Icon icon=IconName::Close />
                        </button>
                    </div>
                }
                    .into_any(),
                None => view! {
                    <input
                        id=id.clone()
                        class="input"
                        type="search"
                        autocomplete="off"
                        placeholder=tr(Key::FindContact)
                        prop:value=input
                        on:input=on_input
                    />
                    <Transition>
                        {move || Suspend::new(async move {
                            let found = matches.await;
                            (!found.is_empty()).then(|| view! {
                                <ul class="contact-matches">
                                    {found
                                        .into_iter()
                                        .map(|c| {
                                            let sub = c.phones.first().map(|p| p.raw.clone()).or_else(|| c.emails.first().cloned());
                                            let name = c.name.clone();
                                            view! {
                                                <li>
                                                    <button type="button" class="contact-match" on:click=move |_| choose(&c)>
                                                        <span>{name}</span>
                                                        <span class="muted">{sub}</span>
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            })
                        })}
                    </Transition>
                }
                    .into_any(),
            }}
        </div>
    }
}
