//! Pieces every page uses: its header, loading and error states, the no-access card.

use leptos::prelude::*;
use voronka_types::Problem;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, problem_message, tr, use_i18n};

/// The page title with an optional subtitle and actions on the right.
#[component]
pub fn PageHeader(
    title: Key,
    #[prop(optional)] subtitle: Option<Key>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div class="page-heading">
                <h1 class="page-title">{tr(title)}</h1>
                {subtitle.map(|s| view! { <p class="page-subtitle">{tr(s)}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
        </header>
    }
}

/// Skeleton rows shown while a list loads.
#[component]
pub fn LoadingRows(#[prop(default = 3)] rows: usize) -> impl IntoView {
    view! {
        <div class="loading-rows" aria-busy="true" aria-label=tr(Key::Loading)>
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
                {tr(Key::TryAgain)}
            </button>
        </div>
    }
}

/// Shown instead of a page the user's permissions do not cover.
#[component]
pub fn NoAccess() -> impl IntoView {
    view! {
        <div class="card empty-state">
            <div class="empty-icon">
                <Icon icon=IconName::Lock />
            </div>
            <p class="empty-title">{tr(Key::NoAccess)}</p>
            <p class="empty-text">{tr(Key::NoAccessHint)}</p>
        </div>
    }
}
