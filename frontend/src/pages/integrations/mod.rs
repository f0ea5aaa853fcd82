//! The settings integrators use: web forms with their embed snippet, and webhooks with their
//! delivery log.

pub mod deliveries;
pub mod form_editor;
pub mod form_fields;
pub mod forms;
pub mod webhook_editor;
pub mod webhooks;

use leptos::prelude::*;

use crate::components::form::FormState;
use crate::i18n::{field_error_message, use_i18n};

/// The message the server gave for exactly `field` (e.g. `url`), in the interface language.
pub(crate) fn error_for(form: FormState, field: &'static str) -> impl Fn() -> Option<String> + Copy + 'static {
    let i18n = use_i18n();
    move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == field))
                .map(|e| field_error_message(e, i18n.lang()))
        })
    }
}

/// Every message the server gave for `prefix` or a part of it (`fields[2]`, `fields[2].key` …).
pub(crate) fn errors_under(form: FormState, prefix: String) -> Vec<String> {
    let i18n = use_i18n();
    let dotted = format!("{prefix}.");
    let indexed = format!("{prefix}[");
    form.problem.with(|p| {
        p.as_ref()
            .map(|p| {
                p.errors
                    .iter()
                    .filter(|e| e.field == prefix || e.field.starts_with(&dotted) || e.field.starts_with(&indexed))
                    .map(|e| field_error_message(e, i18n.lang()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Non-empty trimmed lines (or comma-separated parts) of a text box.
pub(crate) fn split_list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
