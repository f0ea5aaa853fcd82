//! Voronka's PWA: a Leptos client-side app compiled to wasm32 and served by the API server.

mod api;
mod app;
mod components;
mod heartbeat;
mod i18n;
mod pages;
mod session;

use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    remove_boot_screen();
    leptos::mount::mount_to_body(app::App);
    register_service_worker();
}

/// Drops the static "loading" screen that `index.html` shows until the wasm is ready.
fn remove_boot_screen() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// Registers `sw.js`, which keeps the app shell for offline start. Failure only costs
/// offline support, so it is logged, not shown.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_sw = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has_sw {
        return;
    }
    let promise = navigator.service_worker().register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(err) = wasm_bindgen_futures::JsFuture::from(promise).await {
            let message = err
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "unknown error".to_owned());
            leptos::logging::warn!("service worker not registered: {message}");
        }
    });
}
