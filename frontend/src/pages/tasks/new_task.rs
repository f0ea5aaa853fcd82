//! The quick "New task" form: a title, an optional due time, an optional contact.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::ContactId;
use voronka_types::tasks::{CreateTask, Task};

use crate::api;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField, unique_id};
use crate::i18n::{Key, field_error_message, parse_local_input, tr, use_i18n};

/// Adds a task for the signed-in user and hands it to `added`.
#[component]
pub fn NewTask(contacts: RwSignal<Vec<(ContactId, String)>>, added: Callback<Task>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let due_id = unique_id("task-due");
    let contact_id = unique_id("task-contact");
    let error_of = move |field: &'static str| {
        move || {
            form.problem.with(|p| {
                p.as_ref()
                    .and_then(|p| p.errors.iter().find(|e| e.field == field))
                    .map(|e| field_error_message(e, i18n.lang()))
            })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let due_text = due.get_untracked();
        let due_at = parse_local_input(&due_text);
        if !due_text.trim().is_empty() && due_at.is_none() {
            form.field_error("due_at", i18n.t(Key::TaskDue));
            return;
        }
        let request = CreateTask {
            title: title.get_untracked().trim().to_owned(),
            due_at,
            contact_id: contact.get_untracked().parse().ok().map(ContactId),
            ..Default::default()
        };
        if !form.start() {
            return;
        }
        spawn_local(async move {
            if let Some(task) = form.finish(api::tasks::create(&request).await) {
                title.set(String::new());
                due.set(String::new());
                contact.set(String::new());
                saved.set(true);
                added.run(task);
            }
        });
    };
    view! {
        <section class="card task-new" aria-labelledby="task-new-title">
            <h2 class="card-title" id="task-new-title">{tr(Key::TaskNew)}</h2>
            <form class="task-form" on:submit=submit novalidate=true>
                <TextField label=Key::TaskTitle field="title" value=title form=form maxlength=500 />
                <div class="field" class:has-error=move || error_of("due_at")().is_some()>
                    <label class="field-label" for=due_id.clone()>{tr(Key::TaskDue)}</label>
                    <input id=due_id.clone() name="due_at" class="input" type="datetime-local" bind:value=due />
                    {move || error_of("due_at")().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <Show when=move || contacts.with(|c| !c.is_empty())>
                    <div class="field">
                        <label class="field-label" for=contact_id.clone()>{tr(Key::TaskLinkContact)}</label>
                        <select id=contact_id.clone() name="contact_id" class="input" bind:value=contact>
                            <option value="">{tr(Key::RepNone)}</option>
                            {move || contacts.get().into_iter().map(|(id, name)| {
                                view! { <option value=id.to_string()>{name}</option> }
                            }).collect_view()}
                        </select>
                        {move || error_of("contact_id")().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                </Show>
                <ProblemAlert form=form fields=&["title", "due_at", "contact_id"] />
                <Show when=move || saved.get()>
                    <SuccessNote>{tr(Key::TaskAdded)}</SuccessNote>
                </Show>
                <SubmitButton label=Key::TaskAdd form=form class="btn btn-primary" />
            </form>
        </section>
    }
}
