//! Values editable in place: a value shows as text; tapping it opens an input (Enter saves,
//! Escape cancels); selects save as soon as they change. Each field shows the server's problem
//! for it right under it. What a value becomes is the caller's: `save` turns the typed text
//! into a request sent with the given [`FormState`], or names what is wrong with it.

use leptos::prelude::*;

use crate::components::form::{FormState, unique_id};
use crate::i18n::{Key, field_error_message, problem_message, tr, use_i18n};

/// Starts saving a typed or picked value with the form, or names what is wrong with it.
pub type Save = Callback<(String, FormState), Result<(), Key>>;

/// The field's error (the server's, or a client-side check's), in the interface language.
pub fn error_of(form: FormState, field: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        form.problem.with(|p| {
            p.as_ref().map(|p| match p.errors.iter().find(|e| e.field == field) {
                Some(e) => field_error_message(e, i18n.lang()),
                None => match p.errors.first() {
                    Some(e) => format!("{}: {}", e.field, field_error_message(e, i18n.lang())),
                    None => problem_message(p, i18n.lang()),
                },
            })
        })
    })
}

/// A text value that turns into an input when tapped.
#[component]
pub fn InlineText(
    label: Key,
    /// The API's name for the field, to find its error.
    field: &'static str,
    #[prop(into)] value: Signal<String>,
    save: Save,
    /// Shows the value without letting it open for editing.
    #[prop(into)]
    read_only: Signal<bool>,
    #[prop(optional)] form: Option<FormState>,
    /// What to show instead of the raw value (e.g. formatted money).
    #[prop(optional, into)]
    display: Option<Signal<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The input's type (`date`, say); text when absent.
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// Shown as the page heading.
    #[prop(optional)]
    heading: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = form.unwrap_or_default();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let id = unique_id("inline");
    let error = error_of(form, field);
    // Close the input once a save went through.
    Effect::new(move |_| {
        if !form.busy.get() && pending.get_untracked() {
            pending.set(false);
            if form.problem.with_untracked(Option::is_none) {
                editing.set(false);
            }
        }
    });
    let submit = move || match save.run((draft.get_untracked(), form)) {
        Ok(()) => pending.set(true),
        Err(key) => form.field_error(field, key.text(i18n.lang())),
    };
    let start = move |_| {
        draft.set(value.get_untracked());
        form.problem.set(None);
        editing.set(true);
    };
    let shown = move || {
        let text = display.map_or_else(|| value.get(), |d| d.get());
        if text.is_empty() { None } else { Some(text) }
    };
    let label_text = move || i18n.t(label);
    view! {
        <div class="inline-field" class:inline-heading=heading class:has-error=move || error.with(Option::is_some)>
            <span class="inline-label" id=format!("{id}-label") class:sr-only=heading>{label_text}</span>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="inline-value"
                            name=field
                            aria-label=move || format!("{}: {}", i18n.t1(Key::EditField, i18n.t(label)), shown().unwrap_or_default())
                            disabled=move || read_only.get()
                            on:click=start
                        >
                            {move || match shown() {
                                Some(text) => view! { <span>{text}</span> }.into_any(),
                                None => view! { <span class="muted">{tr(Key::NotSet)}</span> }.into_any(),
                            }}
                        </button>
                    }
                }
            >
                <form
                    class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit();
                    }
                >
                    <input
                        class="input"
                        name=field
                        type=input_type.unwrap_or("text")
                        aria-labelledby=format!("{id}-label")
                        inputmode=inputmode
                        autofocus=true
                        prop:value=draft
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                ev.stop_propagation();
                                form.problem.set(None);
                                editing.set(false);
                            }
                        }
                    />
                    <button type="submit" class="btn btn-primary btn-sm" disabled=move || form.busy.get()>
                        {tr(Key::Save)}
                    </button>
                    <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| editing.set(false)>
                        {tr(Key::Cancel)}
                    </button>
                </form>
            </Show>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}

/// A labelled select that saves as soon as it changes.
#[component]
pub fn InlineSelect(
    label: Key,
    field: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    save: Save,
    #[prop(into)] read_only: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let id = unique_id("field");
    let error = error_of(form, field);
    view! {
        <div class="inline-field" class:has-error=move || error.with(Option::is_some)>
            <label class="inline-label" for=id.clone()>{tr(label)}</label>
            <select
                id=id
                name=field
                class="input select"
                disabled=move || form.busy.get() || read_only.get()
                prop:value=value
                on:change=move |ev| {
                    if let Err(key) = save.run((event_target_value(&ev), form)) {
                        form.field_error(field, key.text(i18n.lang()));
                    }
                }
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
}
