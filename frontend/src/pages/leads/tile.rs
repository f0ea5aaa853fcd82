//! One card on the board: name, phone, city, last message, temperature and score, the
//! no-reply timer, AI or human, amount and owner. Opens the lead card; moves by dragging, by
//! its grip's menu, or from the keyboard (Shift + arrows; arrows alone walk between cards).

use leptos::prelude::*;
use voronka_types::leads::Lead;
use voronka_types::{LeadId, Permission};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::badges::{HandlerBadge, TemperatureBadge, WaitingBadge};
use super::board_state::BoardState;
use super::context::use_leads;
use super::drag::Drag;
use super::move_menu::MenuRequest;
use crate::components::badges::Avatar;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, format_money, tr, use_i18n};
use crate::session::use_session;

/// A kanban card.
#[component]
pub fn LeadTile(lead: Lead, board: BoardState, drag: Drag, menu: RwSignal<Option<MenuRequest>>) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let session = use_session();
    let can_move = move || session.can(Permission::LeadsWrite);
    let id = lead.id;
    let name = StoredValue::new(lead.name.clone());
    let contact_line = [lead.contact.phone.clone(), lead.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let amount = lead.amount.clone();
    let owner = lead.owner_id;
    let open_menu = move |ev: leptos::ev::MouseEvent| {
        if drag.take_click() {
            return;
        }
        let anchor = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .map(|e| {
                let r = e.get_bounding_client_rect();
                (r.right(), r.bottom())
            })
            .unwrap_or_default();
        menu.set(Some(MenuRequest {
            id,
            name: name.get_value(),
            anchor,
        }));
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if can_move() && on_key(&ev, id, board) {
            ev.prevent_default();
        }
    };
    view! {
        <article
            class="tile"
            data-lead=id.to_string()
            on:pointerdown=move |ev| {
                if can_move() {
                    drag.press(&ev, id, false)
                }
            }
            on:click=move |ev| {
                if drag.take_click() {
                    ev.prevent_default();
                }
            }
            on:keydown=on_keydown
        >
            <div class="tile-head">
                <a class="tile-name" href=format!("/leads/{id}") draggable="false">
                    {lead.name.clone()}
                </a>
                <Show when=can_move>
                    <button
                        type="button"
                        class="tile-grip"
                        aria-haspopup="menu"
                        aria-label=move || i18n.t1(Key::MoveCard, &name.get_value())
                        on:pointerdown=move |ev| {
                            ev.stop_propagation();
                            drag.press(&ev, id, true);
                        }
                        on:click=open_menu
                    >
                        <Icon icon=IconName::Grip />
                    </button>
                </Show>
            </div>
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
        </article>
    }
}

/// Keyboard moves and walks; true when the key was handled.
fn on_key(ev: &KeyboardEvent, id: LeadId, board: BoardState) -> bool {
    let Some((column, index)) = board.locate(id) else {
        return false;
    };
    let last = board.len().saturating_sub(1);
    if ev.shift_key() {
        let (to, after) = match ev.key().as_str() {
            "ArrowLeft" if column > 0 => (column - 1, None),
            "ArrowRight" if column < last => (column + 1, None),
            "ArrowUp" if index > 0 => (column, board.card_before(column, index - 1, id)),
            "ArrowDown" => match board
                .column(column)
                .cards
                .with_untracked(|c| c.get(index + 1).map(|l| l.id))
            {
                Some(next) => (column, Some(next)),
                None => return false,
            },
            _ => return false,
        };
        board.move_lead(id, to, after);
        board.active.set(to);
        focus_later(format!(".tile[data-lead=\"{id}\"] .tile-name"));
        return true;
    }
    let selector = match ev.key().as_str() {
        "ArrowUp" if index > 0 => board.column(column).cards.with_untracked(|c| {
            c.get(index - 1)
                .map(|l| format!(".tile[data-lead=\"{}\"] .tile-name", l.id))
        }),
        "ArrowDown" => board.column(column).cards.with_untracked(|c| {
            c.get(index + 1)
                .map(|l| format!(".tile[data-lead=\"{}\"] .tile-name", l.id))
        }),
        "ArrowLeft" if column > 0 => Some(format!("[data-col=\"{}\"] .tile-name", column - 1)),
        "ArrowRight" if column < last => Some(format!("[data-col=\"{}\"] .tile-name", column + 1)),
        _ => None,
    };
    match selector {
        Some(selector) => {
            focus_later(selector);
            true
        }
        None => false,
    }
}

/// Focuses the first element matching `selector` once the DOM has caught up.
pub fn focus_later(selector: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&format!(".board {selector}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
