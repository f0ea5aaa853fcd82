//! The team: everyone in the company, with search, filters, and (for user managers)
//! adding people and changing their role, status and start date.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::users::{User, UserStatus};
use voronka_types::{Page, Permission, Role};

use crate::api;
use crate::api::users::UserFilter;
use crate::components::badges::{Avatar, RoleBadge, StatusBadge};
use crate::components::form::{FormState, ProblemAlert, SuccessNote};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess, PageHeader};
use crate::i18n::{Key, format_naive_date, role_label, tr, use_i18n};
use crate::pages::team_form::UserSheet;
use crate::session::use_session;

/// How many people one page of the list holds.
const PAGE_SIZE: u32 = 50;

/// `/team`.
#[component]
pub fn TeamPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.can(Permission::UsersRead) fallback=NoAccess>
            <Team />
        </Show>
    }
}

#[component]
fn Team() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_manage = move || session.can(Permission::UsersManage);

    let search_input = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    // The sheet: `Some(None)` adds a user, `Some(Some(user))` edits one.
    let sheet = RwSignal::new(None::<Option<User>>);
    let notice = RwSignal::new(None::<(Key, String)>);

    let on_search = move |ev| {
        let text = event_target_value(&ev);
        search_input.set(text.clone());
        // Wait for a pause in typing before asking the server.
        set_timeout(
            move || {
                // The page may be gone by now: `try_` reads then simply find nothing.
                if search_input.try_get_untracked().as_deref() == Some(text.as_str()) {
                    search.set(text.trim().to_owned());
                }
            },
            Duration::from_millis(300),
        );
    };

    let filter = Memo::new(move |_| UserFilter {
        q: Some(search.get()).filter(|q| !q.is_empty()),
        role: Role::parse(&role.get()),
        status: UserStatus::parse(&status.get()),
        cursor: None,
        limit: Some(PAGE_SIZE),
    });
    let first_page = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::users::list_users(&filter).await }
    });

    let on_saved = Callback::new(move |(user, created): (User, bool)| {
        sheet.set(None);
        let key = if created { Key::UserCreated } else { Key::UserSaved };
        notice.set(Some((key, user.name)));
        first_page.refetch();
    });

    let role_options = move || {
        let lang = i18n.lang();
        std::iter::once((String::new(), i18n.t(Key::AllRoles).to_owned()))
            .chain(
                Role::TENANT_ROLES
                    .iter()
                    .map(|r| (r.as_str().to_owned(), role_label(*r, lang).to_owned())),
            )
            .map(|(v, text)| {
                let selected = role.get_untracked() == v;
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view()
    };
    let status_options = move || {
        [
            ("", Key::AllStatuses),
            ("active", Key::StatusActive),
            ("inactive", Key::StatusInactive),
        ]
        .into_iter()
        .map(|(v, key)| {
            let selected = status.get_untracked() == v;
            view! { <option value=v selected=selected>{i18n.t(key)}</option> }
        })
        .collect_view()
    };

    view! {
        <PageHeader title=Key::NavTeam subtitle=Key::TeamSubtitle>
            <Show when=can_manage>
                <button type="button" class="btn btn-primary" on:click=move |_| sheet.set(Some(None))>
                    <Icon icon=IconName::Plus />
                    <span>{tr(Key::AddUser)}</span>
                </button>
            </Show>
        </PageHeader>
        {move || {
            notice
                .get()
                .map(|(key, name)| {
                    view! {
                        <SuccessNote>
                            <p>{move || i18n.t1(key, &name)}</p>
                        </SuccessNote>
                    }
                })
        }}
        <Show when=move || !can_manage()>
            <p class="note">{tr(Key::ReadOnlyTeam)}</p>
        </Show>
        <div class="toolbar">
            <label class="search">
                <Icon icon=IconName::Search class="search-icon" />
                <input
                    type="search"
                    class="input"
                    placeholder=tr(Key::SearchPeople)
                    aria-label=tr(Key::SearchPeople)
                    prop:value=search_input
                    on:input=on_search
                />
            </label>
            <select
                class="input select"
                aria-label=tr(Key::Role)
                on:change=move |ev| role.set(event_target_value(&ev))
            >
                {role_options}
            </select>
            <select
                class="input select"
                aria-label=tr(Key::Status)
                on:change=move |ev| status.set(event_target_value(&ev))
            >
                {status_options}
            </select>
        </div>
        <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
            {move || Suspend::new(async move {
                match first_page.await {
                    Ok(page) => {
                        view! { <PeopleList page=page filter=filter.get_untracked() sheet=sheet /> }
                            .into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| first_page.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
        {move || {
            sheet.get().map(|user| view! { <UserSheet user=user sheet=sheet on_saved=on_saved /> })
        }}
    }
}

/// The list of people, continued page by page.
#[component]
fn PeopleList(page: Page<User>, filter: UserFilter, sheet: RwSignal<Option<Option<User>>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let people = RwSignal::new(page.items);
    let cursor = RwSignal::new(page.next_cursor);
    let total = page.total;
    let more = FormState::new();
    let filter = StoredValue::new(filter);
    let load_more = move |_| {
        let Some(next) = cursor.get_untracked() else {
            return;
        };
        if !more.start() {
            return;
        }
        let filter = UserFilter {
            cursor: Some(next),
            ..filter.get_value()
        };
        spawn_local(async move {
            if let Some(page) = more.finish(api::users::list_users(&filter).await) {
                people.update(|p| p.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    let me_id = session.with_me(|m| m.user.id);
    let can_manage = move || session.can(Permission::UsersManage);
    view! {
        <Show
            when=move || people.with(|p| !p.is_empty())
            fallback=move || {
                view! {
                    <div class="card empty-state">
                        <div class="empty-icon">
                            <Icon icon=IconName::Search />
                        </div>
                        <p class="empty-title">{tr(Key::NoUsers)}</p>
                    </div>
                }
            }
        >
            <ul class="card list people" aria-label=tr(Key::NavTeam)>
                <For each=move || people.get() key=|u| (u.id, u.updated_at) let:user>
                    {
                        let is_me = Some(user.id) == me_id;
                        let start = user.start_date;
                        let edit_user = user.clone();
                        view! {
                            <li class="person">
                                <Avatar name=user.name.clone() />
                                <div class="person-main">
                                    <p class="person-name">
                                        {user.name.clone()}
                                        {is_me.then(|| view! { <span class="muted">" · "{tr(Key::You)}</span> })}
                                    </p>
                                    <p class="person-email">{user.email.clone()}</p>
                                </div>
                                <div class="person-badges">
                                    <RoleBadge role=user.role />
                                    <StatusBadge status=user.status />
                                </div>
                                <p class="person-start">
                                    <span class="person-start-label">{tr(Key::StartDate)}</span>
                                    {move || match start {
                                        Some(d) => format_naive_date(d, i18n.lang()),
                                        None => "—".to_owned(),
                                    }}
                                </p>
                                <Show when=can_manage>
                                    {
                                        let for_click = edit_user.clone();
                                        let name = edit_user.name.clone();
                                        view! {
                                            <button
                                                type="button"
                                                class="icon-btn person-edit"
                                                aria-label=move || format!("{} {}", i18n.t(Key::Edit), name)
                                                on:click=move |_| sheet.set(Some(Some(for_click.clone())))
                                            >
                                                <Icon icon=IconName::Edit />
                                            </button>
                                        }
                                    }
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
        <div class="list-foot">
            <span class="muted">{move || i18n.t1(Key::TotalCount, &total.to_string())}</span>
            <ProblemAlert form=more />
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" class="btn btn-secondary" on:click=load_more disabled=move || more.busy.get()>
                    <Show when=move || more.busy.get()>
                        <span class="spinner" aria-hidden="true"></span>
                    </Show>
                    {tr(Key::LoadMore)}
                </button>
            </Show>
        </div>
    }
}
