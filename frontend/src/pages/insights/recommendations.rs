//! Ranked recommendations: apply one (after a confirmation) to create its tasks, or dismiss it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::ai::Recommendation;

use crate::api;
use crate::components::form::{FormState, ProblemAlert};
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, tr, use_i18n};

/// Loads today's recommendations and lists them in rank order.
#[component]
pub fn RecommendationsCard() -> impl IntoView {
    let list = LocalResource::new(api::ai::recommendations);
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let mut items = list.items;
                        items.sort_by_key(|r| r.rank);
                        view! { <RecommendationList items=items /> }.into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| list.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn RecommendationList(items: Vec<Recommendation>) -> impl IntoView {
    let items = RwSignal::new(items);
    let done = RwSignal::new(None::<String>);
    let remove = move |id: String, message: String| {
        items.update(|list| list.retain(|r| r.id != id));
        done.set(Some(message));
    };
    view! {
        {move || done.get().map(|m| view! { <p class="alert alert-success" role="status" data-testid="rec-done">{m}</p> })}
        <Show
            when=move || items.with(|i| !i.is_empty())
            fallback=move || view! { <p class="muted">{tr(Key::NoRecommendations)}</p> }
        >
            <ul class="recommendations" role="list">
                <For each=move || items.get() key=|r| r.id.clone() let:rec>
                    <RecommendationItem rec=rec on_done=Callback::new(move |(id, message)| remove(id, message)) />
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn RecommendationItem(rec: Recommendation, on_done: Callback<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(rec.id.clone());
    let apply = move |_| {
        if !form.start() {
            return;
        }
        spawn_local(async move {
            let id = id.get_value();
            if let Some(applied) = form.finish(api::ai::apply_recommendation(&id).await) {
                let n = applied.task_ids.len().to_string();
                on_done.run((id, Key::TasksCreated.text(i18n.lang()).replacen("{}", &n, 1)));
            } else {
                confirming.set(false);
            }
        });
    };
    let dismiss = move |_| {
        if !form.start() {
            return;
        }
        spawn_local(async move {
            let id = id.get_value();
            if form.finish(api::ai::dismiss_recommendation(&id).await).is_some() {
                on_done.run((id, Key::Dismissed.text(i18n.lang()).to_owned()));
            }
        });
    };
    let action = rec.action.clone();
    let question = action.as_ref().map(|a| a.tasks.to_string()).unwrap_or_default();
    view! {
        <li class="card recommendation" data-id=rec.id.clone()>
            <div class="rec-head">
                <span class="rec-rank" aria-hidden="true">{rec.rank}</span>
                <h3 class="rec-title">{rec.title.clone()}</h3>
            </div>
            <p class="rec-evidence">{rec.evidence.clone()}</p>
            <ProblemAlert form=form />
            <Show
                when=move || confirming.get()
                fallback=move || {
                    let action = action.clone();
                    view! {
                        <div class="rec-actions">
                            {action.map(|a| view! {
                                <button type="button" class="btn btn-primary btn-sm" on:click=move |_| confirming.set(true)>
                                    <Icon icon=IconName::Task />
                                    <span>{a.label}</span>
                                </button>
                            })}
                            <button type="button" class="btn btn-ghost btn-sm" on:click=dismiss disabled=move || form.busy.get()>
                                {tr(Key::Dismiss)}
                            </button>
                        </div>
                    }
                }
            >
                <div class="confirm" role="alertdialog">
                    <p>{
                        let question = question.clone();
                        move || Key::ApplyConfirm.text(i18n.lang()).replacen("{}", &question, 1)
                    }</p>
                    <div class="confirm-actions">
                        <button type="button" class="btn btn-ghost btn-sm" on:click=move |_| confirming.set(false)>
                            {tr(Key::Cancel)}
                        </button>
                        <button type="button" class="btn btn-primary btn-sm" on:click=apply disabled=move || form.busy.get()>
                            <Show when=move || form.busy.get()>
                                <span class="spinner" aria-hidden="true"></span>
                            </Show>
                            {tr(Key::Apply)}
                        </button>
                    </div>
                </div>
            </Show>
        </li>
    }
}
