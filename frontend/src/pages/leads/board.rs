//! `/leads` in board mode: the search above the shared kanban board (`components::kanban`),
//! with lead cards.

use std::time::Duration;

use leptos::prelude::*;
use voronka_types::PipelineId;
use voronka_types::leads::LeadFilter;

use super::tile::lead_tile;
use crate::api;
use crate::components::icons::{Icon, IconName};
use crate::components::kanban::{BoardSkeleton, Columns, PER_STAGE};
use crate::components::page::LoadError;
use crate::i18n::{Key, tr};

/// `/leads` in board mode.
#[component]
pub fn LeadBoard(pipeline: PipelineId) -> impl IntoView {
    let search_input = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        search_input.set(text.clone());
        set_timeout(
            move || {
                if search_input.try_get_untracked().as_deref() == Some(text.as_str()) {
                    search.set(text.trim().to_owned());
                }
            },
            Duration::from_millis(300),
        );
    };
    let filter = Memo::new(move |_| LeadFilter {
        q: Some(search.get()).filter(|q| !q.is_empty()),
        ..LeadFilter::default()
    });
    let board = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::leads::lead_board(Some(pipeline), PER_STAGE, &filter).await }
    });
    view! {
        <div class="toolbar board-toolbar">
            <label class="search">
                <Icon icon=IconName::Search class="search-icon" />
                <input
                    type="search"
                    class="input"
                    placeholder=tr(Key::SearchLeads)
                    aria-label=tr(Key::SearchLeads)
                    prop:value=search_input
                    on:input=on_search
                />
            </label>
        </div>
        <Transition fallback=|| view! { <BoardSkeleton /> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(loaded) => {
                        view! {
                            <Columns board=loaded filter=filter.get_untracked() tile=lead_tile empty=Key::EmptyColumn />
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
