//! `/more`: on phones, every destination the bottom bar has no room for, as big links.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::{Icon, IconName};
use crate::components::page::PageHeader;
use crate::components::shell::{NAV, nav_visible};
use crate::i18n::{Key, tr};
use crate::session::use_session;

/// The rest of the main navigation (the desktop side bar shows it all already).
#[component]
pub fn MorePage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageHeader title=Key::NavMore />
        <nav class="card more-list" aria-label=tr(Key::NavMore)>
            {move || {
                NAV.iter()
                    .filter(|item| !item.on_phone && nav_visible(session, item))
                    .map(|item| {
                        view! {
                            <A href=item.path attr:class="more-link">
                                <Icon icon=item.icon class="nav-icon" />
                                <span class="more-label">{tr(item.label)}</span>
                                <Icon icon=IconName::ArrowRight class="quick-arrow" />
                            </A>
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
