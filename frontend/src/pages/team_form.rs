//! The sheet that adds a user or changes one.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::users::{CreateUser, UpdateUser, User, UserStatus};
use voronka_types::{Permission, Role};

use crate::api;
use crate::components::badges::RoleBadge;
use crate::components::form::{FormState, ProblemAlert, SelectField, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, role_label, tr, use_i18n};
use crate::pages::team_schedule::ScheduleEditor;
use crate::session::use_session;

/// Roles a user manager can hand out; only an owner may also make someone an owner.
const ASSIGNABLE_ROLES: [Role; 5] = [
    Role::Manager,
    Role::HeadOfSales,
    Role::Partner,
    Role::Franchisee,
    Role::Guest,
];

const FIELDS: &[&str] = &["name", "email", "role", "start_date", "status", "password"];

/// A modal sheet (a bottom sheet on phones) with the user form. `user: None` adds someone.
#[component]
pub fn UserSheet(
    user: Option<User>,
    sheet: RwSignal<Option<Option<User>>>,
    /// Called with the saved user and whether they were just created.
    on_saved: Callback<(User, bool)>,
) -> impl IntoView {
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let close = move || sheet.set(None);
    let title = if user.is_some() { Key::EditUser } else { Key::NewUser };
    let can_schedule = use_session().can(Permission::UsersManage);
    let _escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    view! {
        <div class="sheet-backdrop" on:click=move |_| close()>
            <div
                class="sheet"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                on:click=|ev| ev.stop_propagation()
            >
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{tr(title)}</h2>
                    <button
                        type="button"
                        class="icon-btn"
                        aria-label=tr(Key::Close)
                        on:click=move |_| close()
                    >
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <UserForm user=user.clone() on_saved=on_saved on_cancel=Callback::new(move |_| close()) />
                {user
                    .filter(|_| can_schedule)
                    .map(|u| view! { <ScheduleEditor user_id=u.id /> })}
            </div>
        </div>
    }
}

#[component]
fn UserForm(user: Option<User>, on_saved: Callback<(User, bool)>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let original = user.clone();
    let i_am_owner = session.with_me(|m| m.user.role == Role::Owner).unwrap_or(false);
    let is_owner = user.as_ref().is_some_and(|u| u.role == Role::Owner);
    let name = RwSignal::new(user.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let email = RwSignal::new(user.as_ref().map(|u| u.email.clone()).unwrap_or_default());
    let role = RwSignal::new(user.as_ref().map_or(Role::Manager, |u| u.role).as_str().to_owned());
    let status = RwSignal::new(
        user.as_ref()
            .map_or(UserStatus::Active, |u| u.status)
            .as_str()
            .to_owned(),
    );
    let start_date = RwSignal::new(
        user.as_ref()
            .and_then(|u| u.start_date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    let editing = user.is_some();

    let role_options = Signal::derive(move || {
        let lang = i18n.lang();
        ASSIGNABLE_ROLES
            .iter()
            .chain(i_am_owner.then_some(&Role::Owner))
            .map(|r| (r.as_str().to_owned(), role_label(*r, lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let status_options = Signal::derive(move || {
        vec![
            ("active".to_owned(), i18n.t(Key::StatusActive).to_owned()),
            ("inactive".to_owned(), i18n.t(Key::StatusInactive).to_owned()),
        ]
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let start = start_date.get_untracked();
        let start = if start.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(&start, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    form.field_error("start_date", "YYYY-MM-DD");
                    return;
                }
            }
        };
        if !form.start() {
            return;
        }
        let role = Role::parse(&role.get_untracked()).unwrap_or(Role::Manager);
        let status = UserStatus::parse(&status.get_untracked()).unwrap_or(UserStatus::Active);
        let name = name.get_untracked().trim().to_owned();
        let original = original.clone();
        let password = password.get_untracked();
        let email = email.get_untracked().trim().to_owned();
        spawn_local(async move {
            let result = match original {
                Some(before) => {
                    let changes = UpdateUser {
                        name: (name != before.name).then_some(name),
                        role: (role != before.role && before.role != Role::Owner).then_some(role),
                        status: (status != before.status).then_some(status),
                        start_date: (start != before.start_date).then_some(start),
                    };
                    api::users::update_user(before.id, &changes).await.map(|u| (u, false))
                }
                None => {
                    let request = CreateUser {
                        name,
                        email,
                        role,
                        start_date: start,
                        status: Some(status),
                        password: Some(password).filter(|p| !p.is_empty()),
                    };
                    api::users::create_user(&request).await.map(|u| (u, true))
                }
            };
            if let Some(saved) = form.finish(result) {
                on_saved.run(saved);
            }
        });
    };

    view! {
        <form class="form" on:submit=on_submit novalidate>
            <ProblemAlert form=form fields=FIELDS />
            <TextField label=Key::Name field="name" value=name form=form autocomplete="name" autofocus=!editing />
            {(!editing)
                .then(|| {
                    view! {
                        <TextField
                            label=Key::Email
                            field="email"
                            value=email
                            form=form
                            input_type="email"
                            inputmode="email"
                            autocomplete="email"
                        />
                    }
                })}
            <div class="form-grid">
                {if is_owner {
                    view! {
                        <div class="field">
                            <span class="field-label">{tr(Key::Role)}</span>
                            <p><RoleBadge role=Role::Owner /></p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! { <SelectField label=Key::Role field="role" value=role form=form options=role_options /> }
                        .into_any()
                }}
                <SelectField
                    label=Key::Status
                    field="status"
                    value=status
                    form=form
                    options=status_options
                    disabled=is_owner
                />
            </div>
            <TextField
                label=Key::StartDate
                field="start_date"
                value=start_date
                form=form
                input_type="date"
                required=false
                optional_mark=true
            />
            {(!editing)
                .then(|| {
                    view! {
                        <TextField
                            label=Key::InitialPassword
                            field="password"
                            value=password
                            form=form
                            input_type="password"
                            autocomplete="new-password"
                            hint=Key::InitialPasswordHint
                            required=false
                            optional_mark=true
                        />
                    }
                })}
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| on_cancel.run(())>
                    {tr(Key::Cancel)}
                </button>
                <SubmitButton
                    label=if editing { Key::Save } else { Key::CreateUser }
                    form=form
                    class="btn btn-primary"
                />
            </div>
        </form>
    }
}
