//! Keyboard use of a board: Shift + arrows move the focused card (to the neighbouring stage, or
//! up and down its column); arrows alone walk between cards.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use super::Card;
use super::state::BoardState;

/// Keyboard moves and walks on card `id`; true when the key was handled.
pub fn on_key<T: Card>(ev: &KeyboardEvent, id: T::Id, board: BoardState<T>) -> bool {
    let Some((column, index)) = board.locate(id) else {
        return false;
    };
    let last = board.len().saturating_sub(1);
    let card_at = |i: usize| board.column(column).cards.with_untracked(|c| c.get(i).map(Card::id));
    if ev.shift_key() {
        let (to, after) = match ev.key().as_str() {
            "ArrowLeft" if column > 0 => (column - 1, None),
            "ArrowRight" if column < last => (column + 1, None),
            "ArrowUp" if index > 0 => (column, board.card_before(column, index - 1, id)),
            "ArrowDown" => match card_at(index + 1) {
                Some(next) => (column, Some(next)),
                None => return false,
            },
            _ => return false,
        };
        board.move_card(id, to, after);
        if board.pending.with_untracked(Option::is_none) {
            board.active.set(to);
            focus_later(format!(".tile[data-card=\"{id}\"] .tile-name"));
        }
        return true;
    }
    let selector = match ev.key().as_str() {
        "ArrowUp" if index > 0 => card_at(index - 1).map(|l| format!(".tile[data-card=\"{l}\"] .tile-name")),
        "ArrowDown" => card_at(index + 1).map(|l| format!(".tile[data-card=\"{l}\"] .tile-name")),
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

/// Focuses the first element of the board matching `selector` once the DOM has caught up.
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
