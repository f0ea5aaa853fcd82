//! Two-factor authentication on the profile page: enrol with a QR code, confirm, disable.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::auth::{TotpConfirm, TotpDisable, TotpEnrollment};

use crate::api;
use crate::components::copy::CopyButton;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, SuccessNote, TextField};
use crate::components::icons::{Icon, IconName};
use crate::components::qr::QrCodeImage;
use crate::i18n::{Key, tr, use_i18n};
use crate::session::use_session;

/// The secret in groups of four, easier to type by hand.
fn grouped(secret: &str) -> String {
    secret
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The two-factor card: its state, and the forms to turn it on or off.
#[component]
pub fn TwoFactorCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let enabled = move || session.with_me(|m| m.user.totp_enabled).unwrap_or(false);
    let enrollment = RwSignal::new(None::<TotpEnrollment>);
    let just_changed = RwSignal::new(None::<Key>);
    let start = FormState::new();

    let begin = move |_| {
        if !start.start() {
            return;
        }
        just_changed.set(None);
        spawn_local(async move {
            if let Some(e) = start.finish(api::auth::enroll_totp().await) {
                enrollment.set(Some(e));
            }
        });
    };

    view! {
        <section class="card">
            <div class="card-head">
                <h2 class="card-title">{tr(Key::TwoFactor)}</h2>
                <span class="badge" class:badge-success=enabled class:badge-muted=move || !enabled()>
                    {move || i18n.t(if enabled() { Key::On } else { Key::Off })}
                </span>
            </div>
            {move || just_changed.get().map(|k| view! { <SuccessNote><p>{tr(k)}</p></SuccessNote> })}
            {move || {
                if enabled() {
                    view! { <DisableForm just_changed=just_changed /> }.into_any()
                } else if let Some(e) = enrollment.get() {
                    view! { <ConfirmForm enrollment=e pending=enrollment just_changed=just_changed /> }
                        .into_any()
                } else {
                    view! {
                        <p class="muted">{tr(Key::TotpOffHint)}</p>
                        <ProblemAlert form=start />
                        <div class="form-actions">
                            <button
                                type="button"
                                class="btn btn-primary"
                                on:click=begin
                                disabled=move || start.busy.get()
                            >
                                <Show when=move || start.busy.get()>
                                    <span class="spinner" aria-hidden="true"></span>
                                </Show>
                                <Icon icon=IconName::Shield />
                                <span>{tr(Key::TotpEnable)}</span>
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ConfirmForm(
    enrollment: TotpEnrollment,
    pending: RwSignal<Option<TotpEnrollment>>,
    just_changed: RwSignal<Option<Key>>,
) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let code = RwSignal::new(String::new());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = TotpConfirm {
            code: code.get_untracked().replace(' ', ""),
        };
        spawn_local(async move {
            let result = match api::auth::confirm_totp(&request).await {
                Ok(()) => session.reload().await,
                Err(problem) => Err(problem),
            };
            if form.finish(result).is_some() {
                pending.set(None);
                just_changed.set(Some(Key::TotpEnabledDone));
            }
        });
    };
    let uri = enrollment.otpauth_uri.clone();
    let secret = enrollment.secret.clone();
    view! {
        <p class="muted">{tr(Key::TotpScan)}</p>
        <div class="totp-setup">
            <QrCodeImage text=uri.clone() label="otpauth QR".to_owned() />
            <div class="totp-details">
                <p class="field-label">{tr(Key::TotpSecret)}</p>
                <div class="secret-row">
                    <code class="secret">{grouped(&secret)}</code>
                    <CopyButton text=secret.clone() />
                </div>
                <a class="link totp-link" href=uri.clone()>
                    {tr(Key::TotpOpenApp)}
                </a>
                <code class="uri">{uri.clone()}</code>
            </div>
        </div>
        <form class="form" on:submit=on_submit novalidate>
            <ProblemAlert form=form fields=&["code"] />
            <TextField
                label=Key::TotpCode
                field="code"
                value=code
                form=form
                autocomplete="one-time-code"
                inputmode="numeric"
                maxlength=8
            />
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" on:click=move |_| pending.set(None)>
                    {tr(Key::Cancel)}
                </button>
                <SubmitButton label=Key::TotpConfirm form=form class="btn btn-primary" />
            </div>
        </form>
    }
}

#[component]
fn DisableForm(just_changed: RwSignal<Option<Key>>) -> impl IntoView {
    let session = use_session();
    let form = FormState::new();
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = TotpDisable {
            password: password.get_untracked(),
            code: code.get_untracked().replace(' ', ""),
        };
        spawn_local(async move {
            let result = match api::auth::disable_totp(&request).await {
                Ok(()) => session.reload().await,
                Err(problem) => Err(problem),
            };
            if form.finish(result).is_some() {
                just_changed.set(Some(Key::TotpDisabledDone));
            }
        });
    };
    view! {
        <p class="muted">{tr(Key::TotpOnHint)}</p>
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| open.set(true)>
                            {tr(Key::TotpDisable)}
                        </button>
                    </div>
                }
            }
        >
            <form class="form" on:submit=on_submit novalidate>
                <p class="muted">{tr(Key::TotpDisableHint)}</p>
                <ProblemAlert form=form fields=&["password", "code"] />
                <div class="form-grid">
                    <TextField
                        label=Key::Password
                        field="password"
                        value=password
                        form=form
                        input_type="password"
                        autocomplete="current-password"
                    />
                    <TextField
                        label=Key::TotpCode
                        field="code"
                        value=code
                        form=form
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        maxlength=8
                    />
                </div>
                <div class="form-actions">
                    <button type="button" class="btn btn-ghost" on:click=move |_| open.set(false)>
                        {tr(Key::Cancel)}
                    </button>
                    <SubmitButton label=Key::TotpDisable form=form class="btn btn-danger" />
                </div>
            </form>
        </Show>
    }
}
