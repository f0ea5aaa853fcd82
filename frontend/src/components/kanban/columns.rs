//! The board's columns: a column per stage with its count and sums, cards in board order that
//! load more as a column scrolls, drag and drop, and on phones one column at a time (stage
//! tabs, or a swipe sideways). The cards themselves are drawn by the screen ([`TileView`]).

use leptos::prelude::*;
use voronka_types::Problem;
use voronka_types::pipelines::Board;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

use super::Card;
use super::drag::Drag;
use super::move_menu::{MenuRequest, MoveMenu};
use super::state::{BoardProblem, BoardState};
use crate::components::form::ProblemBox;
use crate::i18n::{Key, format_count, format_money, problem_message, tr, use_i18n};

/// Pixels a finger must travel sideways to switch the column on a phone.
const SWIPE: f64 = 60.0;

/// Draws one card of a board.
pub type TileView<T> = fn(T, BoardState<T>, Drag<T>, RwSignal<Option<MenuRequest<<T as Card>::Id>>>) -> AnyView;

/// Extra parts drawn inside the board (a dialog asking for a move's reason, say).
pub type BoardExtra<T> = fn(BoardState<T>) -> AnyView;

/// Grey columns while a board loads.
#[component]
pub fn BoardSkeleton() -> impl IntoView {
    view! {
        <div class="board-skeleton" aria-busy="true" aria-label=tr(Key::Loading)>
            {(0..4).map(|_| view! { <div class="skeleton"></div> }).collect_view()}
        </div>
    }
}

/// A loaded board: `filter` is what it was loaded with, `tile` draws a card, `empty` is what
/// an empty column says, `extra` adds parts of the screen's own.
#[component]
pub fn Columns<T: Card>(
    board: Board<T>,
    filter: T::Filter,
    tile: TileView<T>,
    empty: Key,
    #[prop(optional)] extra: Option<BoardExtra<T>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = BoardState::new(board, filter);
    let drag = Drag::new(state);
    drag.listen();
    let menu = RwSignal::new(None::<MenuRequest<T::Id>>);
    let root = NodeRef::<leptos::html::Div>::new();
    watch_sentinels(root, state);

    // Phones: a sideways swipe over the column shows the next or previous stage.
    let swipe_start = StoredValue::new(None::<(f64, f64)>);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let touch = ev.pointer_type() == "touch";
        swipe_start.set_value(touch.then(|| (ev.client_x() as f64, ev.client_y() as f64)));
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, y0)) = swipe_start.get_value() else {
            return;
        };
        swipe_start.set_value(None);
        let (dx, dy) = (ev.client_x() as f64 - x0, ev.client_y() as f64 - y0);
        if drag.is_dragging() || dx.abs() < SWIPE || dx.abs() < dy.abs() * 1.5 {
            return;
        }
        let last = state.len().saturating_sub(1);
        state.active.update(|a| {
            *a = if dx < 0.0 {
                (*a + 1).min(last)
            } else {
                a.saturating_sub(1)
            };
        });
    };

    // Phones: keep the chosen stage's tab in sight when a swipe or a move changes it.
    Effect::new(move |_| {
        let active = state.active.get();
        request_animation_frame(move || {
            let tab = root
                .get_untracked()
                .and_then(|r| {
                    r.query_selector(&format!(".stage-tab[data-col=\"{active}\"]"))
                        .ok()
                        .flatten()
                })
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            if let (Some(tab), Some(strip)) = (tab.clone(), tab.and_then(|t| t.parent_element())) {
                let middle = tab.offset_left() as f64 + tab.offset_width() as f64 / 2.0;
                strip.set_scroll_left((middle - strip.client_width() as f64 / 2.0).max(0.0) as i32);
            }
        });
    });
    let tabs = (0..state.len())
        .map(|i| {
            let column = state.column(i);
            let name = state.stage(i).name;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="stage-tab"
                    data-col=i
                    data-top="true"
                    aria-selected=move || (state.active.get() == i).to_string()
                    on:click=move |_| state.active.set(i)
                >
                    <span class="stage-tab-name">{name}</span>
                    <span class="stage-tab-count">{move || format_count(column.count.get(), i18n.lang())}</span>
                </button>
            }
        })
        .collect_view();
    let columns = (0..state.len())
        .map(|i| view! { <StageColumn index=i state=state drag=drag menu=menu tile=tile empty=empty /> })
        .collect_view();
    view! {
        <div class="board" node_ref=root>
            <div class="stage-tabs" role="tablist" aria-label=tr(Key::StagesNav)>
                {tabs}
            </div>
            {move || state.problem.get().map(|p| view! { <MoveProblem problem=p /> })}
            <p class="sr-only" role="status" aria-live="polite">
                {move || state.announcement.get()}
            </p>
            <div class="board-columns" on:pointerdown=on_down on:pointerup=on_up>
                {columns}
            </div>
            <MoveMenu board=state menu=menu />
            {extra.map(|extra| extra(state))}
        </div>
    }
}

