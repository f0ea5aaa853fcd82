//! One card on the board: name, phone, city, last message, temperature and score, the
//! no-reply timer, AI or human, amount and owner. Opens the lead card; moves by dragging, by
//! its grip's menu, or from the keyboard (Shift + arrows; arrows alone walk between cards).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use voronka_types::leads::{Lead, LeadFilter, LeadSort, UpdateLead};
use voronka_types::{LeadId, Money, Page, Permission, Problem, StageId};

use super::badges::{HandlerBadge, TemperatureBadge, WaitingBadge};
use super::context::use_leads;
use crate::api;
use crate::api::leads::LeadPage;
use crate::components::badges::Avatar;
use crate::components::kanban::{BoardState, Card, Drag, MenuRequest, TileFrame};
use crate::i18n::{Key, format_money, tr, use_i18n};
use crate::session::use_session;

impl Card for Lead {
    type Id = LeadId;
    type Filter = LeadFilter;

    fn id(&self) -> LeadId {
        self.id
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }

    fn set_stage(&mut self, stage: StageId) {
        self.stage_id = stage;
    }

    fn amount(&self) -> Option<&Money> {
        self.amount.as_ref()
    }

    async fn save_move(
        id: LeadId,
        stage: Option<StageId>,
        after: Option<LeadId>,
        _reason: Option<String>,
    ) -> Result<Lead, Problem> {
        let request = UpdateLead {
            stage_id: stage,
            after_id: Some(after),
            ..UpdateLead::default()
        };
        api::leads::update_lead(id, &request).await
    }

    async fn more(filter: LeadFilter, stage: StageId, cursor: String, limit: u32) -> Result<Page<Lead>, Problem> {
        let filter = LeadFilter {
            stage_id: Some(stage),
            ..filter
        };
        let page = LeadPage {
            sort: Some(LeadSort::Position),
            cursor: Some(cursor),
            limit: Some(limit),
            direction: None,
        };
        api::leads::list_leads(&filter, &page).await
    }
}

/// Draws a lead's card on the board.
pub fn lead_tile(
    lead: Lead,
    board: BoardState<Lead>,
    drag: Drag<Lead>,
    menu: RwSignal<Option<MenuRequest<LeadId>>>,
) -> AnyView {
    view! { <LeadTile lead=lead board=board drag=drag menu=menu /> }.into_any()
}

/// A kanban card.
#[component]
pub fn LeadTile(
    lead: Lead,
    board: BoardState<Lead>,
    drag: Drag<Lead>,
    menu: RwSignal<Option<MenuRequest<LeadId>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let session = use_session();
    let can_move = Signal::derive(move || session.can(Permission::LeadsWrite));
    let id = lead.id;
    let contact_line = [lead.contact.phone.clone(), lead.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let amount = lead.amount.clone();
    let owner = lead.owner_id;
    view! {
        <TileFrame id=id name=lead.name.clone() href=format!("/leads/{id}") can_move=can_move board=board drag=drag menu=menu>
            {(!contact_line.is_empty()).then(|| view! { <p class="tile-contact">{contact_line}</p> })}
            {lead.last_inbound_message.clone().map(|m| view! { <p class="tile-message">{m}</p> })}
            <div class="tile-foot">
                <TemperatureBadge temperature=lead.temperature score=lead.score />
                {lead.awaiting_reply_since.map(|since| view! { <WaitingBadge since=since /> })}
                <HandlerBadge handler=lead.handled_by compact=true />
                {lead.repeat.then(|| view! { <span class="badge">{tr(Key::Repeat)}</span> })}
                <span class="tile-end">
                    {amount
                        .map(|m| {
                            view! { <span class="tile-amount">{move || format_money(&m, i18n.lang(), true)}</span> }
                        })}
                    {move || {
                        leads
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
