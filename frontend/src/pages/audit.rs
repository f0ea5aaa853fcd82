//! The audit log: who changed what, newest first.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::audit::{ActorKind, AuditEntry};
use voronka_types::{Page, Permission};

use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, format_datetime, tr, use_i18n};
use crate::session::use_session;

/// `/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let session = use_session();
    let first = LocalResource::new(|| api::audit::list_audit_log(None));
    view! {
        <PageHeader title=Key::NavAudit subtitle=Key::AuditSubtitle />
        <Show when=move || session.can(Permission::AuditRead) fallback=NoAccess>
            <Transition fallback=|| view! { <LoadingRows rows=5 /> }>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => view! { <AuditList page=page /> }.into_any(),
                        Err(problem) => {
                            let retry = Callback::new(move |_| first.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </Show>
    }
}

#[component]
fn AuditList(page: Page<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let entries = RwSignal::new(page.items);
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
            if let Some(page) = more.finish(api::audit::list_audit_log(Some(next)).await) {
                entries.update(|e| e.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <Show
            when=move || entries.with(|e| !e.is_empty())
            fallback=move || view! {
                <div class="card empty-state">
                    <div class="empty-icon"><Icon icon=IconName::List /></div>
                    <p class="empty-title">{tr(Key::NoAudit)}</p>
                </div>
            }
        >
            <ul class="card list audit">
                <For each=move || entries.get() key=|e| e.id let:entry>
                    {
                        let at = entry.created_at;
                        let actor = match (entry.actor_kind, entry.actor_name.clone()) {
                            (ActorKind::System, _) | (_, None) => None,
                            (_, Some(name)) => Some(name),
                        };
                        let changed: Vec<String> = entry.changes.iter().map(|c| c.field.clone()).collect();
                        view! {
                            <li class="audit-row">
                                <code class="audit-action">{entry.action.clone()}</code>
                                <div class="audit-main">
                                    <p class="audit-who">
                                        {move || actor.clone().unwrap_or_else(|| i18n.t(Key::System).to_owned())}
                                        <span class="muted">" · "{entry.entity_type.clone()}</span>
                                    </p>
                                    {(!changed.is_empty()).then(|| view! { <p class="muted small">{changed.join(", ")}</p> })}
                                </div>
                                <time class="audit-time muted">{move || format_datetime(at, i18n.lang())}</time>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
        <div class="list-foot">
            <ProblemAlert form=more />
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary" on:click=load_more disabled=move || more.busy.get()>
                    {tr(Key::LoadMore)}
                </button>
            </Show>
        </div>
    }
}
