//! Dragging cards between and within columns with pointer events, so a mouse, a pen and a
//! finger all work. A mouse drags a card by any part of it; touch drags by the card's grip
//! (which has `touch-action: none`), so swiping and scrolling stay the browser's.
//!
//! Feedback is drawn straight on the DOM (a floating copy of the card and a drop marker):
//! nothing reactive runs while the pointer moves, so a board of a thousand cards stays smooth.
//! On release the board state moves the card (optimistically) and tells the server.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};

use super::Card;
use super::state::BoardState;

/// Pixels the pointer must travel before a press becomes a drag (so clicks stay clicks).
const THRESHOLD: f64 = 6.0;
/// Width of the zone near a scroller's edge that scrolls it while dragging.
const EDGE: f64 = 56.0;
/// Pixels scrolled per pointer move inside that zone.
const STEP: f64 = 16.0;

/// A press on a card that may turn into a drag.
struct Gesture<I> {
    id: I,
    tile: HtmlElement,
    start: (f64, f64),
    /// Where inside the card the pointer took it.
    grab: (f64, f64),
    ghost: Option<HtmlElement>,
    marked: Option<(Element, &'static str)>,
    /// Column and the card it would follow (`None`: the top).
    target: Option<(usize, Option<I>)>,
}

/// The drag controller of one board. `Copy`.
pub struct Drag<T: Card> {
    board: BoardState<T>,
    gesture: StoredValue<Option<Gesture<T::Id>>, LocalStorage>,
    /// True right after a drag, so the click that ends it does not open the card.
    swallow_click: StoredValue<bool>,
}

impl<T: Card> Clone for Drag<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Card> Copy for Drag<T> {}

impl<T: Card> Drag<T> {
    /// A controller for `board`; [`Drag::listen`] wires it to the window.
    pub fn new(board: BoardState<T>) -> Self {
        Self {
            board,
            gesture: StoredValue::new_local(None),
            swallow_click: StoredValue::new(false),
        }
    }

    /// Follows pointer moves and releases anywhere on the page while this board lives.
    pub fn listen(self) {
        let moving = window_event_listener(leptos::ev::pointermove, move |ev| self.on_move(&ev));
        let up = window_event_listener(leptos::ev::pointerup, move |ev| self.finish(&ev, true));
        let cancel = window_event_listener(leptos::ev::pointercancel, move |ev| self.finish(&ev, false));
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && self.is_dragging() {
                self.clear(false);
            }
        });
        on_cleanup(move || {
            moving.remove();
            up.remove();
            cancel.remove();
            escape.remove();
        });
    }

    /// Whether a card is being dragged right now.
    pub fn is_dragging(&self) -> bool {
        self.gesture
            .with_value(|g| g.as_ref().is_some_and(|g| g.ghost.is_some()))
    }

    /// True once after a drag ended: the caller swallows that click.
    pub fn take_click(&self) -> bool {
        let swallow = self.swallow_click.get_value();
        self.swallow_click.set_value(false);
        swallow
    }

    /// A press on card `id`; `by_grip` tells a press on the grip from one on the card body.
    pub fn press(&self, ev: &PointerEvent, id: T::Id, by_grip: bool) {
        self.swallow_click.set_value(false);
        if ev.button() != 0 || (ev.pointer_type() != "mouse" && !by_grip) {
            return;
        }
        let Some(tile) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest(".tile").ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        if ev.pointer_type() == "mouse" {
            // No text selection or native link drag while the mouse carries the card.
            ev.prevent_default();
        }
        let rect = tile.get_bounding_client_rect();
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        self.gesture.set_value(Some(Gesture {
            id,
            tile,
            start: (x, y),
            grab: (x - rect.left(), y - rect.top()),
            ghost: None,
            marked: None,
            target: None,
        }));
    }

    fn on_move(&self, ev: &PointerEvent) {
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        let board = self.board;
        self.gesture.update_value(|gesture| {
            let Some(g) = gesture else {
                return;
            };
            if g.ghost.is_none() {
                if (x - g.start.0).hypot(y - g.start.1) < THRESHOLD {
                    return;
                }
                g.ghost = lift(&g.tile);
            }
            ev.prevent_default();
            if let Some(ghost) = &g.ghost {
                let _ = ghost.set_attribute(
                    "style",
                    &format!(
                        "width:{}px;transform:translate({}px,{}px)",
                        g.tile.offset_width(),
                        // Whole pixels: formatting floats would pull in a lot of code.
                        (x - g.grab.0) as i32,
                        (y - g.grab.1) as i32
                    ),
                );
            }
            let under = document().element_from_point(x as f32, y as f32);
            if let Some(under) = &under {
                auto_scroll(under, x, y);
            }
            let (target, mark) = under.map_or((None, None), |el| drop_target(&board, g.id, &el, y));
            if let Some((el, class)) = g.marked.take() {
                let _ = el.class_list().remove_1(class);
            }
            if let Some((el, class)) = &mark {
                let _ = el.class_list().add_1(class);
            }
            g.marked = mark;
            g.target = target;
        });
    }

    fn finish(&self, _ev: &PointerEvent, drop: bool) {
        if self.gesture.with_value(Option::is_some) {
            self.clear(drop);
        }
    }

    /// Ends the gesture: removes the feedback and, when `drop`, moves the card.
    fn clear(&self, drop: bool) {
        let Some(g) = self.gesture.try_update_value(Option::take).flatten() else {
            return;
        };
        let Some(ghost) = g.ghost else {
            return; // never became a drag: a plain click
        };
        ghost.remove();
        let _ = g.tile.class_list().remove_1("is-dragging");
        let _ = document().body().map(|b| b.class_list().remove_1("is-dragging-card"));
        if let Some((el, class)) = g.marked {
            let _ = el.class_list().remove_1(class);
        }
        self.swallow_click.set_value(true);
        if let (true, Some((column, after))) = (drop, g.target) {
            self.board.move_card(g.id, column, after);
        }
    }
}

