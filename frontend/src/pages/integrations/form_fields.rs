//! The fields editor of a web form: add, remove and reorder fields; each names where its
//! answer lands on the lead, the label, the input kind, whether it is required, its choices.

use leptos::prelude::*;
use voronka_types::custom_fields::CustomField;
use voronka_types::forms::{FormField, FormFieldKind};

use super::{errors_under, split_list};
use crate::components::form::{FormState, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{FIELD_KINDS, Key, field_kind_key, tr, use_i18n};

/// Where a field's answer can land on the lead (besides `cf.<key>` custom fields).
const LEAD_KEYS: [(&str, Key); 5] = [
    ("name", Key::TargetName),
    ("phone", Key::Phone),
    ("email", Key::Email),
    ("city", Key::City),
    ("message", Key::Message),
];

/// One field while it is edited; every part is its own signal so typing re-renders nothing else.
#[derive(Debug, Clone, Copy)]
pub struct FieldDraft {
    uid: usize,
    key: RwSignal<String>,
    label: RwSignal<String>,
    kind: RwSignal<FormFieldKind>,
    required: RwSignal<bool>,
    options: RwSignal<String>,
}

impl FieldDraft {
    /// A draft of an existing field.
    pub fn from_field(field: &FormField) -> Self {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        Self {
            uid: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            key: RwSignal::new(field.key.clone()),
            label: RwSignal::new(field.label.clone()),
            kind: RwSignal::new(field.kind),
            required: RwSignal::new(field.required),
            options: RwSignal::new(field.options.join("\n")),
        }
    }

    /// The field as the API takes it.
    pub fn to_field(self) -> FormField {
        let kind = self.kind.get_untracked();
        FormField {
            key: self.key.get_untracked(),
            label: self.label.get_untracked().trim().to_owned(),
            kind,
            required: self.required.get_untracked(),
            options: if kind == FormFieldKind::Select {
                split_list(&self.options.get_untracked(), '\n')
            } else {
                Vec::new()
            },
        }
    }
}

/// The fields a new form starts with: name, phone and a message.
pub fn starter_fields(lang_name: &str, lang_phone: &str, lang_message: &str) -> Vec<FormField> {
    let field = |key: &str, label: &str, kind, required| FormField {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
        required,
        options: Vec::new(),
    };
    vec![
        field("name", lang_name, FormFieldKind::Text, false),
        field("phone", lang_phone, FormFieldKind::Phone, true),
        field("message", lang_message, FormFieldKind::Textarea, false),
    ]
}

/// The list of fields with add/remove/up/down.
#[component]
pub fn FieldsEditor(
    drafts: RwSignal<Vec<FieldDraft>>,
    custom: StoredValue<Vec<CustomField>>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        let blank = FormField {
            key: "city".to_owned(),
            label: String::new(),
            kind: FormFieldKind::Text,
            required: false,
            options: Vec::new(),
        };
        drafts.update(|d| d.push(FieldDraft::from_field(&blank)));
    };
    let own_error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == "fields"))
                .map(|e| crate::i18n::field_error_message(e, i18n.lang()))
        })
    };
    view! {
        <fieldset class="field fields-editor">
            <legend class="field-label">{tr(Key::FormFields)}</legend>
            <p class="field-hint">{tr(Key::FormFieldsHint)}</p>
            <ol class="field-drafts">
                <For each=move || drafts.get() key=|d| d.uid let:draft>
                    <FieldRow draft=draft drafts=drafts custom=custom form=form />
                </For>
            </ol>
            {move || own_error().map(|m| view! { <p class="field-error">{m}</p> })}
            <div>
                <button type="button" class="btn btn-secondary btn-sm" on:click=add>
                    <Icon icon=IconName::Plus />
                    <span>{tr(Key::AddField)}</span>
                </button>
            </div>
        </fieldset>
    }
}

