//! The "New deal" sheet: title, contact, amount and currency, expected close date and stage.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use voronka_types::deals::CreateDeal;
use voronka_types::{ContactId, PipelineId};

use super::contact_picker::ContactPicker;
use super::parse_day;
use crate::api;
use crate::components::form::{FormState, ProblemAlert, SelectField, SubmitButton, TextField, unique_id};
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, tr};
use crate::pages::leads::context::use_leads;
use crate::pages::leads::new_lead::normalize_amount;

const FIELDS: &[&str] = &[
    "title",
    "contact_id",
    "amount",
    "currency",
    "expected_close_date",
    "stage_id",
];

/// The sheet, shown while `open` is true. A created deal opens its card.
#[component]
pub fn NewDealSheet(open: RwSignal<bool>, pipeline: PipelineId) -> impl IntoView {
    let deals = use_leads();
    let navigate = use_navigate();
    let form = FormState::new();
    let title_id = unique_id("sheet-title");
    let labelled_by = title_id.clone();
    let title = RwSignal::new(String::new());
    let contact = RwSignal::new(None::<(ContactId, String)>);
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new(String::new());
    let close_date = RwSignal::new(String::new());
    let stages = deals.stages_of(pipeline);
    let stage = RwSignal::new(stages.first().map(|s| s.id.to_string()).unwrap_or_default());
    let stage_options = Signal::derive(move || {
        deals
            .stages_of(pipeline)
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect::<Vec<_>>()
    });
    let close = move || open.set(false);
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let request = CreateDeal {
            title: title.get_untracked().trim().to_owned(),
            contact_id: contact.get_untracked().map(|(id, _)| id),
            pipeline_id: Some(pipeline),
            stage_id: stage.get_untracked().parse().ok(),
            amount: text(amount).map(|a| normalize_amount(&a)),
            currency: text(currency).map(|c| c.to_uppercase()),
            expected_close_date: parse_day(&close_date.get_untracked()),
            ..CreateDeal::default()
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(deal) = form.finish(api::deals::create_deal(&request).await) {
                open.set(false);
                navigate(&format!("/deals/{}", deal.id), Default::default());
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
                    <h2 id=title_id class="card-title">{tr(Key::NewDeal)}</h2>
                    <button type="button" class="icon-btn" aria-label=tr(Key::Close) on:click=move |_| close()>
                        <Icon icon=IconName::Close />
                    </button>
                </div>
                <form class="form" on:submit=on_submit novalidate>
                    <ProblemAlert form=form fields=FIELDS />
                    <TextField label=Key::DealTitle field="title" value=title form=form autofocus=true />
                    <ContactPicker chosen=contact />
                    <div class="form-grid">
                        <TextField
                            label=Key::Amount
                            field="amount"
                            value=amount
                            form=form
                            inputmode="decimal"
                            required=false
                            optional_mark=true
                        />
                        <TextField
                            label=Key::Currency
                            field="currency"
                            value=currency
                            form=form
                            required=false
                            optional_mark=true
                            maxlength=3
                        />
                        <TextField
                            label=Key::ExpectedClose
                            field="expected_close_date"
                            value=close_date
                            form=form
                            input_type="date"
                            required=false
                            optional_mark=true
                        />
                        <SelectField label=Key::Stage field="stage_id" value=stage form=form options=stage_options />
                    </div>
                    <div class="form-actions">
                        <button type="button" class="btn btn-secondary" on:click=move |_| close()>
                            {tr(Key::Cancel)}
                        </button>
                        <SubmitButton label=Key::CreateDealSubmit form=form class="btn btn-primary" />
                    </div>
                </form>
            </div>
        </div>
    }
}