/// A failed move ("… went back") or load, with the server's reason.
#[component]
fn MoveProblem(problem: BoardProblem) -> impl IntoView {
    let i18n = use_i18n();
    let BoardProblem { card_name, problem } = problem;
    let headline = match &card_name {
        Some(name) => i18n.t1(Key::MoveFailed, name),
        None => problem_message(&problem, i18n.lang()),
    };
    let details = card_name.map(|_| vec![reason(&problem, i18n)]).unwrap_or_default();
    view! { <ProblemBox headline=headline details=details /> }
}

fn reason(problem: &Problem, i18n: crate::i18n::I18n) -> String {
    let lang = i18n.lang();
    match problem.errors.first() {
        Some(error) => crate::i18n::field_error_message(error, lang),
        None => problem_message(problem, lang),
    }
}

#[component]
fn StageColumn<T: Card>(
    index: usize,
    state: BoardState<T>,
    drag: Drag<T>,
    menu: RwSignal<Option<MenuRequest<T::Id>>>,
    tile: TileView<T>,
    empty: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let column = state.column(index);
    let stage = state.stage(index);
    let sums = move || {
        let lang = i18n.lang();
        column.sums.with(|sums| {
            sums.iter()
                .map(|m| format_money(m, lang, true))
                .collect::<Vec<_>>()
                .join(" · ")
        })
    };
    let heading_id = format!("stage-{index}");
    let labelled_by = heading_id.clone();
    view! {
        <section
            class=format!("column column-{}", stage.kind.as_str())
            class:is-active=move || state.active.get() == index
            aria-labelledby=labelled_by
        >
            <header class="column-head">
                <h2 class="column-title" id=heading_id>
                    {stage.name.clone()}
                </h2>
                <span class="column-count">{move || format_count(column.count.get(), i18n.lang())}</span>
                <p class="column-sum">{sums}</p>
            </header>
            <div class="column-cards" data-col=index>
                <For each=move || column.cards.get() key=|card| (card.id(), card.updated_at()) let:card>
                    {tile(card, state, drag, menu)}
                </For>
                <Show when=move || column.cards.with(Vec::is_empty) && column.cursor.with(Option::is_none)>
                    <p class="column-empty">{tr(empty)}</p>
                </Show>
                <Show when=move || column.cursor.with(Option::is_some)>
                    <button
                        type="button"
                        class="btn btn-ghost btn-sm column-more"
                        data-more=index
                        disabled=move || column.loading.get()
                        on:click=move |_| state.load_more(index)
                    >
                        <Show when=move || column.loading.get()>
                            <span class="spinner" aria-hidden="true"></span>
                        </Show>
                        {tr(Key::LoadMore)}
                    </button>
                </Show>
            </div>
        </section>
    }
}

/// Loads more of a column when its "Load more" button scrolls into view (in the column on
/// desktop, in the page on phones): one observer for the whole board.
fn watch_sentinels<T: Card>(root: NodeRef<leptos::html::Div>, state: BoardState<T>) {
    let observer = StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn Fn(js_sys::Array)>)>);
    let scan = move || {
        let Some(root) = root.get_untracked() else {
            return;
        };
        observer.update_value(|slot| {
            if slot.is_none() {
                let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    for entry in entries.iter() {
                        let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                            continue;
                        };
                        let index = entry.target().get_attribute("data-more").and_then(|i| i.parse().ok());
                        if let (true, Some(index)) = (entry.is_intersecting(), index) {
                            state.load_more(index);
                        }
                    }
                });
                let options = IntersectionObserverInit::new();
                options.set_root_margin("200px");
                if let Ok(created) = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
                {
                    *slot = Some((created, callback));
                }
            }
            let Some((observer, _)) = slot else {
                return;
            };
            observer.disconnect();
            if let Ok(buttons) = root.query_selector_all("[data-more]") {
                for i in 0..buttons.length() {
                    if let Some(el) = buttons.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                        observer.observe(&el);
                    }
                }
            }
        });
    };
    // Re-scan whenever a column's cursor appears or goes (its button comes or goes).
    Effect::new(move |_| {
        for i in 0..state.len() {
            state.column(i).cursor.track();
            state.column(i).cards.track();
        }
        request_animation_frame(scan);
    });
    on_cleanup(move || {
        observer.update_value(|slot| {
            if let Some((observer, _)) = slot.take() {
                observer.disconnect();
            }
        })
    });
}
