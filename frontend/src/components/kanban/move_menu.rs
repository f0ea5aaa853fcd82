//! The "Move to stage" menu of a card's grip: every stage, and up / down within the column.
//! A popover next to the grip on desktop, a bottom sheet on phones.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::Card;
use super::keys::focus_later;
use super::state::BoardState;
use crate::i18n::{Key, tr};

/// Which card's menu is open, and where its grip is (the bottom-right corner, in pixels).
#[derive(Debug, Clone)]
pub struct MenuRequest<I> {
    pub id: I,
    pub name: String,
    pub anchor: (f64, f64),
}

/// The board's one move menu (shown while `menu` holds a request).
#[component]
pub fn MoveMenu<T: Card>(board: BoardState<T>, menu: RwSignal<Option<MenuRequest<T::Id>>>) -> impl IntoView {
    move || {
        menu.get()
            .map(|request| view! { <MenuPopover board=board menu=menu request=request /> })
    }
}

const MENU_WIDTH: f64 = 260.0;
const MENU_HEIGHT: f64 = 420.0;

#[component]
fn MenuPopover<T: Card>(
    board: BoardState<T>,
    menu: RwSignal<Option<MenuRequest<T::Id>>>,
    request: MenuRequest<T::Id>,
) -> impl IntoView {
    let id = request.id;
    let close = move || {
        menu.set(None);
        focus_later(format!(".tile[data-card=\"{id}\"] .tile-grip"));
    };
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            close();
        }
    });
    on_cleanup(move || escape.remove());
    request_animation_frame(|| {
        if let Some(first) = first_item() {
            let _ = first.focus();
        }
    });
    let place = board.locate(id);
    let current = place.map(|(c, _)| c);
    let choose = move |to: usize, after: Option<T::Id>| {
        board.move_card(id, to, after);
        if board.pending.with_untracked(Option::is_none) {
            board.active.set(to);
        }
        close();
    };
    let (width, height) = window_size();
    // Whole pixels: formatting floats would pull in a lot of code.
    let left = (request.anchor.0 - MENU_WIDTH).clamp(8.0, (width - MENU_WIDTH - 8.0).max(8.0)) as i32;
    let top = request.anchor.1.min(height - MENU_HEIGHT).max(8.0) as i32;
    let stages = board
        .stage_names()
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <button
                    type="button"
                    role="menuitem"
                    class="menu-item"
                    disabled=current == Some(i)
                    aria-current=(current == Some(i)).then_some("true")
                    on:click=move |_| choose(i, None)
                >
                    {name}
                </button>
            }
        })
        .collect_view();
    let up = place.and_then(|(c, i)| (i > 0).then(|| (c, board.card_before(c, i - 1, id))));
    let down = place.and_then(|(c, i)| {
        board
            .column(c)
            .cards
            .with_untracked(|cards| cards.get(i + 1).map(|l| (c, Some(l.id()))))
    });
    view! {
        <div class="menu-backdrop" on:click=move |_| close()>
            <div
                class="move-menu"
                role="menu"
                aria-label=tr(Key::MoveTo)
                style=format!("--menu-x:{left}px;--menu-y:{top}px")
                on:click=|ev| ev.stop_propagation()
                on:keydown=walk_items
            >
                <p class="move-menu-title">
                    <span class="muted">{tr(Key::MoveTo)}</span>
                    <strong>{request.name.clone()}</strong>
                </p>
                {stages}
                <div class="menu-sep" role="separator"></div>
                <button
                    type="button"
                    role="menuitem"
                    class="menu-item"
                    disabled=up.is_none()
                    on:click=move |_| {
                        if let Some((c, after)) = up {
                            choose(c, after)
                        }
                    }
                >
                    {tr(Key::MoveUp)}
                </button>
                <button
                    type="button"
                    role="menuitem"
                    class="menu-item"
                    disabled=down.is_none()
                    on:click=move |_| {
                        if let Some((c, after)) = down {
                            choose(c, after)
                        }
                    }
                >
                    {tr(Key::MoveDown)}
                </button>
                <p class="menu-hint">{tr(Key::MoveHint)}</p>
            </div>
        </div>
    }
}

fn window_size() -> (f64, f64) {
    let w = window();
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(800.0);
    (size(w.inner_width()), size(w.inner_height()))
}

fn items() -> Vec<HtmlElement> {
    let Ok(list) = document().query_selector_all(".move-menu .menu-item:not([disabled])") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn first_item() -> Option<HtmlElement> {
    items().into_iter().next()
}

/// Arrow keys walk the menu items, as in any menu.
fn walk_items(ev: leptos::ev::KeyboardEvent) {
    let step: isize = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    ev.prevent_default();
    let items = items();
    if items.is_empty() {
        return;
    }
    let active = document().active_element();
    let at = items
        .iter()
        .position(|i| {
            active
                .as_ref()
                .is_some_and(|a| a == i.unchecked_ref::<web_sys::Element>())
        })
        .unwrap_or(0) as isize;
    let next = (at + step).rem_euclid(items.len() as isize) as usize;
    let _ = items[next].focus();
}
