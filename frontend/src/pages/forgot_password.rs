//! Asks for a password-reset e-mail.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::auth::PasswordResetRequest;

use crate::api;
use crate::components::auth_layout::AuthLayout;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField};
use crate::i18n::{Key, tr, use_i18n};

/// `/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        let request = PasswordResetRequest { email: address.clone() };
        spawn_local(async move {
            let result = api::auth::request_password_reset(&request).await;
            if form.finish(result).is_some() {
                sent_to.set(Some(address));
            }
        });
    };

    view! {
        <AuthLayout title=Key::ForgotTitle subtitle=Key::ForgotSubtitle allow_signed_in=true>
            {move || match sent_to.get() {
                Some(address) => {
                    view! {
                        <SuccessNote>
                            <p>{move || i18n.t1(Key::ForgotSent, &address)}</p>
                        </SuccessNote>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form class="form" on:submit=on_submit novalidate>
                            <ProblemAlert form=form fields=&["email"] />
                            <TextField
                                label=Key::Email
                                field="email"
                                value=email
                                form=form
                                input_type="email"
                                autocomplete="email"
                                inputmode="email"
                                autofocus=true
                            />
                            <SubmitButton label=Key::SendLink form=form />
                        </form>
                    }
                        .into_any()
                }
            }}
            <p class="auth-switch">
                <A href="/login" attr:class="link">
                    {tr(Key::BackToSignIn)}
                </A>
            </p>
        </AuthLayout>
    }
}
