//! A button that copies a text to the clipboard and says so.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, use_i18n};

/// Copies `text`; shows "Copied" for two seconds. Where the clipboard is refused the text
/// beside it stays selectable with one click (`user-select: all`).
#[component]
pub fn CopyButton(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let on_click = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&text);
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.set(true);
                set_timeout(move || copied.set(false), Duration::from_secs(2));
            }
        });
    };
    view! {
        <button type="button" class="btn btn-secondary btn-sm copy-btn" on:click=on_click>
            {move || {
                let icon = if copied.get() { IconName::Check } else { IconName::Copy };
                view! { <Icon icon=icon /> }
            }}
            <span>{move || i18n.t(if copied.get() { Key::Copied } else { Key::Copy })}</span>
        </button>
    }
}
