//! Sets a new password from the e-mailed link (`/reset-password?token=…`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use voronka_types::auth::PasswordResetConfirm;

use crate::api;
use crate::components::auth_layout::AuthLayout;
use crate::components::form::{FormState, ProblemAlert, ProblemBox, SubmitButton, SuccessNote, TextField};
use crate::i18n::{Key, tr, use_i18n};

/// `/reset-password?token=…`.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token")).filter(|t| !t.is_empty());
    let form = FormState::new();
    let new_password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let done = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(token) = query.with_untracked(|q| q.get("token")) else {
            return;
        };
        if new_password.get_untracked() != repeat.get_untracked() {
            form.field_error("repeat_password", Key::PasswordsDiffer.text(i18n.lang()));
            return;
        }
        if !form.start() {
            return;
        }
        let request = PasswordResetConfirm {
            token,
            new_password: new_password.get_untracked(),
        };
        spawn_local(async move {
            let result = api::auth::confirm_password_reset(&request).await;
            if form.finish(result).is_some() {
                done.set(true);
            }
        });
    };

    view! {
        <AuthLayout title=Key::ResetTitle subtitle=Key::ResetSubtitle allow_signed_in=true>
            {move || {
                if done.get() {
                    view! {
                        <SuccessNote>
                            <p>{tr(Key::ResetDone)}</p>
                        </SuccessNote>
                        <A href="/login" attr:class="btn btn-primary btn-block">
                            {tr(Key::SignIn)}
                        </A>
                    }
                        .into_any()
                } else if token().is_none() {
                    view! {
                        <ProblemBox headline=i18n.t(Key::ResetNoToken).to_owned() />
                        <A href="/forgot-password" attr:class="btn btn-secondary btn-block">
                            {tr(Key::SendLink)}
                        </A>
                    }
                        .into_any()
                } else {
                    view! {
                        <form class="form" on:submit=on_submit novalidate>
                            <ProblemAlert form=form fields=&["new_password", "repeat_password"] />
                            <TextField
                                label=Key::NewPassword
                                field="new_password"
                                value=new_password
                                form=form
                                input_type="password"
                                autocomplete="new-password"
                                hint=Key::PasswordHint
                                autofocus=true
                            />
                            <TextField
                                label=Key::RepeatPassword
                                field="repeat_password"
                                value=repeat
                                form=form
                                input_type="password"
                                autocomplete="new-password"
                            />
                            <SubmitButton label=Key::SetPassword form=form />
                        </form>
                    }
                        .into_any()
                }
            }}
        </AuthLayout>
    }
}
