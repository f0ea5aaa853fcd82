//! The home screen's row of account facts: team size, API keys, two-factor.

use leptos::prelude::*;
use leptos_router::components::A;
use voronka_types::Permission;

use crate::api;
use crate::api::users::UserFilter;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};
use crate::session::use_session;

/// Up to three small cards; each shows only what the user may see, and a dash while loading
/// or when the count could not be read (the page it links to explains why).
#[component]
pub fn HomeStats() -> impl IntoView {
    let session = use_session();
    let can_see_team = session.can(Permission::UsersRead);
    let can_see_keys = session.can(Permission::ApiKeysManage);
    let team = LocalResource::new(move || async move {
        if !can_see_team {
            return None;
        }
        let filter = UserFilter {
            limit: Some(1),
            ..UserFilter::default()
        };
        api::users::list_users(&filter).await.ok().map(|page| page.total)
    });
    let keys = LocalResource::new(move || async move {
        if !can_see_keys {
            return None;
        }
        api::api_keys::list_api_keys().await.ok().map(|keys| keys.len() as u64)
    });
    let totp_on = move || session.with_me(|m| m.user.totp_enabled).unwrap_or(false);
    let count = |value: Option<Option<u64>>| value.flatten().map_or_else(|| "—".to_owned(), |n| n.to_string());
    view! {
        <section class="stats">
            {can_see_team
                .then(|| {
                    view! {
                        <A href="/team" attr:class="stat">
                            <span class="stat-icon"><Icon icon=IconName::Users /></span>
                            <span class="stat-value">{move || count(team.get())}</span>
                            <span class="stat-label">{tr(Key::StatPeople)}</span>
                        </A>
                    }
                })}
            {can_see_keys
                .then(|| {
                    view! {
                        <A href="/api-keys" attr:class="stat">
                            <span class="stat-icon"><Icon icon=IconName::Key /></span>
                            <span class="stat-value">{move || count(keys.get())}</span>
                            <span class="stat-label">{tr(Key::StatKeys)}</span>
                        </A>
                    }
                })}
            <A href="/profile" attr:class="stat">
                <span class="stat-icon" class:stat-icon-ok=totp_on><Icon icon=IconName::Lock /></span>
                <span class="stat-value">{move || tr(if totp_on() { Key::StatOn } else { Key::StatOff })()}</span>
                <span class="stat-label">{tr(Key::StatTwoFactor)}</span>
            </A>
        </section>
    }
}
