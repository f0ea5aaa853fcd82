//! `/deals/:id`, the deal card: fields editable in place, stage and owner pickers, Won / Lost
//! (lost asks why), the stage history, links to the contact and the lead it came from, and
//! delete with a confirmation.

mod details;
mod patches;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use voronka_types::deals::{Deal, UpdateDeal};
use voronka_types::pipelines::{PipelineKind, StageKind};
use voronka_types::{DealId, Permission, StageId};

use super::lost::LostReasonDialog;
use super::status_key;
use crate::api;
use crate::components::confirm::ConfirmAction;
use crate::components::form::FormState;
use crate::components::icons::{Icon, IconName};
use crate::components::inline::InlineText;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_money, tr, use_i18n};
use crate::pages::leads::context::{LeadsData, use_leads};
use crate::pages::not_found::NotFoundPage;
use crate::session::use_session;
use details::{DealDetails, DealPickers, StageHistory};

/// The open deal and how to change it, shared by the card's parts. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct DealEditor {
    /// The deal as last saved.
    pub deal: RwSignal<Deal>,
    /// Bumped after every change, so the stage history reloads.
    pub version: RwSignal<u32>,
    /// The lost stage a move waits for a reason to go to.
    pub losing: RwSignal<Option<StageId>>,
}

impl DealEditor {
    /// Saves `patch` with `form` showing progress and problems; the card follows the answer.
    pub fn save(self, patch: UpdateDeal, form: FormState) {
        if !form.start() {
            return;
        }
        let id = self.deal.with_untracked(|d| d.id);
        spawn_local(async move {
            if let Some(saved) = form.finish(api::deals::update_deal(id, &patch).await) {
                self.deal.set(saved);
                self.losing.set(None);
                self.version.update(|v| *v += 1);
            }
        });
    }
}

fn use_editor() -> DealEditor {
    expect_context::<DealEditor>()
}

/// `/deals/:id`.
#[component]
pub fn DealCardPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse::<DealId>().ok()));
    view! {
        <LeadsData kind=PipelineKind::Deal>
            {move || match id.get() {
                Some(id) => view! { <LoadDeal id=id /> }.into_any(),
                None => view! { <NotFoundPage /> }.into_any(),
            }}
        </LeadsData>
    }
}

