//! The pieces of a list's filter bar: a debounced search box, labelled selects and dates.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};

/// A search field: `input` follows every keystroke, `search` takes the trimmed text once typing
/// pauses for 300 ms (so a list reloads once per pause, not per key).
#[component]
pub fn SearchBox(label: Key, input: RwSignal<String>, search: RwSignal<String>) -> impl IntoView {
    let on_search = move |ev| {
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
    view! {
        <label class="search">
            <Icon icon=IconName::Search class="search-icon" />
            <input
                type="search"
                class="input"
                placeholder=tr(label)
                aria-label=tr(label)
                prop:value=input
                on:input=on_search
            />
        </label>
    }
}

/// A labelled `<select>` bound to `value`, its options recomputed when the language changes.
/// Takes its options as a `Signal`, so every use shares one copy of this code.
pub fn select(
    label: Key,
    name: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
) -> AnyView {
    view! {
        <label class="filter">
            <span class="filter-label">{tr(label)}</span>
            <select class="input select" name=name prop:value=value on:change=move |ev| value.set(event_target_value(&ev))>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.get_untracked() == v;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
    .into_any()
}

/// A labelled date input bound to `value`.
pub fn date(label: Key, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="filter">
            <span class="filter-label">{tr(label)}</span>
            <input type="date" class="input" prop:value=value on:change=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}
