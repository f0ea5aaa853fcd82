//! Any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::logo::LogoMark;
use crate::i18n::{Key, use_i18n};

/// The fallback route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="splash">
            <div class="card empty-state">
                <LogoMark size=48 />
                <h1 class="empty-title">{move || i18n.t(Key::NotFoundTitle)}</h1>
                <p class="empty-text">{move || i18n.t(Key::NotFoundBody)}</p>
                <A href="/" attr:class="btn btn-primary">
                    {move || i18n.t(Key::GoHome)}
                </A>
            </div>
        </div>
    }
}
