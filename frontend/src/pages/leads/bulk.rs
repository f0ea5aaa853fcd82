//! The bar that appears when leads are selected in the list: assign, move, tag or delete
//! them all at once (`POST /leads/bulk`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::leads::{BulkAction, BulkLeads};
use voronka_types::{LeadId, Permission, PipelineId};

use super::context::use_leads;
use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::i18n::{Key, format_count, tr, use_i18n};
use crate::session::use_session;

/// Shown while `selected` is not empty; `on_done` gets how many leads changed.
#[component]
pub fn BulkBar(selected: RwSignal<Vec<LeadId>>, pipeline: PipelineId, on_done: Callback<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let leads = use_leads();
    let stages = leads.stages_of(pipeline);
    let action = RwSignal::new(
        if session.can(Permission::LeadsWrite) {
            "move"
        } else {
            "delete"
        }
        .to_owned(),
    );
    let stage = RwSignal::new(stages.first().map(|s| s.id.to_string()).unwrap_or_default());
    let owner = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let form = FormState::new();
    let count = move || selected.with(Vec::len) as u64;

    let apply = move |_| {
        let chosen = match action.get_untracked().as_str() {
            "assign" => BulkAction::Assign {
                owner_id: owner.get_untracked().parse().ok(),
            },
            "tag" => {
                let text = tag.get_untracked().trim().to_owned();
                if text.is_empty() {
                    form.field_error("add", Key::FieldRequired.text(i18n.lang()));
                    return;
                }
                BulkAction::Tag {
                    add: vec![text],
                    remove: Vec::new(),
                }
            }
            "delete" => {
                if !confirming.get_untracked() {
                    confirming.set(true);
                    return;
                }
                BulkAction::Delete
            }
            _ => match stage.get_untracked().parse() {
                Ok(stage_id) => BulkAction::Move { stage_id },
                Err(_) => return,
            },
        };
        if !form.start() {
            return;
        }
        let request = BulkLeads {
            ids: Some(selected.get_untracked()),
            filter: None,
            filter_custom_fields: Default::default(),
            action: chosen,
        };
        spawn_local(async move {
            if let Some(result) = form.finish(api::leads::bulk_leads(&request).await) {
                confirming.set(false);
                on_done.run(result.affected);
            }
        });
    };

    let actions = move || {
        let mut list = Vec::new();
        if session.can(Permission::LeadsWrite) {
            list.extend([
                ("move", Key::BulkMove),
                ("assign", Key::BulkAssign),
                ("tag", Key::BulkTag),
            ]);
        }
        if session.can(Permission::LeadsDelete) {
            list.push(("delete", Key::Delete));
        }
        list.into_iter()
            .map(|(value, key)| {
                let selected = action.get_untracked() == value;
                view! { <option value=value selected=selected>{i18n.t(key)}</option> }
            })
            .collect_view()
    };
    let stages = StoredValue::new(stages);
    let stage_options = move || {
        stages.with_value(|all| {
            all.iter()
                .map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> })
                .collect_view()
        })
    };
    let owner_options = move || {
        let people = leads.team.get();
        view! {
            <option value="">{tr(Key::Unassigned)}</option>
            {people.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
        }
    };
    let can_act = move || session.can(Permission::LeadsWrite) || session.can(Permission::LeadsDelete);
    view! {
        <Show when=move || { count() > 0 }>
            <div class="bulk-bar" role="region" aria-label=tr(Key::BulkAction)>
                <p class="bulk-count">{move || i18n.t1(Key::SelectedCount, &format_count(count(), i18n.lang()))}</p>
                <Show when=can_act>
                    <div class="bulk-controls">
                        <select
                            class="input select"
                            name="bulk_action"
                            aria-label=tr(Key::BulkAction)
                            on:change=move |ev| {
                                confirming.set(false);
                                action.set(event_target_value(&ev));
                            }
                        >
                            {actions}
                        </select>
                        {move || match action.get().as_str() {
                            "move" => view! {
                                <select class="input select" name="bulk_stage" aria-label=tr(Key::Stage) prop:value=stage on:change=move |ev| stage.set(event_target_value(&ev))>
                                    {stage_options}
                                </select>
                            }.into_any(),
                            "assign" => view! {
                                <select class="input select" name="bulk_owner" aria-label=tr(Key::Owner) prop:value=owner on:change=move |ev| owner.set(event_target_value(&ev))>
                                    {owner_options}
                                </select>
                            }.into_any(),
                            "tag" => view! {
                                <input class="input" name="bulk_tag" aria-label=tr(Key::Tags) prop:value=tag on:input=move |ev| tag.set(event_target_value(&ev)) />
                            }.into_any(),
                            _ => ().into_any(),
                        }}
                        <button
                            type="button"
                            class="btn"
                            class:btn-primary=move || action.get() != "delete"
                            class:btn-danger=move || action.get() == "delete"
                            disabled=move || form.busy.get()
                            on:click=apply
                        >
                            {move || if confirming.get() { i18n.t(Key::Delete) } else { i18n.t(Key::Apply) }}
                        </button>
                    </div>
                </Show>
                <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| selected.set(Vec::new())>
                    {tr(Key::ClearSelection)}
                </button>
                <Show when=move || confirming.get()>
                    <p class="bulk-confirm" role="alert">
                        {move || i18n.t1(Key::BulkDeleteConfirm, &count().to_string())}
                    </p>
                </Show>
                <ProblemAlert form=form />
            </div>
        </Show>
    }
}
