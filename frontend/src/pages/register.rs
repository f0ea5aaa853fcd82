//! Sign-up: a new company and its owner.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use voronka_types::auth::RegisterRequest;

use crate::api;
use crate::components::auth_layout::AuthLayout;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, TextField};
use crate::i18n::{Key, tr};
use crate::session::use_session;

/// `/register`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let company_name = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = RegisterRequest {
            company_name: company_name.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            let result = match api::auth::register(&request).await {
                Ok(_) => session.reload().await,
                Err(problem) => Err(problem),
            };
            form.finish(result);
        });
    };

    view! {
        <AuthLayout title=Key::RegisterTitle subtitle=Key::RegisterSubtitle>
            <form class="form" on:submit=on_submit novalidate>
                <ProblemAlert form=form fields=&["company_name", "name", "email", "password"] />
                <TextField
                    label=Key::CompanyName
                    field="company_name"
                    value=company_name
                    form=form
                    autocomplete="organization"
                    autofocus=true
                />
                <TextField label=Key::YourName field="name" value=name form=form autocomplete="name" />
                <TextField
                    label=Key::Email
                    field="email"
                    value=email
                    form=form
                    input_type="email"
                    autocomplete="email"
                    inputmode="email"
                />
                <TextField
                    label=Key::Password
                    field="password"
                    value=password
                    form=form
                    input_type="password"
                    autocomplete="new-password"
                    hint=Key::PasswordHint
                />
                <SubmitButton label=Key::RegisterSubmit form=form />
            </form>
            <p class="auth-switch">
                {tr(Key::HaveAccount)}
                " "
                <A href="/login" attr:class="link">
                    {tr(Key::SignIn)}
                </A>
            </p>
        </AuthLayout>
    }
}
