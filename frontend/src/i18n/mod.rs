//! Russian and English for every screen.
//!
//! The language follows `navigator.language` (ru* → Russian, anything else → English) until the
//! user picks one; the choice is remembered in `localStorage`. Strings live in [`keys`] as one
//! typed table with both languages side by side, so a missing translation is a compile error.

mod format;
mod integration_labels;
mod keys;
mod keys_contacts;
mod keys_dashboard;
mod keys_deals;
mod keys_insights;
mod keys_integrations;
mod keys_leads;
mod keys_reports;
mod keys_tasks;
mod labels;
mod lead_labels;

pub use format::{
    format_compact, format_count, format_date, format_datetime, format_day_month, format_elapsed, format_money,
    format_month_name, format_naive_date, format_number, format_percent, format_weekday, parse_local_input,
};
pub use integration_labels::{FIELD_KINDS, delivery_status_key, event_key, field_kind_key};
pub use keys::Key;
pub use labels::{field_error_message, permission_label, permissions_by_group, problem_message, role_label};
pub use lead_labels::{
    CALL_OUTCOMES, channel_label, handler_key, intent_key, lead_field_label, outcome_code, outcome_label,
    priority_label, source_label, temperature_key,
};

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

/// `localStorage` key that remembers the chosen language.
const LANG_STORAGE_KEY: &str = "voronka.lang";

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (column 0 of the string table).
    En = 0,
    /// Russian (column 1 of the string table).
    Ru = 1,
}

impl Lang {
    /// Both languages, in the order the switcher shows them.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 tag for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The short name the language switcher shows.
    pub fn short_name(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Ru => "RU",
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code.starts_with("ru") {
            Some(Lang::Ru)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The stored choice, else the browser's language (ru* → Russian, else English).
    fn initial() -> Lang {
        if let Some(lang) = LocalStorage::get::<String>(LANG_STORAGE_KEY)
            .ok()
            .and_then(|c| Lang::from_code(&c))
        {
            return lang;
        }
        let browser = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        if browser.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }
}

/// The interface language, shared through context. `Copy`, so closures can take it freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The current language (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current language, without subscribing to changes.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Switches the language, remembers it and updates `<html lang>`.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        let _ = LocalStorage::set(LANG_STORAGE_KEY, lang.code());
        set_document_lang(lang);
    }

    /// The text for `key` in the current language (reactive).
    pub fn t(&self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }

    /// The text for `key` with `{}` replaced by `arg` (reactive).
    pub fn t1(&self, key: Key, arg: &str) -> String {
        self.t(key).replacen("{}", arg, 1)
    }
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Puts the language into context; call once at the root of the app.
pub fn provide_i18n() -> I18n {
    let lang = Lang::initial();
    set_document_lang(lang);
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    provide_context(i18n);
    i18n
}

/// The language from context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The text for `key` as a view that follows the language: `{tr(Key::SignIn)}`.
///
/// One closure type for every string keeps the wasm small: a separate `move || i18n.t(…)`
/// closure per string would make the compiler copy the text-node code for each.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}
