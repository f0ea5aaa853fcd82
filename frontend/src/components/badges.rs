//! Small labels: role and status badges, the initials avatar.

use leptos::prelude::*;
use voronka_types::Role;
use voronka_types::users::UserStatus;

use crate::i18n::{Key, role_label, tr, use_i18n};

/// A coloured badge naming a role.
#[component]
pub fn RoleBadge(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge badge-role badge-{}", role.as_str())>
            {move || role_label(role, i18n.lang())}
        </span>
    }
}

/// Active (green dot) or inactive (grey dot).
#[component]
pub fn StatusBadge(status: UserStatus) -> impl IntoView {
    let key = match status {
        UserStatus::Active => Key::StatusActive,
        UserStatus::Inactive => Key::StatusInactive,
    };
    view! {
        <span class=format!("badge badge-status badge-{}", status.as_str())>
            <span class="dot" aria-hidden="true"></span>
            {tr(key)}
        </span>
    }
}

/// Up to two initials of a name (words such as "&" have none).
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A round avatar with the person's initials, tinted by their name.
#[component]
pub fn Avatar(name: String, #[prop(optional)] large: bool) -> impl IntoView {
    let hue = name
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % 360;
    view! {
        <span
            class="avatar"
            class:avatar-lg=large
            style=format!("--avatar-hue:{hue}")
            aria-hidden="true"
        >
            {initials(&name)}
        </span>
    }
}
