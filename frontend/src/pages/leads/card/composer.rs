//! Adding to the lead's story: a note, a logged call, a task, or a reply sent elsewhere.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::Problem;
use voronka_types::tasks::{CreateTask, TaskPriority};
use voronka_types::timeline::{CallDetails, CallOutcome, Channel, CreateMessage, CreateNote, Direction};

use super::use_editor;
use crate::api;
use crate::components::filters::select;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, unique_id};
use crate::i18n::{
    CALL_OUTCOMES, Key, channel_label, field_error_message, outcome_code, outcome_label, parse_local_input,
    priority_label, tr, use_i18n,
};

/// What the composer adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Note,
    Call,
    Task,
    Reply,
}

const TABS: [(Tab, Key); 4] = [
    (Tab::Note, Key::NoteTab),
    (Tab::Call, Key::CallTab),
    (Tab::Task, Key::TaskTab),
    (Tab::Reply, Key::ReplyTab),
];

/// The composer above the timeline.
#[component]
pub fn Composer() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let tab = RwSignal::new(Tab::Note);
    let form = FormState::new();
    let added = RwSignal::new(false);
    let body = RwSignal::new(String::new());
    let direction = RwSignal::new("outbound".to_owned());
    let outcome = RwSignal::new("answered".to_owned());
    let minutes = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let priority = RwSignal::new("normal".to_owned());
    let channel = RwSignal::new("whatsapp".to_owned());
    let body_id = unique_id("field");

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let lead_id = editor.lead.with_untracked(|l| l.id);
        let text = body.get_untracked().trim().to_owned();
        let current = tab.get_untracked();
        // The server refuses an empty note or task title; say so before asking it.
        if text.is_empty() && current != Tab::Call {
            let field = if current == Tab::Task { "title" } else { "body" };
            form.field_error(field, Key::FieldRequired.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let direction = if direction.get_untracked() == "inbound" {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        let outcome = CALL_OUTCOMES
            .into_iter()
            .find(|o| outcome_code(*o) == outcome.get_untracked())
            .unwrap_or(CallOutcome::Answered);
        let call_minutes: u32 = minutes.get_untracked().trim().parse().unwrap_or(0);
        let due_at = parse_local_input(&due.get_untracked());
        let priority = TaskPriority::parse(&priority.get_untracked());
        let channel = Channel::parse(&channel.get_untracked()).unwrap_or(Channel::Other);
        spawn_local(async move {
            let result: Result<(), Problem> = match current {
                Tab::Note | Tab::Call => {
                    let call = (current == Tab::Call).then_some(CallDetails {
                        direction,
                        duration_secs: call_minutes.saturating_mul(60),
                        outcome,
                    });
                    let note = CreateNote {
                        lead_id: Some(lead_id),
                        body: text,
                        call,
                        ..CreateNote::default()
                    };
                    api::timeline::create_note(&note).await.map(|_| ())
                }
                Tab::Task => {
                    let task = CreateTask {
                        title: text,
                        due_at,
                        priority,
                        lead_id: Some(lead_id),
                        ..CreateTask::default()
                    };
                    api::timeline::create_task(&task).await.map(|_| ())
                }
                Tab::Reply => {
                    let message = CreateMessage {
                        direction: Direction::Outbound,
                        channel,
                        body: text,
                        sent_at: None,
                    };
                    api::timeline::record_message(lead_id, &message).await.map(|_| ())
                }
            };
            if form.finish(result).is_some() {
                body.set(String::new());
                minutes.set(String::new());
                due.set(String::new());
                added.set(true);
                editor.changed();
                if current == Tab::Reply {
                    editor.reload();
                }
            }
        });
    };

    let body_error = move || {
        form.problem.with(|p| {
            p.as_ref()
                .and_then(|p| p.errors.iter().find(|e| e.field == "body" || e.field == "title"))
                .map(|e| field_error_message(e, i18n.lang()))
        })
    };
    let tabs = TABS
        .iter()
        .map(|(value, key)| {
            let value = *value;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="segment"
                    aria-selected=move || (tab.get() == value).to_string()
                    on:click=move |_| {
                        tab.set(value);
                        form.problem.set(None);
                        added.set(false);
                    }
                >
                    {tr(*key)}
                </button>
            }
        })
        .collect_view();
    let directions = Signal::derive(move || {
        vec![
            ("outbound".to_owned(), i18n.t(Key::Outgoing).to_owned()),
            ("inbound".to_owned(), i18n.t(Key::Incoming).to_owned()),
        ]
    });
    let outcomes = Signal::derive(move || {
        CALL_OUTCOMES
            .iter()
            .map(|o| (outcome_code(*o).to_owned(), outcome_label(*o, i18n.lang()).to_owned()))
            .collect()
    });
    let priorities = Signal::derive(move || {
        TaskPriority::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), priority_label(*p, i18n.lang()).to_owned()))
            .collect()
    });
    let channels = Signal::derive(move || {
        Channel::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), channel_label(*c, i18n.lang()).to_owned()))
            .collect()
    });
    let body_label = move || match tab.get() {
        Tab::Task => Key::TaskTitle,
        _ => Key::NotePlaceholder,
    };
    let submit_label = Signal::derive(move || match tab.get() {
        Tab::Note => Key::AddNote,
        Tab::Call => Key::LogCall,
        Tab::Task => Key::CreateTask,
        Tab::Reply => Key::LogReply,
    });
    view! {
        <form class="card composer" on:submit=on_submit novalidate>
            <div class="segmented composer-tabs" role="tablist">
                {tabs}
            </div>
            <div class="field" class:has-error=move || body_error().is_some()>
                <label class="sr-only" for=body_id.clone()>{move || i18n.t(body_label())}</label>
                <textarea
                    id=body_id
                    name="body"
                    class="input textarea"
                    rows=move || if tab.get() == Tab::Task { "1" } else { "3" }
                    placeholder=move || i18n.t(body_label())
                    prop:value=body
                    on:input=move |ev| {
                        body.set(event_target_value(&ev));
                        added.set(false);
                    }
                ></textarea>
                {move || body_error().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            {move || match tab.get() {
                Tab::Call => view! {
                    <div class="composer-row">
                        {select(Key::Direction, "direction", direction, directions)}
                        {select(Key::Outcome, "outcome", outcome, outcomes)}
                        <label class="filter">
                            <span class="filter-label">{tr(Key::DurationMin)}</span>
                            <input class="input" name="minutes" inputmode="numeric" prop:value=minutes on:input=move |ev| minutes.set(event_target_value(&ev)) />
                        </label>
                    </div>
                }.into_any(),
                Tab::Task => view! {
                    <div class="composer-row">
                        <label class="filter">
                            <span class="filter-label">{tr(Key::DueAt)}</span>
                            <input class="input" type="datetime-local" name="due_at" prop:value=due on:change=move |ev| due.set(event_target_value(&ev)) />
                        </label>
                        {select(Key::Priority, "priority", priority, priorities)}
                    </div>
                }.into_any(),
                Tab::Reply => view! {
                    <div class="composer-row">
                        {select(Key::Channel, "channel", channel, channels)}
                        <p class="field-hint">{tr(Key::ReplyHint)}</p>
                    </div>
                }.into_any(),
                Tab::Note => ().into_any(),
            }}
            <ProblemAlert form=form fields=&["body", "title"] />
            <div class="composer-foot">
                <Show when=move || added.get()>
                    <span class="composer-added" role="status">{tr(Key::Added)}</span>
                </Show>
                <SubmitButton label=submit_label form=form class="btn btn-primary" />
            </div>
        </form>
    }
}
