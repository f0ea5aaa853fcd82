//! "Convert to deal": a deal from the lead (title, amount, expected close date); the lead
//! moves to its pipeline's won stage.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::leads::ConvertLead;

use super::use_editor;
use crate::api;
use crate::components::form::{FormState, ProblemAlert, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr, use_i18n};
use crate::pages::leads::new_lead::normalize_amount;

const FIELDS: &[&str] = &["title", "amount", "expected_close_date"];

/// The conversion sheet, shown while `open` is true; `converted` gets the new deal's title.
#[component]
pub fn ConvertSheet(open: RwSignal<bool>, converted: RwSignal<Option<String>>) -> impl IntoView {
    let editor = use_editor();
    let i18n = use_i18n();
    let form = FormState::new();
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let (name, amount) = editor
        .lead
        .with_untracked(|l| (l.name.clone(), l.amount.as_ref().map(|m| m.amount.clone())));
    let title = RwSignal::new(name);
    let amount = RwSignal::new(amount.unwrap_or_default());
    let close_date = RwSignal::new(String::new());
    let close = move || open.set(false);
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let id = editor.lead.with_untracked(|l| l.id);
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
        let expected = match text(close_date).map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d")) {
            Some(Ok(day)) => Some(day),
            Some(Err(_)) => {
                form.field_error("expected_close_date", Key::FieldRequired.text(i18n.lang()));
                return;
            }
            None => None,
        };
        if !form.start() {
            return;
        }
        let request = ConvertLead {
            title: text(title),
            amount: text(amount).map(|a| normalize_amount(&a)),
            expected_close_date: expected,
            ..ConvertLead::default()
        };
        spawn_local(async move {
            if let Some(done) = form.finish(api::leads::convert_lead(id, &request).await) {
                converted.set(Some(done.deal.title));
                editor.lead.set(done.lead);
                editor.changed();
                open.set(false);
            }
        });
    };
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
                    <h2 id=title_id class="card-title">{tr(Key::ConvertToDeal)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| close()>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <p class="muted">{tr(Key::ConvertHint)}</p>
                    <ProblemAlert form=form fields=FIELDS />
                    <TextField label=Key::DealTitle field="title" value=title form=form />
                    <div class="form-grid">
                        <TextField label=Key::Amount field="amount" value=amount form=form inputmode="decimal" required=false optional_mark=true />
                        <TextField label=Key::ExpectedClose field="expected_close_date" value=close_date form=form input_type="date" required=false optional_mark=true />
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| close()>
                            {tr(Key::Cancel)}
                        </button>
                        <SubmitButton label=Key::ConvertToDeal form=form class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