#[component]
fn LoadDeal(id: DealId) -> impl IntoView {
    let deal = LocalResource::new(move || api::deals::get_deal(id));
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
            {move || Suspend::new(async move {
                match deal.await {
                    Ok(deal) => view! { <DealCard deal=deal /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| deal.refetch());
                        view! {
                            <BackLink />
                            <LoadError problem=problem retry=retry />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn BackLink() -> impl IntoView {
    view! {
        <A href="/deals" attr:class="back-link">
            <Icon icon=IconName::ChevronLeft />
            <span>{tr(Key::NavDeals)}</span>
        </A>
    }
}

#[component]
fn DealCard(deal: Deal) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let editor = DealEditor {
        deal: RwSignal::new(deal),
        version: RwSignal::new(0),
        losing: RwSignal::new(None),
    };
    provide_context(editor);
    let deal = editor.deal;
    let title_form = FormState::new();
    let status = move || deal.with(|d| d.status);
    let money = move || deal.with(|d| format_money(&d.amount, i18n.lang(), false));
    view! {
        <div class="lead-card-page deal-card-page">
            <BackLink />
            <section class="card lead-hero">
                <div class="lead-hero-top">
                    <div class="lead-hero-text">
                        <InlineText
                            label=Key::DealTitle
                            field="title"
                            form=title_form
                            value=Signal::derive(move || deal.with(|d| d.title.clone()))
                            save=details::saver(patches::title_patch)
                            read_only=details::locked()
                            heading=true
                        />
                        <p class="deal-hero-amount" data-testid="deal-amount">{money}</p>
                    </div>
                </div>
                <div class="lead-badges">
                    <span class=move || format!("badge deal-{}", status().as_str()) data-testid="deal-status">
                        {move || tr(status_key(status()))()}
                    </span>
                    {move || deal.with(|d| d.close_reason.clone()).map(|r| view! {
                        <span class="deal-reason" data-testid="deal-reason">{r}</span>
                    })}
                </div>
                <Outcome />
                <DealPickers />
            </section>
            <div class="lead-layout">
                <DealDetails />
                <section class="lead-activity" aria-labelledby="history-title">
                    <h2 class="section-title" id="history-title">{tr(Key::StageHistory)}</h2>
                    <StageHistory />
                    <Show when=move || session.can(Permission::DealsWrite)>
                        <DeleteDeal />
                    </Show>
                </section>
            </div>
            <LosingDialog />
        </div>
    }
}

/// The Won and Lost buttons (Lost asks for the reason first).
#[component]
fn Outcome() -> impl IntoView {
    let session = use_session();
    let deals = use_leads();
    let editor = use_editor();
    let form = FormState::new();
    let target = move |kind: StageKind| {
        let pipeline = editor.deal.with(|d| d.pipeline_id);
        deals.stage_of_kind(pipeline, kind).map(|s| s.id)
    };
    let shown = move |kind: StageKind| {
        session.can(Permission::DealsWrite) && editor.deal.with(|d| d.status != kind) && target(kind).is_some()
    };
    let win = move |_| {
        if let Some(stage) = target(StageKind::Won) {
            editor.save(
                UpdateDeal {
                    stage_id: Some(stage),
                    ..UpdateDeal::default()
                },
                form,
            );
        }
    };
    let lose = move |_| editor.losing.set(target(StageKind::Lost));
    view! {
        <div class="lead-actions deal-outcome">
            <Show when=move || shown(StageKind::Won)>
                <button type="button" class="btn btn-success" on:click=win disabled=move || form.busy.get()>
                    <Icon icon=IconName::Check />
                    <span>{tr(Key::MarkWon)}</span>
                </button>
            </Show>
            <Show when=move || shown(StageKind::Lost)>
                <button type="button" class="btn btn-danger-ghost" on:click=lose>
                    <Icon icon=IconName::Close />
                    <span>{tr(Key::MarkLost)}</span>
                </button>
            </Show>
            <crate::components::form::ProblemAlert form=form />
        </div>
    }
}

/// Asks for the reason while a move to a lost stage waits for one.
#[component]
fn LosingDialog() -> impl IntoView {
    let editor = use_editor();
    move || {
        editor.losing.get().map(|stage| {
            let form = FormState::new();
            let name = editor.deal.with_untracked(|d| d.title.clone());
            let on_reason = Callback::new(move |reason: String| {
                editor.save(
                    UpdateDeal {
                        stage_id: Some(stage),
                        close_reason: Some(Some(reason)),
                        ..UpdateDeal::default()
                    },
                    form,
                );
            });
            let on_cancel = Callback::new(move |_| {
                editor.losing.set(None);
                // Redraw the stage picker, which still shows the lost stage it was set to.
                editor.deal.update(|_| {});
            });
            view! { <LostReasonDialog name=name form=form on_reason=on_reason on_cancel=on_cancel /> }
        })
    }
}

/// Delete, after a confirmation; back to the list when done.
#[component]
fn DeleteDeal() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let form = FormState::new();
    let message = Signal::derive(move || i18n.t1(Key::DeleteDealConfirm, &editor.deal.with(|d| d.title.clone())));
    let on_confirm = Callback::new(move |_| {
        if !form.start() {
            return;
        }
        let id = editor.deal.with_untracked(|d| d.id);
        let navigate = navigate.clone();
        spawn_local(async move {
            if form.finish(api::deals::delete_deal(id).await).is_some() {
                navigate("/deals", Default::default());
            }
        });
    });
    view! {
        <div class="deal-delete">
            <ConfirmAction
                label=Key::DeleteDeal
                icon=IconName::Trash
                message=message
                open=open
                form=form
                on_confirm=on_confirm
                danger=true
            />
        </div>
    }
}
