//! The frame every board card shares: its name linking to the record, the grip that drags it or
//! opens the move menu, and the keyboard moves. The screen draws the rest inside.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use super::Card;
use super::drag::Drag;
use super::keys::on_key;
use super::move_menu::MenuRequest;
use super::state::BoardState;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, use_i18n};

/// A card `id` called `name`, opening `href`; movable while `can_move`.
#[component]
pub fn TileFrame<T: Card>(
    id: T::Id,
    name: String,
    href: String,
    #[prop(into)] can_move: Signal<bool>,
    board: BoardState<T>,
    drag: Drag<T>,
    menu: RwSignal<Option<MenuRequest<T::Id>>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = StoredValue::new(name);
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
        if can_move.get_untracked() && on_key(&ev, id, board) {
            ev.prevent_default();
        }
    };
    view! {
        <article
            class="tile"
            data-card=id.to_string()
            on:pointerdown=move |ev| {
                if can_move.get_untracked() {
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
                <a class="tile-name" href=href draggable="false">
                    {name.get_value()}
                </a>
                <Show when=move || can_move.get()>
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
            {children()}
        </article>
    }
}
