//! `/logout`: signs out (server and device) and shows the sign-in screen. Useful as a link.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::shell::Splash;
use crate::session::use_session;

/// Signs out, then replaces itself with `/login`.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    spawn_local(async move {
        session.sign_out().await;
        navigate(
            "/login",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    view! { <Splash /> }
}
