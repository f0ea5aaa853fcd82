//! Sign-in, with the two-factor code step when the account asks for it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::auth::LoginRequest;

use crate::api;
use crate::components::auth_layout::AuthLayout;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, TextField};
use crate::i18n::{Key, tr};
use crate::session::use_session;

/// `/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let totp_code = RwSignal::new(String::new());
    // Set once the server answered `totp_required`: the form then asks for the code.
    let totp_step = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            totp_code: totp_step
                .get_untracked()
                .then(|| totp_code.get_untracked().replace(' ', "")),
        };
        spawn_local(async move {
            match api::auth::login(&request).await {
                Ok(_) => {
                    // The layout moves on to the next page once the session is known.
                    let result = session.reload().await;
                    form.finish(result);
                }
                Err(problem) if problem.code == "totp_required" => {
                    form.busy.set(false);
                    totp_step.set(true);
                }
                Err(problem) => {
                    form.finish::<()>(Err(problem));
                }
            }
        });
    };

    let back = move |_| {
        totp_step.set(false);
        totp_code.set(String::new());
        form.problem.set(None);
    };

    view! {
        <AuthLayout title=Key::SignInTitle subtitle=Key::SignInSubtitle>
            <form class="form" on:submit=on_submit novalidate>
                <ProblemAlert form=form fields=&["email", "password", "totp_code"] />
                <Show
                    when=move || totp_step.get()
                    fallback=move || {
                        view! {
                            <TextField
                                label=Key::Email
                                field="email"
                                value=email
                                form=form
                                input_type="email"
                                autocomplete="username"
                                inputmode="email"
                                autofocus=true
                            />
                            <TextField
                                label=Key::Password
                                field="password"
                                value=password
                                form=form
                                input_type="password"
                                autocomplete="current-password"
                            />
                            <div class="form-row-end">
                                <A href="/forgot-password" attr:class="link">
                                    {tr(Key::ForgotPassword)}
                                </A>
                            </div>
                        }
                    }
                >
                    <div class="step-note">
                        <p class="step-title">{tr(Key::TotpTitle)}</p>
                        <p class="muted">{tr(Key::TotpPrompt)}</p>
                    </div>
                    <TextField
                        label=Key::TotpCode
                        field="totp_code"
                        value=totp_code
                        form=form
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        autofocus=true
                        maxlength=8
                    />
                </Show>
                <SubmitButton
                    label=Signal::derive(move || if totp_step.get() { Key::Verify } else { Key::SignIn })
                    form=form
                />
                <Show when=move || totp_step.get()>
                    <button type="button" class="btn btn-ghost btn-block" on:click=back>
                        {tr(Key::Back)}
                    </button>
                </Show>
            </form>
            <p class="auth-switch">
                {tr(Key::NoAccount)}
                " "
                <A href="/register" attr:class="link">
                    {tr(Key::CreateAccount)}
                </A>
            </p>
        </AuthLayout>
    }
}
