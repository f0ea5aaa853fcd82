//! The RU / EN switcher.

use leptos::prelude::*;

use crate::i18n::{Key, Lang, tr, use_i18n};

/// A two-button segmented control that switches the interface language.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="lang-switch" role="group" aria-label=tr(Key::Language)>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            class="lang-option"
                            lang=lang.code()
                            aria-pressed=move || (i18n.lang() == lang).to_string()
                            on:click=move |_| i18n.set_lang(lang)
                        >
                            {lang.short_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
