//! Any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::logo::LogoMark;
use crate::i18n::{Key, tr};

/// The fallback route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="splash">
            <div class="card empty-state">
                <LogoMark size=48 />
                <h1 class="empty-title">{tr(Key::NotFoundTitle)}</h1>
                <p class="empty-text">{tr(Key::NotFoundBody)}</p>
                <A href="/" attr:class="btn btn-primary">
                    {tr(Key::GoHome)}
                </A>
            </div>
        </div>
    }
}
