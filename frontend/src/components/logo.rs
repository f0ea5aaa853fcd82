//! The Voronka mark: a sales funnel of three narrowing bars.

use leptos::prelude::*;

use crate::components::form::unique_id;

/// The funnel mark alone, `size` pixels square.
#[component]
pub fn LogoMark(#[prop(default = 32)] size: u32) -> impl IntoView {
    // Each copy needs its own gradient id: a hidden copy (the side bar on a phone) would
    // otherwise take the shared gradient with it.
    let gradient = unique_id("vk-grad");
    // Drawn through `inner_html`: the view macro wraps SVG children such as `<stop>` in `<g>`
    // elements, which a gradient does not accept.
    let drawing = format!(
        r##"<defs><linearGradient id="{gradient}" x1="0" y1="0" x2="32" y2="32" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#6d5efc"/><stop offset="1" stop-color="#4338ca"/></linearGradient></defs><rect width="32" height="32" rx="8" fill="url(#{gradient})"/><rect x="6" y="8" width="20" height="4" rx="2" fill="#fff"/><rect x="9.5" y="14" width="13" height="4" rx="2" fill="#fff" fill-opacity=".85"/><rect x="13" y="20" width="6" height="4" rx="2" fill="#fff" fill-opacity=".7"/>"##
    );
    view! { <svg class="logo-mark" width=size height=size viewBox="0 0 32 32" aria-hidden="true" inner_html=drawing></svg> }
}

/// The mark with the word "Voronka".
#[component]
pub fn Logo(#[prop(default = 32)] size: u32) -> impl IntoView {
    view! {
        <span class="logo">
            <LogoMark size=size />
            <span class="logo-word">"Voronka"</span>
        </span>
    }
}
