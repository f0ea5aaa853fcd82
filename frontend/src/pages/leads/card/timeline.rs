//! A lead's or a contact's timeline, newest first: messages, notes, calls, stage moves, field
//! changes and tasks, with who did it and when. Needs the leads context (names and stages).

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::audit::FieldChange;
use voronka_types::timeline::{Direction, NoteKind, TimelineEvent, TimelineItem};
use voronka_types::{ContactId, LeadId, Page, Problem, UserId};

use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{I18n, Key, channel_label, format_datetime, lead_field_label, outcome_label, tr, use_i18n};
use crate::pages::leads::context::{LeadsContext, use_leads};

/// Whose story a [`Timeline`] tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineOf {
    /// A lead's.
    Lead(LeadId),
    /// A contact's (across its leads and deals).
    Contact(ContactId),
}

impl TimelineOf {
    async fn page(self, cursor: Option<String>) -> Result<Page<TimelineItem>, Problem> {
        match self {
            TimelineOf::Lead(id) => api::timeline::lead_timeline(id, cursor).await,
            TimelineOf::Contact(id) => api::contacts::contact_timeline(id, cursor).await,
        }
    }
}

/// The timeline, reloaded whenever `version` changes.
#[component]
pub fn Timeline(of: TimelineOf, version: RwSignal<u32>) -> impl IntoView {
    let first = LocalResource::new(move || {
        version.track();
        of.page(None)
    });
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(page) => view! { <Entries page=page of=of /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| first.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn Entries(page: Page<TimelineItem>, of: TimelineOf) -> impl IntoView {
    let items = RwSignal::new(page.items.into_iter().filter(worth_showing).collect::<Vec<_>>());
    let cursor = RwSignal::new(page.next_cursor);
    let more = FormState::new();
    let load_more = move |_| {
        let Some(next) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        spawn_local(async move {
            if let Some(page) = more.finish(of.page(Some(next)).await) {
                items.update(|i| i.extend(page.items.into_iter().filter(worth_showing)));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <Show
            when=move || items.with(|i| !i.is_empty())
            fallback=|| view! { <p class="note">{tr(Key::NoTimeline)}</p> }
        >
            <ol class="timeline">
                <For each=move || items.get().into_iter().enumerate() key=|(i, _)| *i let:entry>
                    <Entry item=entry.1 />
                </For>
            </ol>
        </Show>
        <ProblemAlert form=more />
        <Show when=move || cursor.with(Option::is_some)>
            <button type="button" class="btn btn-secondary btn-block" on:click=load_more disabled=move || more.busy.get()>
                {tr(Key::LoadMore)}
            </button>
        </Show>
    }
}

/// Who did it: a teammate's name, "Customer" for inbound messages, else "System".
fn actor(item: &TimelineItem, leads: LeadsContext, i18n: I18n) -> String {
    if let TimelineEvent::Message { message } = &item.event
        && message.direction == Direction::Inbound
    {
        return i18n.t(Key::Customer).to_owned();
    }
    let id: Option<UserId> = item.actor_id;
    leads.person(id).unwrap_or_else(|| i18n.t(Key::System).to_owned())
}

#[component]
fn Entry(item: TimelineItem) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let at = item.at;
    let (icon, kind) = match &item.event {
        TimelineEvent::Note { note } if note.kind == NoteKind::Call => (IconName::Phone, "call"),
        TimelineEvent::Note { .. } => (IconName::Note, "note"),
        TimelineEvent::Message { message } if message.direction == Direction::Inbound => (IconName::Chat, "message-in"),
        TimelineEvent::Message { .. } => (IconName::Chat, "message-out"),
        TimelineEvent::StageChange { .. } => (IconName::Columns, "stage"),
        TimelineEvent::FieldChange { .. } => (IconName::Edit, "fields"),
        TimelineEvent::Task { .. } => (IconName::Task, "task"),
    };
    let item = StoredValue::new(item);
    let who = move || item.with_value(|i| actor(i, leads, i18n));
    let title = move || item.with_value(|i| headline(&i.event, leads, i18n));
    let body = item.with_value(|i| match &i.event {
        TimelineEvent::Note { note } => Some(note.body.clone()).filter(|b| !b.is_empty()),
        TimelineEvent::Message { message } => Some(message.body.clone()),
        _ => None,
    });
    view! {
        <li class=format!("tl-item tl-{kind}")>
            <span class="tl-icon">
                <Icon icon=icon />
            </span>
            <div class="tl-main">
                <p class="tl-title">{title}</p>
                {body.map(|b| view! { <p class="tl-body">{b}</p> })}
                <p class="tl-meta">{who}" · "{move || format_datetime(at, i18n.lang())}</p>
            </div>
        </li>
    }
}

/// Fields a change really changed, leaving out links and stage moves (those have their own
/// entries).
fn changed_fields(changes: &[FieldChange]) -> impl Iterator<Item = &str> {
    changes
        .iter()
        .filter(|c| c.before != c.after)
        .map(|c| c.field.as_str())
        .filter(|f| !matches!(*f, "stage_id" | "pipeline_id" | "contact_id" | "deal_id" | "status"))
}

/// Whether an entry says anything: an edit that only moved the stage is already told by the
/// stage move.
fn worth_showing(item: &TimelineItem) -> bool {
    match &item.event {
        TimelineEvent::FieldChange { action, changes } => {
            !(action.ends_with(".updated") || action.contains(".bulk_")) || changed_fields(changes).next().is_some()
        }
        _ => true,
    }
}

/// One line saying what happened.
fn headline(event: &TimelineEvent, leads: LeadsContext, i18n: I18n) -> String {
    let lang = i18n.lang();
    match event {
        TimelineEvent::Note { note } => match &note.call {
            Some(call) => {
                let direction = match call.direction {
                    Direction::Inbound => Key::Incoming,
                    Direction::Outbound => Key::Outgoing,
                };
                let mut parts = vec![
                    i18n.t(Key::TlCall).to_owned(),
                    i18n.t(direction).to_lowercase(),
                    outcome_label(call.outcome, lang).to_lowercase(),
                ];
                if call.duration_secs > 0 {
                    let minutes = call.duration_secs.div_ceil(60);
                    parts.push(i18n.t(Key::DurMinutes).replacen("{}", &minutes.to_string(), 1));
                }
                parts.join(" · ")
            }
            None => i18n.t(Key::NoteTab).to_owned(),
        },
        TimelineEvent::Message { message } => {
            let who = match message.direction {
                Direction::Inbound => Key::Customer,
                Direction::Outbound => Key::ReplyTab,
            };
            format!("{} · {}", i18n.t(who), channel_label(message.channel, lang))
        }
        TimelineEvent::StageChange {
            from_stage_id,
            to_stage_id,
        } => {
            let to = leads.stage_name(*to_stage_id);
            let text = match from_stage_id {
                Some(from) => format!("{} → {to}", leads.stage_name(*from)),
                None => to,
            };
            i18n.t1(Key::TlStage, &text)
        }
        TimelineEvent::FieldChange { action, changes } => match action.rsplit('.').next() {
            Some("created") if action.starts_with("contact.") => i18n.t(Key::TlContactCreated).to_owned(),
            Some("created") if action.starts_with("deal.") => i18n.t(Key::TlDealCreated).to_owned(),
            Some("created") => i18n.t(Key::TlLeadCreated).to_owned(),
            Some("merged") => i18n.t(Key::TlMerged).to_owned(),
            Some("converted") => i18n.t(Key::TlConverted).to_owned(),
            Some("repeat_request") => i18n.t(Key::TlRepeat).to_owned(),
            _ => {
                let mut names: Vec<String> = Vec::new();
                for field in changed_fields(changes) {
                    let name = lead_field_label(field, lang);
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                i18n.t1(Key::TlFields, &names.join(", "))
            }
        },
        TimelineEvent::Task { title, what, .. } => {
            let key = if what == "completed" {
                Key::TlTaskDone
            } else {
                Key::TlTaskCreated
            };
            i18n.t1(key, title)
        }
    }
}
