//! Form building blocks that show API problems where they belong: next to the field the
//! server named, or as one readable alert.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use voronka_types::Problem;

use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, field_error_message, problem_message, tr, use_i18n};

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A unique element id for label/input pairs.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// The state every form keeps: whether it is sending, and the last problem.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// True while the form's request is under way.
    pub busy: RwSignal<bool>,
    /// The last problem the server (or a client-side check) reported.
    pub problem: RwSignal<Option<Problem>>,
}

impl FormState {
    /// An idle form without a problem.
    pub fn new() -> Self {
        Self {
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }

    /// Marks the form as sending and clears the last problem. False if it already is sending.
    pub fn start(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.problem.set(None);
        true
    }

    /// Ends sending and keeps the problem, if any.
    pub fn finish<T>(&self, result: Result<T, Problem>) -> Option<T> {
        self.busy.set(false);
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.problem.set(Some(problem));
                None
            }
        }
    }

    /// Shows a client-side check's failure on `field` as if the server had named it.
    pub fn field_error(&self, field: &str, message: &str) {
        self.problem.set(Some(Problem {
            problem_type: "about:blank".to_owned(),
            title: message.to_owned(),
            status: 422,
            code: "validation_failed".to_owned(),
            detail: None,
            errors: vec![voronka_types::FieldError::new(field, "client", message)],
            instance: None,
        }));
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// A labelled input bound to `value`; shows the error the server gave for `field`.
#[component]
pub fn TextField(
    /// The visible label.
    label: Key,
    /// The API's name for the field, to find its error (e.g. `email`).
    field: &'static str,
    value: RwSignal<String>,
    form: FormState,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] placeholder: Option<Key>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] optional_mark: bool,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = unique_id("field");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == field))
                .map(|e| field_error_message(e, i18n.lang()))
        })
    };
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id.clone() class="field-label">
                {tr(label)}
                {optional_mark
                    .then(|| {
                        view! { <span class="field-optional">{tr(Key::Optional)}</span> }
                    })}
            </label>
            <input
                id=id.clone()
                name=field
                class="input"
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                autofocus=autofocus
                maxlength=maxlength.map(|m| m.to_string())
                placeholder=move || placeholder.map(|k| i18n.t(k))
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described_by
                bind:value=value
            />
            {hint.map(|hint| view! { <p id=hint_id.clone() class="field-hint">{tr(hint)}</p> })}
            {move || error().map(|message| view! { <p id=error_id.clone() class="field-error">{message}</p> })}
        </div>
    }
}

/// The submit button, disabled and spinning while the form is sending.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<Key>,
    form: FormState,
    #[prop(default = "btn btn-primary btn-block")] class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class=class
            disabled=move || form.busy.get()
            aria-busy=move || form.busy.get().to_string()
        >
            <Show when=move || form.busy.get()>
                <span class="spinner" aria-hidden="true"></span>
            </Show>
            <span>{move || i18n.t(label.get())}</span>
        </button>
    }
}

/// The form's problem as a readable alert. Field errors shown by the form's own fields
/// (`fields`) are summed up; others are listed so nothing is lost.
#[component]
pub fn ProblemAlert(form: FormState, #[prop(default = &[])] fields: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        form.problem.with(|problem| {
            problem.as_ref().map(|problem| {
                let lang = i18n.lang();
                let placed = problem.errors.iter().any(|e| fields.contains(&e.field.as_str()));
                let unplaced: Vec<_> = problem
                    .errors
                    .iter()
                    .filter(|e| !fields.contains(&e.field.as_str()))
                    .collect();
                let (headline, unplaced) = if placed {
                    // The fields show their own errors; list only those that have no field here.
                    let rest = unplaced
                        .iter()
                        .map(|e| format!("{}: {}", e.field, field_error_message(e, lang)))
                        .collect();
                    (Key::ErrValidation.text(lang).to_owned(), rest)
                } else if let Some((first, rest)) = unplaced.split_first() {
                    // No field of this form is named (e.g. an expired reset `token`): say what is wrong.
                    let rest = rest.iter().map(|e| field_error_message(e, lang)).collect();
                    (field_error_message(first, lang), rest)
                } else {
                    (problem_message(problem, lang), Vec::new())
                };
                view! { <ProblemBox headline=headline details=unplaced /> }
            })
        })
    }
}

/// A red alert box with a headline and optional details.
#[component]
pub fn ProblemBox(headline: String, #[prop(optional)] details: Vec<String>) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <Icon icon=IconName::Alert class="alert-icon" />
            <div>
                <p class="alert-title">{headline}</p>
                {(!details.is_empty())
                    .then(|| {
                        view! {
                            <ul class="alert-list">
                                {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                            </ul>
                        }
                    })}
            </div>
        </div>
    }
}

/// A green confirmation line.
#[component]
pub fn SuccessNote(children: Children) -> impl IntoView {
    view! {
        <div class="alert alert-success" role="status">
            <Icon icon=IconName::Check class="alert-icon" />
            <div>{children()}</div>
        </div>
    }
}

/// A labelled `<select>` bound to `value`; shows the error the server gave for `field`.
/// `options` are `(value, label)` pairs, recomputed when the language changes.
#[component]
pub fn SelectField(
    label: Key,
    field: &'static str,
    value: RwSignal<String>,
    form: FormState,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = unique_id("field");
    let error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == field))
                .map(|e| field_error_message(e, i18n.lang()))
        })
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label for=id.clone() class="field-label">
                {tr(label)}
            </label>
            <select
                id=id.clone()
                name=field
                class="input select"
                disabled=disabled
                aria-invalid=move || error().is_some().to_string()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.get_untracked() == v;
                            view! {
                                <option value=v selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {move || error().map(|message| view! { <p class="field-error">{message}</p> })}
        </div>
    }
}
