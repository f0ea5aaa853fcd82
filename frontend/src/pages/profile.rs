//! The signed-in user's own page: who they are, their password, two-factor, sign-out.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::auth::ChangePassword;

use crate::api;
use crate::components::badges::{Avatar, RoleBadge};
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField};
use crate::components::icons::{Icon, IconName};
use crate::components::page::PageHeader;
use crate::i18n::{Key, format_date, tr, use_i18n};
use crate::pages::two_factor::TwoFactorCard;
use crate::session::use_session;

/// `/profile`.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move { session.sign_out().await });
    };
    let account = move || {
        session.me().map(|me| {
            let company = me.tenant.as_ref().map(|t| t.name.clone()).unwrap_or_default();
            let since = me.user.created_at;
            view! {
                <section class="card profile-card">
                    <div class="profile-head">
                        <Avatar name=me.user.name.clone() large=true />
                        <div>
                            <h2 class="profile-name">{me.user.name.clone()}</h2>
                            <p class="muted">{me.user.email.clone()}</p>
                        </div>
                    </div>
                    <dl class="facts">
                        <div class="fact">
                            <dt>{tr(Key::Company)}</dt>
                            <dd>{company}</dd>
                        </div>
                        <div class="fact">
                            <dt>{tr(Key::Role)}</dt>
                            <dd>
                                <RoleBadge role=me.user.role />
                            </dd>
                        </div>
                        <div class="fact">
                            <dt>{tr(Key::MemberSince)}</dt>
                            <dd>{move || format_date(since, i18n.lang())}</dd>
                        </div>
                    </dl>
                </section>
            }
        })
    };
    view! {
        <PageHeader title=Key::NavProfile />
        <div class="stack profile-layout">
            {account}
            <ChangePasswordCard />
            <TwoFactorCard />
            <button
                type="button"
                class="btn btn-danger-ghost btn-block phone-only"
                on:click=sign_out
                disabled=move || signing_out.get()
            >
                <Icon icon=IconName::SignOut />
                <span>{tr(Key::SignOut)}</span>
            </button>
        </div>
    }
}

#[component]
fn ChangePasswordCard() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let changed = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        changed.set(false);
        if new_password.get_untracked() != repeat.get_untracked() {
            form.field_error("repeat_password", Key::PasswordsDiffer.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let request = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        spawn_local(async move {
            let result = api::auth::change_password(&request).await;
            if form.finish(result).is_some() {
                changed.set(true);
                current.set(String::new());
                new_password.set(String::new());
                repeat.set(String::new());
            }
        });
    };
    view! {
        <section class="card">
            <h2 class="card-title">{tr(Key::ChangePassword)}</h2>
            <form class="form" on:submit=on_submit novalidate>
                <Show when=move || changed.get()>
                    <SuccessNote>
                        <p>{tr(Key::PasswordChanged)}</p>
                    </SuccessNote>
                </Show>
                <ProblemAlert form=form fields=&["current_password", "new_password", "repeat_password"] />
                <TextField
                    label=Key::CurrentPassword
                    field="current_password"
                    value=current
                    form=form
                    input_type="password"
                    autocomplete="current-password"
                />
                <div class="form-grid">
                    <TextField
                        label=Key::NewPassword
                        field="new_password"
                        value=new_password
                        form=form
                        input_type="password"
                        autocomplete="new-password"
                        hint=Key::PasswordHint
                    />
                    <TextField
                        label=Key::RepeatPassword
                        field="repeat_password"
                        value=repeat
                        form=form
                        input_type="password"
                        autocomplete="new-password"
                    />
                </div>
                <div class="form-actions">
                    <SubmitButton label=Key::ChangePassword form=form class="btn btn-primary" />
                </div>
            </form>
        </section>
    }
}
