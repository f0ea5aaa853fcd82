//! `/settings/forms`: web forms, each with its embed snippet and public address.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity};
use voronka_types::forms::Form;
use voronka_types::pipelines::{Pipeline, PipelineKind};
use voronka_types::users::{User, UserStatus};
use voronka_types::{Permission, Problem};

use super::form_editor::FormEditor;
use crate::api;
use crate::api::users::UserFilter;
use crate::components::confirm::ConfirmAction;
use crate::components::copy::CopyButton;
use crate::components::form::{FormState, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, tr, use_i18n};
use crate::session::use_session;

/// What the form editor picks from: lead pipelines, the team, the leads' custom fields.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<User>,
    pub custom_fields: Vec<CustomField>,
}

impl Lookups {
    async fn load() -> Result<Lookups, Problem> {
        let pipelines = api::pipelines::list_pipelines(PipelineKind::Lead).await?;
        let filter = UserFilter {
            status: Some(UserStatus::Active),
            limit: Some(200),
            ..UserFilter::default()
        };
        // Without the team or the custom fields the editor still works with fewer choices.
        let users = api::users::list_users(&filter)
            .await
            .map(|p| p.items)
            .unwrap_or_default();
        let custom_fields = api::custom_fields::list_custom_fields(CustomFieldEntity::Lead)
            .await
            .unwrap_or_default();
        Ok(Lookups {
            pipelines,
            users,
            custom_fields,
        })
    }

    /// "Pipeline → Stage" for a form's target.
    fn target(&self, form: &Form) -> String {
        let Some(pipeline) = self.pipelines.iter().find(|p| p.id == form.pipeline_id) else {
            return String::new();
        };
        let stage = pipeline.stages.iter().find(|s| s.id == form.stage_id);
        match stage {
            Some(stage) => format!("{} → {}", pipeline.name, stage.name),
            None => pipeline.name.clone(),
        }
    }
}

/// `/settings/forms`.
#[component]
pub fn FormsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.can(Permission::FormsManage) fallback=move || view! {
            <PageHeader title=Key::NavForms />
            <NoAccess />
        }>
            <Forms />
        </Show>
    }
}

