//! The notification bell in the top bar: the unread count (looked up every minute while the tab
//! is visible, and after every action here), a panel with the latest notifications, and
//! "Mark all read". Opening a notification marks it read and goes where it points.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use voronka_types::Problem;
use voronka_types::notifications::Notification;

use crate::api;
use crate::components::form::ProblemBox;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, format_datetime, problem_message, tr, use_i18n};

/// How often the count is looked up while the tab is visible.
const POLL: Duration = Duration::from_secs(60);
/// How many notifications the panel lists.
const LATEST: u32 = 20;

/// Where a notification leads: a ready periodic report opens that report, anything about a
/// task opens the tasks screen; other kinds lead nowhere.
pub fn target_of(entity_type: &str, entity_id: Option<uuid::Uuid>) -> Option<String> {
    match (entity_type, entity_id) {
        ("report", Some(id)) => Some(format!("/reports/periodic/{id}")),
        ("task", _) => Some("/tasks".to_owned()),
        _ => None,
    }
}

/// The badge's text: the count, capped at "99+".
pub fn badge_text(unread: u64) -> String {
    if unread > 99 {
        "99+".to_owned()
    } else {
        unread.to_string()
    }
}

fn tab_visible() -> bool {
    web_sys::window().and_then(|w| w.document()).is_none_or(|d| !d.hidden())
}

/// The bell button, its badge and its panel.
#[component]
pub fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let unread = RwSignal::new(0u64);
    let open = RwSignal::new(false);
    let items = RwSignal::new(None::<Vec<Notification>>);
    let problem = RwSignal::new(None::<Problem>);
    let button = NodeRef::<leptos::html::Button>::new();
    let panel = NodeRef::<leptos::html::Div>::new();

    let refresh = move || {
        spawn_local(async move {
            if let Ok(count) = api::notifications::unread_count().await {
                unread.set(count.unread);
            }
        })
    };
    refresh();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if tab_visible() {
                refresh();
            }
        },
        POLL,
    ) {
        on_cleanup(move || handle.clear());
    }
    let visibility = window_event_listener(ev::visibilitychange, move |_| {
        if tab_visible() {
            refresh();
        }
    });
    on_cleanup(move || visibility.remove());

    let load = move || {
        problem.set(None);
        spawn_local(async move {
            match api::notifications::latest(LATEST).await {
                Ok(page) => items.set(Some(page.items)),
                Err(p) => problem.set(Some(p)),
            }
        });
        refresh();
    };
    let close = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let toggle = move |_| {
        if open.get_untracked() {
            close();
        } else {
            open.set(true);
            load();
        }
    };
    Effect::new(move |_| {
        if open.get()
            && let Some(panel) = panel.get()
        {
            let _ = panel.focus();
        }
    });
    let navigate = StoredValue::new_local(use_navigate());
    // Going anywhere (a bottom-bar tab, the back button) closes the panel.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let follow = move |n: Notification| {
        open.set(false);
        if n.read_at.is_none() {
            items.update(|list| {
                if let Some(item) = list.iter_mut().flatten().find(|i| i.id == n.id) {
                    item.read_at = Some(n.created_at);
                }
            });
            unread.update(|u| *u = u.saturating_sub(1));
            let id = n.id;
            spawn_local(async move {
                let _ = api::notifications::mark_read(id).await;
                refresh();
            });
        }
        if let Some(path) = target_of(&n.entity_type, n.entity_id) {
            navigate.with_value(|go| go(&path, Default::default()));
        }
    };
    let mark_all = move |_| {
        problem.set(None);
        spawn_local(async move {
            match api::notifications::mark_all_read().await {
                Ok(_) => {
                    unread.set(0);
                    load();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let label = move || match unread.get() {
        0 => i18n.t(Key::Notifications).to_owned(),
        n => i18n.t1(Key::NotifBellUnread, &n.to_string()),
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close();
        }
    };
    view! {
        <div class="bell" on:keydown=on_keydown>
            <button
                type="button"
                class="icon-btn bell-button"
                node_ref=button
                aria-label=label
                title=label
                aria-expanded=move || open.get().to_string()
                aria-controls="bell-panel"
                data-testid="bell"
                on:click=toggle
            >
                <Icon icon=IconName::Bell />
                <Show when=move || { unread.get() > 0 }>
                    <span class="bell-badge" aria-hidden="true" data-testid="bell-count">
                        {move || badge_text(unread.get())}
                    </span>
                </Show>
            </button>
            <Show when=move || open.get()>
                <div class="bell-backdrop" on:click=move |_| close()></div>
                <div
                    class="bell-panel"
                    id="bell-panel"
                    role="dialog"
                    aria-label=tr(Key::Notifications)
                    tabindex="-1"
                    node_ref=panel
                    data-testid="bell-panel"
                >
                    <div class="bell-head">
                        <h2 class="bell-title">{tr(Key::Notifications)}</h2>
                        <button type="button" class="btn btn-ghost btn-sm" on:click=mark_all disabled=move || unread.get() == 0>
                            {tr(Key::NotifMarkAll)}
                        </button>
                    </div>
                    {move || problem.get().map(|p| view! { <ProblemBox headline=problem_message(&p, i18n.lang()) /> })}
                    {move || match items.get() {
                        None => view! { <p class="bell-empty">{tr(Key::Loading)}</p> }.into_any(),
                        Some(list) if list.is_empty() => view! { <p class="bell-empty">{tr(Key::NotifEmpty)}</p> }.into_any(),
                        Some(list) => view! {
                            <ul class="bell-list">
                                {list.into_iter().map(|n| {
                                    let unread_item = n.read_at.is_none();
                                    let when = format_datetime(n.created_at, i18n.lang());
                                    let (title, body) = (n.title.clone(), n.body.clone());
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="bell-item"
                                                class:unread=unread_item
                                                data-testid="bell-item"
                                                on:click=move |_| follow(n.clone())
                                            >
                                                <span class="bell-dot" aria-hidden="true"></span>
                                                <span class="bell-text">
                                                    <span class="bell-item-title">
                                                        {unread_item.then(|| view! { <span class="sr-only">{tr(Key::NotifUnread)}": "</span> })}
                                                        {title}
                                                    </span>
                                                    <span class="bell-item-body">{body}</span>
                                                    <span class="bell-item-time">{when}</span>
                                                </span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ready_report_opens_that_report_and_task_news_opens_the_tasks_screen() {
        let id = uuid::Uuid::nil();
        assert_eq!(target_of("report", Some(id)), Some(format!("/reports/periodic/{id}")));
        assert_eq!(target_of("task", Some(id)), Some("/tasks".to_owned()));
        assert_eq!(target_of("report", None), None);
        assert_eq!(target_of("lead", Some(id)), None);
    }

    #[test]
    fn the_badge_caps_at_ninety_nine() {
        assert_eq!(badge_text(7), "7");
        assert_eq!(badge_text(99), "99");
        assert_eq!(badge_text(100), "99+");
    }
}