#[component]
fn FieldRow(
    draft: FieldDraft,
    drafts: RwSignal<Vec<FieldDraft>>,
    custom: StoredValue<Vec<CustomField>>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let index = move || drafts.with(|d| d.iter().position(|x| x.uid == draft.uid).unwrap_or(0));
    let is_last = move || drafts.with(|d| d.last().is_some_and(|x| x.uid == draft.uid));
    let shift = move |by: isize| {
        drafts.update(|d| {
            let Some(at) = d.iter().position(|x| x.uid == draft.uid) else {
                return;
            };
            let to = at as isize + by;
            if to >= 0 && (to as usize) < d.len() {
                d.swap(at, to as usize);
            }
        })
    };
    let remove = move |_| drafts.update(|d| d.retain(|x| x.uid != draft.uid));
    let (key_id, label_id, kind_id, options_id) = (
        unique_id("fkey"),
        unique_id("flabel"),
        unique_id("fkind"),
        unique_id("fopts"),
    );
    let key_options = move || {
        let lang = i18n.lang();
        let mut options: Vec<(String, String)> = LEAD_KEYS
            .iter()
            .map(|(k, label)| ((*k).to_owned(), label.text(lang).to_owned()))
            .collect();
        custom.with_value(|c| {
            options.extend(c.iter().map(|f| (format!("cf.{}", f.key), f.label.clone())));
        });
        let current = draft.key.get_untracked();
        if !options.iter().any(|(k, _)| *k == current) {
            options.push((current.clone(), current));
        }
        options
    };
    let on_key = move |value: String| {
        // A sensible input and label for the well-known keys, unless the user set them.
        let kind = match value.as_str() {
            "phone" => Some(FormFieldKind::Phone),
            "email" => Some(FormFieldKind::Email),
            "message" => Some(FormFieldKind::Textarea),
            "name" | "city" => Some(FormFieldKind::Text),
            _ => None,
        };
        if let Some(kind) = kind {
            draft.kind.set(kind);
        }
        if draft.label.with_untracked(|l| l.trim().is_empty()) {
            let lang = i18n.lang();
            let label = LEAD_KEYS
                .iter()
                .find(|(k, _)| *k == value)
                .map(|(_, key)| key.text(lang).to_owned())
                .or_else(|| {
                    custom.with_value(|c| {
                        c.iter()
                            .find(|f| format!("cf.{}", f.key) == value)
                            .map(|f| f.label.clone())
                    })
                });
            if let Some(label) = label {
                draft.label.set(label);
            }
        }
        draft.key.set(value);
    };
    let errors = move || errors_under(form, format!("fields[{}]", index()));
    view! {
        <li class="field-draft" class:has-error=move || !errors().is_empty()>
            <div class="field-draft-head">
                <span class="field-draft-number">{move || i18n.t1(Key::FieldNumber, &(index() + 1).to_string())}</span>
                <div class="field-draft-tools">
                    <button type="button" class="icon-btn" aria-label=tr(Key::MoveUp) title=tr(Key::MoveUp)
                        disabled=move || index() == 0 on:click=move |_| shift(-1)>
                        <span aria-hidden="true">"↑"</span>
                    </button>
                    <button type="button" class="icon-btn" aria-label=tr(Key::MoveDown) title=tr(Key::MoveDown)
                        disabled=is_last on:click=move |_| shift(1)>
                        <span aria-hidden="true">"↓"</span>
                    </button>
                    <button type="button" class="icon-btn icon-btn-danger" aria-label=tr(Key::Remove) title=tr(Key::Remove)
                        on:click=remove>
                        <Icon icon=IconName::Trash />
                    </button>
                </div>
            </div>
            <div class="field-draft-grid">
                <div class="field">
                    <label class="field-label" for=key_id.clone()>{tr(Key::FieldKey)}</label>
                    <select id=key_id class="input select" name="field-key" on:change=move |ev| on_key(event_target_value(&ev))>
                        {move || key_options().into_iter().map(|(value, text)| {
                            let selected = draft.key.get_untracked() == value;
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for=label_id.clone()>{tr(Key::FieldLabel)}</label>
                    <input id=label_id class="input" name="field-label" bind:value=draft.label />
                </div>
                <div class="field">
                    <label class="field-label" for=kind_id.clone()>{tr(Key::FieldKind)}</label>
                    <select
                        id=kind_id
                        class="input select"
                        name="field-kind"
                        prop:value=move || draft.kind.get().as_str()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(kind) = FIELD_KINDS.iter().find(|k| k.as_str() == value) {
                                draft.kind.set(*kind);
                            }
                        }
                    >
                        {FIELD_KINDS.iter().map(|k| view! {
                            <option value=k.as_str() selected=draft.kind.get_untracked() == *k>{tr(field_kind_key(*k))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check-row">
                    <input type="checkbox" class="check" bind:checked=draft.required />
                    <span>{tr(Key::FieldRequiredMark)}</span>
                </label>
            </div>
            <Show when=move || draft.kind.get() == FormFieldKind::Select>
                <div class="field">
                    <label class="field-label" for=options_id.clone()>{tr(Key::FieldOptions)}</label>
                    <textarea id=options_id.clone() class="input textarea" rows="3" bind:value=draft.options></textarea>
                </div>
            </Show>
            {move || {
                let errors = errors();
                (!errors.is_empty()).then(|| view! {
                    <ul class="field-error">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                })
            }}
        </li>
    }
}
