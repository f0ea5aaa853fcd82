//! Pieces every page uses: its header, loading and error states, the no-access card.

use leptos::prelude::*;
use voronka_types::Problem;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, problem_message, use_i18n};

/// The page title with an optional subtitle and actions on the right.
#[component]
pub fn PageHeader(
    title: Key,
    #[prop(optional)] subtitle: Option<Key>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <div class="page-heading">
                <h1 class="page-title">{move || i18n.t(title)}</h1>
                {subtitle.map(|s| view! { <p class="page-subtitle">{move || i18n.t(s)}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
        </header>
    }
}

/// Skeleton rows shown while a list loads.
#[component]
pub fn LoadingRows(#[prop(default = 3)] rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading-rows" aria-busy="true" aria-label=move || i18n.t(Key::Loading)>
            {(0..rows).map(|_| view! { <div class="skeleton"></div> }).collect_view()}
        </div>
    }
}

/// A failed load, with its reason and a retry button.
#[component]
pub fn LoadError(problem: Problem, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || problem_message(&problem, i18n.lang());
    view! {
        <div class="card empty-state" role="alert">
            <div class="empty-icon empty-icon-danger">
                <Icon icon=IconName::Alert />
            </div>
            <p class="empty-title">{message}</p>
            <button type="button" class="btn btn-secondary" on:click=move |_| retry.run(())>
                {move || i18n.t(Key::TryAgain)}
            </button>
        </div>
    }
}

/// Shown instead of a page the user's permissions do not cover.
#[component]
pub fn NoAccess() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card empty-state">
            <div class="empty-icon">
                <Icon icon=IconName::Lock />
            </div>
            <p class="empty-title">{move || i18n.t(Key::NoAccess)}</p>
            <p class="empty-text">{move || i18n.t(Key::NoAccessHint)}</p>
        </div>
    }
}
