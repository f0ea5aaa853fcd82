//! A button that asks before doing something that cannot be undone.

use leptos::prelude::*;

use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};

/// Shows `label`; a press opens an inline confirmation with `message`, whose second press runs
/// `on_confirm`. The caller runs the request through `form` and closes `open` when it is done.
#[component]
pub fn ConfirmAction(
    label: Key,
    icon: IconName,
    #[prop(into)] message: Signal<String>,
    open: RwSignal<bool>,
    form: FormState,
    on_confirm: Callback<()>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let (ghost, solid) = if danger {
        ("btn btn-danger-ghost btn-sm", "btn btn-danger btn-sm")
    } else {
        ("btn btn-ghost btn-sm", "btn btn-primary btn-sm")
    };
    view! {
        <Show
            when=move || open.get()
            fallback=move || view! {
                <button type="button" class=ghost on:click=move |_| open.set(true)>
                    <Icon icon=icon />
                    <span>{tr(label)}</span>
                </button>
            }
        >
            <div class="confirm" role="alertdialog">
                <p>{move || message.get()}</p>
                <ProblemAlert form=form />
                <div class="confirm-actions">
                    <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| open.set(false)>
                        {tr(Key::Cancel)}
                    </button>
                    <button
                        type="button"
                        class=solid
                        on:click=move |_| on_confirm.run(())
                        disabled=move || form.busy.get()
                    >
                        <Show when=move || form.busy.get()>
                            <span class="spinner" aria-hidden="true"></span>
                        </Show>
                        {tr(label)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