#[component]
fn Forms() -> impl IntoView {
    let i18n = use_i18n();
    let data =
        LocalResource::new(|| async { Ok::<_, Problem>((api::forms::list_forms().await?, Lookups::load().await?)) });
    // None: closed; Some(None): a new form; Some(Some(form)): that form.
    let editing = RwSignal::new(None::<Option<Form>>);
    let notice = RwSignal::new(None::<String>);
    let on_saved = Callback::new(move |form: Form| {
        editing.set(None);
        notice.set(Some(i18n.t1(Key::FormSaved, &form.name)));
        data.refetch();
    });
    let on_changed = Callback::new(move |message: Key| {
        notice.set(Some(i18n.t(message).to_owned()));
        data.refetch();
    });
    view! {
        <PageHeader title=Key::NavForms subtitle=Key::FormsSubtitle>
            <button
                type="button"
                class="btn btn-primary"
                on:click=move |_| {
                    notice.set(None);
                    editing.set(Some(None));
                }
            >
                <Icon icon=IconName::Plus />
                <span>{tr(Key::NewForm)}</span>
            </button>
        </PageHeader>
        {move || notice.get().map(|text| view! { <SuccessNote><p>{text}</p></SuccessNote> })}
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((forms, lookups)) => {
                        let lookups = StoredValue::new(lookups);
                        let editor = move || {
                            editing
                                .get()
                                .map(|form| {
                                    view! {
                                        <FormEditor
                                            form=form
                                            lookups=lookups
                                            on_saved=on_saved
                                            on_close=Callback::new(move |_| editing.set(None))
                                        />
                                    }
                                })
                        };
                        let list = if forms.is_empty() {
                            view! { <NoForms /> }.into_any()
                        } else {
                            view! {
                                <ul class="integ-list">
                                    {forms
                                        .into_iter()
                                        .map(|form| {
                                            let target = lookups.with_value(|l| l.target(&form));
                                            view! { <FormRow form=form target=target editing=editing on_changed=on_changed /> }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        };
                        view! { {editor} {list} }.into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| data.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn NoForms() -> impl IntoView {
    view! {
        <div class="card empty-state">
            <div class="empty-icon">
                <Icon icon=IconName::Note />
            </div>
            <p class="empty-title">{tr(Key::NoForms)}</p>
            <p class="empty-text">{tr(Key::NoFormsHint)}</p>
        </div>
    }
}

/// One form: name, state, target stage, its public address, the snippet, and its actions.
#[component]
fn FormRow(
    form: Form,
    target: String,
    editing: RwSignal<Option<Option<Form>>>,
    on_changed: Callback<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.id;
    let show_snippet = RwSignal::new(false);
    let regenerating = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let regen_form = FormState::new();
    let delete_form = FormState::new();
    let regenerate = Callback::new(move |_| {
        if !regen_form.start() {
            return;
        }
        spawn_local(async move {
            if regen_form.finish(api::forms::regenerate_form_key(id).await).is_some() {
                on_changed.run(Key::KeyRegenerated);
            }
        });
    });
    let delete = Callback::new(move |_| {
        if !delete_form.start() {
            return;
        }
        spawn_local(async move {
            if delete_form.finish(api::forms::delete_form(id).await).is_some() {
                on_changed.run(Key::FormDeleted);
            }
        });
    });
    let name = form.name.clone();
    let regen_message = {
        let name = name.clone();
        Signal::derive(move || i18n.t1(Key::RegenerateConfirm, &name))
    };
    let delete_message = {
        let name = name.clone();
        Signal::derive(move || i18n.t1(Key::DeleteFormConfirm, &name))
    };
    let (state_class, state_key) = if form.active {
        ("badge badge-success", Key::FormActive)
    } else {
        ("badge badge-muted", Key::FormInactive)
    };
    let submit_url = form.submit_url.clone();
    let edited = StoredValue::new(form.clone());
    view! {
        <li class="card integ-row" data-form=id.to_string()>
            <div class="integ-head">
                <p class="integ-title">{name.clone()}</p>
                <span class=state_class>{tr(state_key)}</span>
            </div>
            <dl class="integ-facts">
                <div>
                    <dt>{tr(Key::FormTarget)}</dt>
                    <dd>{target}</dd>
                </div>
                <div>
                    <dt>{tr(Key::FormFields)}</dt>
                    <dd>{form.fields.iter().map(|f| f.label.clone()).collect::<Vec<_>>().join(", ")}</dd>
                </div>
            </dl>
            <div class="integ-url">
                <span class="field-label">{tr(Key::SubmitUrl)}</span>
                <div class="secret-row">
                    <code class="secret" data-testid="form-submit-url">{submit_url.clone()}</code>
                    <CopyButton text=submit_url />
                </div>
            </div>
            <Show when=move || show_snippet.get()>
                <SnippetBox id=id />
            </Show>
            <div class="integ-actions">
                <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    aria-expanded=move || show_snippet.get().to_string()
                    on:click=move |_| show_snippet.update(|s| *s = !*s)
                >
                    <Icon icon=IconName::Copy />
                    <span>{move || i18n.t(if show_snippet.get() { Key::HideSnippet } else { Key::ShowSnippet })}</span>
                </button>
                <button
                    type="button"
                    class="btn btn-ghost btn-sm"
                    on:click=move |_| editing.set(Some(Some(edited.get_value())))
                >
                    <Icon icon=IconName::Edit />
                    <span>{tr(Key::Edit)}</span>
                </button>
                <a class="btn btn-ghost btn-sm" href="/leads?view=list">
                    <Icon icon=IconName::Funnel />
                    <span>{tr(Key::FormLeads)}</span>
                </a>
                <ConfirmAction
                    label=Key::RegenerateKey
                    icon=IconName::Key
                    message=regen_message
                    open=regenerating
                    form=regen_form
                    on_confirm=regenerate
                />
                <ConfirmAction
                    label=Key::Delete
                    icon=IconName::Trash
                    message=delete_message
                    open=deleting
                    form=delete_form
                    on_confirm=delete
                    danger=true
                />
            </div>
        </li>
    }
}

/// The form's snippet from the server, read-only, with copy buttons.
#[component]
fn SnippetBox(id: voronka_types::FormId) -> impl IntoView {
    let snippet = LocalResource::new(move || api::forms::form_snippet(id));
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=1 /> }>
            {move || Suspend::new(async move {
                match snippet.await {
                    Ok(snippet) => {
                        view! {
                            <section class="snippet">
                                <div class="snippet-head">
                                    <div>
                                        <h3 class="snippet-title">{tr(Key::Snippet)}</h3>
                                        <p class="field-hint">{tr(Key::SnippetHint)}</p>
                                    </div>
                                    <CopyButton text=snippet.html.clone() />
                                </div>
                                <pre class="code-box" tabindex="0" data-testid="form-snippet"><code>{snippet.html}</code></pre>
                                <details class="snippet-more">
                                    <summary>{tr(Key::SnippetScript)}</summary>
                                    <div class="snippet-head">
                                        <span></span>
                                        <CopyButton text=snippet.script.clone() />
                                    </div>
                                    <pre class="code-box" tabindex="0"><code>{snippet.script}</code></pre>
                                </details>
                            </section>
                        }
                            .into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| snippet.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
