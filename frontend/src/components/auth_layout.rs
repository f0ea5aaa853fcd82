//! The centred card around the sign-in, sign-up and password screens.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::components::lang_switch::LangSwitch;
use crate::components::logo::Logo;
use crate::i18n::{Key, tr};
use crate::session::use_session;

/// Where to go after signing in: the `next` query parameter when it is a path of this app.
pub fn next_path(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned())
}

/// Brand, language switcher and a card with a title. Signed-in users are sent on to `next`
/// (or home) unless `allow_signed_in` (the reset-password link works either way).
#[component]
pub fn AuthLayout(
    title: Key,
    #[prop(optional)] subtitle: Option<Key>,
    #[prop(optional)] allow_signed_in: bool,
    children: Children,
) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let signed_in = move || !allow_signed_in && session.is_signed_in();
    view! {
        {move || {
            signed_in()
                .then(|| {
                    let next = next_path(query.with_untracked(|q| q.get("next")));
                    view! { <Redirect path=next /> }
                })
        }}
        <div class="auth-page">
            <header class="auth-top">
                <Logo size=32 />
                <LangSwitch />
            </header>
            <main class="auth-main">
                <section class="auth-card">
                    <h1 class="auth-title">{tr(title)}</h1>
                    {subtitle.map(|s| view! { <p class="auth-subtitle">{tr(s)}</p> })}
                    {children()}
                </section>
            </main>
            <footer class="auth-foot">"© Voronka"</footer>
        </div>
    }
}
