//! `/deals` in board mode: the shared kanban board (`components::kanban`) with deal cards
//! (title, contact, amount, expected close date with overdue ones marked, owner). A move into
//! a lost stage asks for the reason first.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use voronka_types::deals::{Deal, DealFilter, DealSort, UpdateDeal};
use voronka_types::{DealId, Money, Page, Permission, PipelineId, Problem, StageId};

use super::lost::LostReasonDialog;
use super::{is_overdue, today, use_contact_names};
use crate::api;
use crate::api::deals::DealPage;
use crate::components::badges::Avatar;
use crate::components::filters::SearchBox;
use crate::components::form::FormState;
use crate::components::kanban::{BoardSkeleton, BoardState, Card, Columns, Drag, MenuRequest, PER_STAGE, TileFrame};
use crate::components::page::LoadError;
use crate::i18n::{Key, format_money, format_naive_date, tr, use_i18n};
use crate::pages::leads::context::use_leads;
use crate::session::use_session;

impl Card for Deal {
    type Id = DealId;
    type Filter = DealFilter;
    const REASON_FOR_LOST: bool = true;

    fn id(&self) -> DealId {
        self.id
    }

    fn name(&self) -> String {
        self.title.clone()
    }

    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }

    fn set_stage(&mut self, stage: StageId) {
        self.stage_id = stage;
    }

    fn amount(&self) -> Option<&Money> {
        Some(&self.amount)
    }

    async fn save_move(
        id: DealId,
        stage: Option<StageId>,
        after: Option<DealId>,
        reason: Option<String>,
    ) -> Result<Deal, Problem> {
        let request = UpdateDeal {
            stage_id: stage,
            after_id: Some(after),
            close_reason: reason.map(Some),
            ..UpdateDeal::default()
        };
        api::deals::update_deal(id, &request).await
    }

    async fn more(filter: DealFilter, stage: StageId, cursor: String, limit: u32) -> Result<Page<Deal>, Problem> {
        let filter = DealFilter {
            stage_id: Some(stage),
            ..filter
        };
        let page = DealPage {
            sort: Some(DealSort::Position),
            cursor: Some(cursor),
            limit: Some(limit),
            direction: None,
        };
        api::deals::list_deals(&filter, &page).await
    }
}

/// `/deals` in board mode.
#[component]
pub fn DealBoard(pipeline: PipelineId) -> impl IntoView {
    let search_input = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let filter = Memo::new(move |_| DealFilter {
        q: Some(search.get()).filter(|q| !q.is_empty()),
        ..DealFilter::default()
    });
    let board = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::deals::deal_board(Some(pipeline), PER_STAGE, &filter).await }
    });
    view! {
        <div class="toolbar board-toolbar">
            <SearchBox label=Key::SearchDeals input=search_input search=search />
        </div>
        <Transition fallback=|| view! { <BoardSkeleton /> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(loaded) => {
                        view! {
                            <Columns
                                board=loaded
                                filter=filter.get_untracked()
                                tile=deal_tile
                                empty=Key::NoDealsHere
                                extra=reason_dialog
                            />
                        }
                            .into_any()
                    }
                    Err(problem) => {
                        let retry = Callback::new(move |_| board.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Asks why, while a move into a lost stage waits for its reason.
fn reason_dialog(state: BoardState<Deal>) -> AnyView {
    (move || {
        state.pending.get().map(|pending| {
            let form = FormState::new();
            let on_reason = Callback::new(move |reason: String| state.give_reason(reason));
            let on_cancel = Callback::new(move |_| state.pending.set(None));
            view! { <LostReasonDialog name=pending.name form=form on_reason=on_reason on_cancel=on_cancel /> }
        })
    })
    .into_any()
}

fn deal_tile(
    deal: Deal,
    board: BoardState<Deal>,
    drag: Drag<Deal>,
    menu: RwSignal<Option<MenuRequest<DealId>>>,
) -> AnyView {
    view! { <DealTile deal=deal board=board drag=drag menu=menu /> }.into_any()
}

/// A deal's card on the board.
#[component]
fn DealTile(
    deal: Deal,
    board: BoardState<Deal>,
    drag: Drag<Deal>,
    menu: RwSignal<Option<MenuRequest<DealId>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let deals = use_leads();
    let names = use_contact_names();
    let session = use_session();
    let can_move = Signal::derive(move || session.can(Permission::DealsWrite));
    let id = deal.id;
    let contact = deal.contact_id;
    let owner = deal.owner_id;
    let amount = deal.amount.clone();
    let close = deal.expected_close_date;
    let overdue = is_overdue(close, deal.status, today());
    view! {
        <TileFrame id=id name=deal.title.clone() href=format!("/deals/{id}") can_move=can_move board=board drag=drag menu=menu>
            {contact.map(|c| view! { <p class="tile-contact">{move || names.name(c).unwrap_or_default()}</p> })}
            <div class="tile-foot">
                {close.map(|day| view! {
                    <span class="tile-close" class:is-overdue=overdue>
                        {move || format_naive_date(day, i18n.lang())}
                    </span>
                })}
                {overdue.then(|| view! {
                    <span class="badge badge-overdue">{tr(Key::Overdue)}</span>
                })}
                <span class="tile-end">
                    <span class="tile-amount">{move || format_money(&amount, i18n.lang(), true)}</span>
                    {move || {
                        deals
                            .person(owner)
                            .map(|n| {
                                let title = n.clone();
                                view! { <span class="tile-owner" title=title><Avatar name=n /></span> }
                            })
                    }}
                </span>
            </div>
        </TileFrame>
    }
}