/// Starts the visual drag: a floating copy of the card follows the pointer.
fn lift(tile: &HtmlElement) -> Option<HtmlElement> {
    let ghost = tile.clone_node_with_deep(true).ok()?.dyn_into::<HtmlElement>().ok()?;
    let _ = ghost.class_list().add_1("tile-ghost");
    let _ = ghost.set_attribute("aria-hidden", "true");
    let _ = tile.class_list().add_1("is-dragging");
    let body = document().body()?;
    let _ = body.class_list().add_1("is-dragging-card");
    body.append_child(&ghost).ok()?;
    Some(ghost)
}

/// Where a card dropped at `y` over `el` would go, and which element shows it.
type Target<I> = (Option<(usize, Option<I>)>, Option<(Element, &'static str)>);

fn drop_target<T: Card>(board: &BoardState<T>, moving: T::Id, el: &Element, y: f64) -> Target<T::Id> {
    let Some(zone) = el.closest("[data-col]").ok().flatten() else {
        return (None, None);
    };
    let Some(column) = zone.get_attribute("data-col").and_then(|c| c.parse::<usize>().ok()) else {
        return (None, None);
    };
    // A stage tab (phones): the card goes to the top of that stage.
    if zone.has_attribute("data-top") {
        return (Some((column, None)), Some((zone, "drop-into")));
    }
    let over_card = el
        .closest(".tile[data-card]")
        .ok()
        .flatten()
        .and_then(|tile| Some((tile.get_attribute("data-card")?.parse::<T::Id>().ok()?, tile)));
    match over_card {
        Some((id, tile)) if id != moving => {
            let rect = tile.get_bounding_client_rect();
            let upper = y < rect.top() + rect.height() / 2.0;
            let index = board
                .column(column)
                .cards
                .with_untracked(|cards| cards.iter().position(|l| l.id() == id));
            let Some(index) = index else {
                return (None, None);
            };
            if upper {
                (
                    Some((column, board.card_before(column, index, moving))),
                    Some((tile, "drop-before")),
                )
            } else {
                (Some((column, Some(id))), Some((tile, "drop-after")))
            }
        }
        // Over itself: stays where it is.
        Some(_) => match board.locate(moving) {
            Some((c, i)) => (Some((c, board.card_before(c, i, moving))), None),
            None => (None, None),
        },
        // Empty space of a column: after its last loaded card.
        None => (
            Some((column, board.last_card(column, moving))),
            Some((zone, "drop-end")),
        ),
    }
}

/// Scrolls the column under the pointer, and the board sideways, near their edges.
fn auto_scroll(under: &Element, x: f64, y: f64) {
    if let Some(cards) = under.closest(".column-cards").ok().flatten() {
        let rect = cards.get_bounding_client_rect();
        if y < rect.top() + EDGE {
            cards.scroll_by_with_x_and_y(0.0, -STEP);
        } else if y > rect.bottom() - EDGE {
            cards.scroll_by_with_x_and_y(0.0, STEP);
        }
    }
    if let Some(strip) = under.closest(".board-columns").ok().flatten() {
        let rect = strip.get_bounding_client_rect();
        if x < rect.left() + EDGE {
            strip.scroll_by_with_x_and_y(-STEP, 0.0);
        } else if x > rect.right() - EDGE {
            strip.scroll_by_with_x_and_y(STEP, 0.0);
        }
    }
}
