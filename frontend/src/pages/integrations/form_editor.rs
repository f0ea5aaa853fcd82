//! The sheet that creates or changes a web form.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::forms::{CreateForm, Form, OwnerRule, UpdateForm};
use voronka_types::{PipelineId, StageId, UserId};

use super::error_for;
use super::form_fields::{FieldDraft, FieldsEditor, starter_fields};
use super::forms::Lookups;
use super::split_list;
use crate::api;
use crate::components::form::{FormState, ProblemAlert, SelectField, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr, use_i18n};

/// Fields this sheet shows errors for itself; anything else is listed in the alert.
const PLACED: &[&str] = &[
    "name",
    "pipeline_id",
    "stage_id",
    "owner_rule",
    "tags",
    "allowed_origins",
    "success_message",
    "redirect_url",
];

/// Creates a form (`form` is `None`) or changes `form`.
#[component]
pub fn FormEditor(
    form: Option<Form>,
    lookups: StoredValue<Lookups>,
    on_saved: Callback<Form>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::new();
    let editing = form.as_ref().map(|f| f.id);
    let lang = i18n.lang();
    let fields = form.as_ref().map(|f| f.fields.clone()).unwrap_or_else(|| {
        starter_fields(
            Key::TargetName.text(lang),
            Key::Phone.text(lang),
            Key::Message.text(lang),
        )
    });
    let drafts = RwSignal::new(fields.iter().map(FieldDraft::from_field).collect::<Vec<_>>());
    let custom = StoredValue::new(lookups.with_value(|l| l.custom_fields.clone()));
    let default_pipeline = lookups.with_value(|l| {
        l.pipelines
            .iter()
            .find(|p| p.is_default)
            .or_else(|| l.pipelines.first())
            .map(|p| p.id.to_string())
            .unwrap_or_default()
    });
    let name = RwSignal::new(form.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let pipeline = RwSignal::new(form.as_ref().map_or(default_pipeline, |f| f.pipeline_id.to_string()));
    let stage = RwSignal::new(form.as_ref().map(|f| f.stage_id.to_string()).unwrap_or_default());
    let (mode, fixed, turns) = match form.as_ref().map(|f| &f.owner_rule) {
        Some(OwnerRule::User { user_id }) => ("user", user_id.to_string(), BTreeSet::new()),
        Some(OwnerRule::RoundRobin { user_ids }) => ("round_robin", String::new(), user_ids.iter().copied().collect()),
        _ => ("none", String::new(), BTreeSet::new()),
    };
    let owner_mode = RwSignal::new(mode.to_owned());
    let first_user = lookups.with_value(|l| l.users.first().map(|u| u.id.to_string()).unwrap_or_default());
    let fixed_user = RwSignal::new(if fixed.is_empty() { first_user } else { fixed });
    let turns = RwSignal::new(turns);
    let tags = RwSignal::new(form.as_ref().map(|f| f.tags.join(", ")).unwrap_or_default());
    let origins = RwSignal::new(form.as_ref().map(|f| f.allowed_origins.join("\n")).unwrap_or_default());
    let success = RwSignal::new(form.as_ref().map(|f| f.success_message.clone()).unwrap_or_default());
    let redirect = RwSignal::new(form.as_ref().and_then(|f| f.redirect_url.clone()).unwrap_or_default());
    let active = RwSignal::new(form.as_ref().is_none_or(|f| f.active));

    let pipelines = Signal::derive(move || {
        lookups.with_value(|l| {
            l.pipelines
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let stages = Signal::derive(move || {
        let pipeline = pipeline.get();
        lookups.with_value(|l| {
            l.pipelines
                .iter()
                .find(|p| p.id.to_string() == pipeline)
                .map(|p| {
                    p.stages
                        .iter()
                        .map(|s| (s.id.to_string(), s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // A stage always belongs to the chosen pipeline: a new pipeline starts at its first stage.
    Effect::new(move |_| {
        let stages = stages.get();
        if !stages.iter().any(|(id, _)| *id == stage.get_untracked()) {
            stage.set(stages.first().map(|(id, _)| id.clone()).unwrap_or_default());
        }
    });
    let users = Signal::derive(move || {
        lookups.with_value(|l| {
            l.users
                .iter()
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    });

    let owner_rule = move || match owner_mode.get_untracked().as_str() {
        "user" => fixed_user
            .get_untracked()
            .parse::<UserId>()
            .map_or(OwnerRule::None, |user_id| OwnerRule::User { user_id }),
        "round_robin" => OwnerRule::RoundRobin {
            user_ids: turns.get_untracked().into_iter().collect(),
        },
        _ => OwnerRule::None,
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !state.start() {
            return;
        }
        let fields = drafts
            .get_untracked()
            .into_iter()
            .map(FieldDraft::to_field)
            .collect::<Vec<_>>();
        let pipeline_id = pipeline.get_untracked().parse::<PipelineId>().ok();
        let stage_id = stage.get_untracked().parse::<StageId>().ok();
        let redirect_url = Some(redirect.get_untracked().trim().to_owned()).filter(|r| !r.is_empty());
        let success_message = Some(success.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let tags = split_list(&tags.get_untracked(), ',');
        let allowed_origins = split_list(&origins.get_untracked(), '\n');
        let name = name.get_untracked().trim().to_owned();
        let rule = owner_rule();
        let active = active.get_untracked();
        spawn_local(async move {
            let result = match editing {
                Some(id) => {
                    let request = UpdateForm {
                        name: Some(name),
                        fields: Some(fields),
                        pipeline_id,
                        stage_id,
                        owner_rule: Some(rule),
                        tags: Some(tags),
                        allowed_origins: Some(allowed_origins),
                        active: Some(active),
                        success_message,
                        redirect_url: Some(redirect_url),
                        ..UpdateForm::default()
                    };
                    api::forms::update_form(id, &request).await
                }
                None => {
                    let request = CreateForm {
                        name,
                        fields,
                        pipeline_id,
                        stage_id,
                        owner_rule: Some(rule),
                        tags,
                        allowed_origins,
                        active: Some(active),
                        success_message,
                        redirect_url,
                        ..CreateForm::default()
                    };
                    api::forms::create_form(&request).await
                }
            };
            if let Some(saved) = state.finish(result) {
                on_saved.run(saved);
            }
        });
    };
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    on_cleanup(move || escape.remove());
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let (origins_id, owner_id) = (unique_id("field"), unique_id("owner"));
    let owner_error = error_for(state, "owner_rule");
    let origins_error = move || {
        super::errors_under(state, "allowed_origins".to_owned())
            .into_iter()
            .next()
    };
    let title = if editing.is_some() { Key::EditForm } else { Key::NewForm };
    let submit = if editing.is_some() { Key::Save } else { Key::CreateForm };
    let owner_option = move |value: &'static str, label: Key| {
        view! {
            <label class="check-row">
                <input type="radio" class="check" name=owner_id.clone() value=value
                    prop:checked=move || owner_mode.get() == value
                    on:change=move |_| owner_mode.set(value.to_owned()) />
                <span>{tr(label)}</span>
            </label>
        }
    };
    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())>
            <div class="sheet sheet-wide" role="dialog" aria-modal="true" aria-labelledby=labelled_by
                on:click=|ev| ev.stop_propagation()>
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{tr(title)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| on_close.run(())>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <ProblemAlert form=state fields=PLACED />
                    <TextField label=Key::FormName field="name" value=name form=state hint=Key::FormNameHint autofocus=true />
                    <FieldsEditor drafts=drafts custom=custom form=state />
                    <div class="form-grid form-grid-2">
                        <SelectField label=Key::Pipeline field="pipeline_id" value=pipeline form=state options=pipelines />
                        <SelectField label=Key::Stage field="stage_id" value=stage form=state options=stages />
                    </div>
                    <fieldset class="field">
                        <legend class="field-label">{tr(Key::OwnerRuleTitle)}</legend>
                        {owner_option("none", Key::OwnerNone)}
                        {owner_option("user", Key::OwnerOneUser)}
                        <Show when=move || owner_mode.get() == "user">
                            <SelectField label=Key::Owner field="owner_rule.user_id" value=fixed_user form=state options=users />
                        </Show>
                        {owner_option("round_robin", Key::OwnerRoundRobin)}
                        <Show when=move || owner_mode.get() == "round_robin">
                            <div class="people-picks" role="group" aria-label=tr(Key::OwnerPeople)>
                                {move || users.get().into_iter().map(|(id, name)| {
                                    let Ok(user) = id.parse::<UserId>() else { return ().into_any() };
                                    view! {
                                        <label class="check-row">
                                            <input type="checkbox" class="check"
                                                prop:checked=move || turns.with(|t| t.contains(&user))
                                                on:change=move |_| turns.update(|t| if !t.remove(&user) { t.insert(user); }) />
                                            <span>{name}</span>
                                        </label>
                                    }.into_any()
                                }).collect_view()}
                            </div>
                        </Show>
                        {move || owner_error().map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                    <TextField label=Key::Tags field="tags" value=tags form=state hint=Key::TagsHint required=false optional_mark=true />
                    <div class="field" class:has-error=move || origins_error().is_some()>
                        <label class="field-label" for=origins_id.clone()>{tr(Key::AllowedOrigins)}</label>
                        <textarea id=origins_id class="input textarea" name="allowed_origins" rows="3"
                            placeholder="https://example.com" bind:value=origins></textarea>
                        <p class="field-hint">{tr(Key::AllowedOriginsHint)}</p>
                        {move || origins_error().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                    <TextField label=Key::SuccessMessage field="success_message" value=success form=state required=false optional_mark=true />
                    <TextField label=Key::RedirectUrl field="redirect_url" value=redirect form=state input_type="url"
                        hint=Key::RedirectUrlHint required=false optional_mark=true />
                    <label class="check-row">
                        <input type="checkbox" class="check" name="active" bind:checked=active />
                        <span>{tr(Key::FormActive)}</span>
                        <span class="field-hint">{tr(Key::FormActiveHint)}</span>
                    </label>
                    <div class="form-actions">
                        <button type="button" class="btn btn-ghost" on:click=move |_| on_close.run(())>{tr(Key::Cancel)}</button>
                        <SubmitButton label=submit form=state class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
