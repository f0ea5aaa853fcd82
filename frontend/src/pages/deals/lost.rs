//! The question a deal asks before it moves to a lost stage: why? (the API's `close_reason`,
//! required). Used by the deal card's "Lost" button and by board moves into a lost column.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::form::{FormState, ProblemAlert, unique_id};
use crate::components::inline::error_of;
use crate::i18n::{Key, tr, use_i18n};

/// A dialog asking why `name` was lost. `on_reason` gets the trimmed reason and sends it
/// through `form` (whose `close_reason` error shows under the field); `on_cancel` closes it.
#[component]
pub fn LostReasonDialog(
    name: String,
    form: FormState,
    on_reason: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let title_id = unique_id("dialog-title");
    let labelled_by = title_id.clone();
    let field_id = unique_id("field");
    let error = error_of(form, "close_reason");
    let field = NodeRef::<leptos::html::Textarea>::new();
    // Focus the reason once drawn (after a move menu hands focus back to its card).
    request_animation_frame(move || {
        request_animation_frame(move || {
            if let Some(field) = field.get_untracked() {
                let _ = field.focus();
            }
        })
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        }
    });
    on_cleanup(move || escape.remove());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked().trim().to_owned();
        if text.is_empty() {
            form.field_error("close_reason", i18n.t(Key::ReasonRequired));
            return;
        }
        on_reason.run(text);
    };
    let heading = i18n.t1(Key::LostTitle, &name);
    view! {
        <div class="sheet-backdrop" on:click=move |_| on_cancel.run(())>
            <div
                class="sheet lost-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                on:click=|ev| ev.stop_propagation()
            >
                <div class="sheet-head">
                    <h2 id=title_id class="card-title">{heading}</h2>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <p class="muted">{tr(Key::LostReasonHint)}</p>
                    <ProblemAlert form=form fields=&["close_reason"] />
                    <div class="field" class:has-error=move || error.with(Option::is_some)>
                        <label for=field_id.clone() class="field-label">{tr(Key::LostReason)}</label>
                        <textarea
                            node_ref=field
                            id=field_id
                            name="close_reason"
                            class="input textarea"
                            rows="3"
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            prop:value=reason
                            on:input=move |ev| {
                                reason.set(event_target_value(&ev));
                                form.problem.set(None);
                            }
                        ></textarea>
                        {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| on_cancel.run(())>
                            {tr(Key::Cancel)}
                        </button>
                        <button type="submit" class="btn btn-danger" disabled=move || form.busy.get()>
                            <Show when=move || form.busy.get()>
                                <span class="spinner" aria-hidden="true"></span>
                            </Show>
                            {tr(Key::ConfirmLost)}
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}
