//! `/tasks`: the signed-in user's tasks under Overdue / Today / Upcoming / No due date / Done
//! (days in the reader's time zone), completed with one tap (shown at once, put back with a
//! readable message when the server refuses), and a quick "New task" form.

mod new_task;
pub mod sections;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::tasks::{Task, TaskStatus};
use voronka_types::{ContactId, Permission, Problem, TaskId};

use crate::api;
use crate::api::contacts::ContactQuery;
use crate::components::form::ProblemBox;
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, format_datetime, problem_message, tr, use_i18n};
use crate::session::use_session;
use new_task::NewTask;
use sections::{Section, group, toggled};

/// How many completed tasks the Done section lists.
const DONE_SHOWN: usize = 20;

/// `/tasks`, for roles that may read tasks.
#[component]
pub fn TasksPage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageHeader title=Key::NavTasks subtitle=Key::TasksSubtitle />
        <Show when=move || session.can(Permission::TasksReadOwn) fallback=NoAccess>
            <Tasks />
        </Show>
    }
}

/// The browser's current offset from UTC (days on this screen are the reader's days).
fn local_zone() -> FixedOffset {
    let minutes_west = js_sys::Date::new_0().get_timezone_offset() as i32;
    FixedOffset::west_opt(minutes_west * 60).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The caller's open tasks and their completed ones, in one list.
async fn load_all() -> Result<Vec<Task>, Problem> {
    let (open, done) = futures_util::join!(
        api::tasks::mine(TaskStatus::Open),
        api::tasks::mine(TaskStatus::Completed)
    );
    let mut all = open?.items;
    all.extend(done?.items);
    Ok(all)
}

#[component]
fn Tasks() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let tasks = RwSignal::new(None::<Vec<Task>>);
    let load_problem = RwSignal::new(None::<Problem>);
    let notice = RwSignal::new(None::<Problem>);
    let clock = RwSignal::new(now());
    let contacts = RwSignal::new(Vec::<(ContactId, String)>::new());
    let zone = local_zone();

    let load = move || {
        load_problem.set(None);
        spawn_local(async move {
            match load_all().await {
                Ok(list) => {
                    clock.set(now());
                    tasks.set(Some(list));
                }
                Err(p) => load_problem.set(Some(p)),
            }
        });
    };
    load();
    if session.can(Permission::ContactsReadOwn) || session.can(Permission::ContactsReadAll) {
        spawn_local(async move {
            let query = ContactQuery {
                limit: Some(100),
                ..Default::default()
            };
            if let Ok(page) = api::contacts::list_contacts(&query).await {
                contacts.set(page.items.into_iter().map(|c| (c.id, c.name)).collect());
            }
        });
    }

    let replace = move |task: Task| {
        tasks.update(|list| {
            if let Some(slot) = list.iter_mut().flatten().find(|t| t.id == task.id) {
                *slot = task;
            }
        })
    };
    let toggle = Callback::new(move |id: TaskId| {
        let Some(before) = tasks.with_untracked(|l| l.iter().flatten().find(|t| t.id == id).cloned()) else {
            return;
        };
        notice.set(None);
        let at = now();
        clock.set(at);
        replace(toggled(&before, at));
        spawn_local(async move {
            let result = if before.status == TaskStatus::Completed {
                api::tasks::reopen(id).await
            } else {
                api::tasks::complete(id).await
            };
            match result {
                Ok(task) => replace(task),
                Err(problem) => {
                    replace(before);
                    notice.set(Some(problem));
                }
            }
        });
    });
    let added = Callback::new(move |task: Task| {
        clock.set(now());
        tasks.update(|list| list.get_or_insert_with(Vec::new).push(task));
    });
    let names = Signal::derive(move || contacts.with(|c| c.iter().cloned().collect::<HashMap<_, _>>()));

    view! {
        <div class="tasks-layout">
            <NewTask contacts=contacts added=added />
            {move || notice.get().map(|p| {
                let message = i18n.t1(Key::TaskNotSaved, &problem_message(&p, i18n.lang()));
                view! { <ProblemBox headline=message /> }
            })}
            {move || match (tasks.get(), load_problem.get()) {
                (_, Some(problem)) => view! {
                    <LoadError problem=problem retry=Callback::new(move |_| load()) />
                }.into_any(),
                (None, None) => view! { <LoadingRows rows=4 /> }.into_any(),
                (Some(list), None) => group(&list, clock.get(), zone, DONE_SHOWN)
                    .into_iter()
                    .filter(|(section, items)| *section != Section::NoDate || !items.is_empty())
                    .map(|(section, items)| view! { <TaskSection section=section items=items toggle=toggle names=names /> })
                    .collect_view()
                    .into_any(),
            }}
        </div>
    }
}

#[component]
fn TaskSection(
    section: Section,
    items: Vec<Task>,
    toggle: Callback<TaskId>,
    names: Signal<HashMap<ContactId, String>>,
) -> impl IntoView {
    let heading = format!("tasks-{}-title", section.slug());
    let count = items.len();
    view! {
        <section
            class="card task-section"
            class:task-section-overdue=(section == Section::Overdue && count > 0)
            aria-labelledby=heading.clone()
            data-testid=format!("tasks-{}", section.slug())
        >
            <h2 class="card-title task-section-title" id=heading.clone()>
                {tr(section.title())}
                <span class="task-count">{count}</span>
            </h2>
            {if items.is_empty() {
                view! { <p class="task-empty">{tr(Key::TasksNothing)}</p> }.into_any()
            } else {
                view! {
                    <ul class="task-list">
                        {items.into_iter().map(|t| view! { <TaskRow task=t toggle=toggle names=names /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn TaskRow(task: Task, toggle: Callback<TaskId>, names: Signal<HashMap<ContactId, String>>) -> impl IntoView {
    let i18n = use_i18n();
    let done = task.status == TaskStatus::Completed;
    let id = task.id;
    let title = StoredValue::new(task.title.clone());
    let label = move || title.with_value(|t| i18n.t1(if done { Key::TaskMarkOpen } else { Key::TaskMarkDone }, t));
    let due = task.due_at.map(|at| move || format_datetime(at, i18n.lang()));
    let lead = task.lead_id.map(|l| {
        view! { <A href=format!("/leads/{l}") attr:class="task-link">{tr(Key::TaskLead)}</A> }
    });
    let contact = task.contact_id.map(|c| {
        let name = move || {
            names
                .with(|n| n.get(&c).cloned())
                .unwrap_or_else(|| i18n.t(Key::TaskContact).to_owned())
        };
        view! { <A href=format!("/contacts/{c}") attr:class="task-link">{name}</A> }
    });
    let deal = task
        .deal_id
        .map(|_| view! { <span class="task-link">{tr(Key::TaskDeal)}</span> });
    view! {
        <li class="task-row" class:task-done=done class:task-overdue=task.overdue data-testid="task">
            <button
                type="button"
                class="task-check"
                aria-label=label
                title=label
                aria-pressed=done.to_string()
                on:click=move |_| toggle.run(id)
            >
                <Icon icon=IconName::Check />
            </button>
            <div class="task-main">
                <span class="task-title">{task.title}</span>
                <span class="task-meta">
                    {due.map(|d| view! { <span class="task-due"><Icon icon=IconName::Clock />{d}</span> })}
                    {lead}
                    {contact}
                    {deal}
                </span>
            </div>
        </li>
    }
}
