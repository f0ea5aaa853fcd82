//! What every leads screen shares: the lead pipelines, the team (for owner names and
//! pickers), and a clock that keeps "no reply" timers current.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::pipelines::{Pipeline, PipelineKind, Stage, StageKind};
use voronka_types::{Permission, PipelineId, StageId, UserId};

use crate::api;
use crate::api::users::UserFilter;
use crate::components::page::{LoadError, LoadingRows, NoAccess};
use crate::session::{Session, use_session};

/// Shared by the board, the list and the lead (or deal) card. `Copy`, so closures take it freely.
#[derive(Debug, Clone, Copy)]
pub struct LeadsContext {
    /// Lead pipelines with their stages, in order.
    pub pipelines: RwSignal<Vec<Pipeline>>,
    /// Active people of the company as `(id, name)`; empty without `users.read`.
    pub team: RwSignal<Vec<(UserId, String)>>,
    /// Milliseconds since the epoch, renewed every 30 s.
    pub now_ms: RwSignal<f64>,
}

impl LeadsContext {
    /// The name of a user (reactive: the team loads after the page).
    pub fn person(&self, id: Option<UserId>) -> Option<String> {
        let id = id?;
        self.team
            .with(|team| team.iter().find(|(u, _)| *u == id).map(|(_, name)| name.clone()))
    }

    /// A stage by id, from any lead pipeline (not reactive).
    pub fn stage(&self, id: StageId) -> Option<Stage> {
        self.pipelines.with_untracked(|pipelines| {
            pipelines
                .iter()
                .flat_map(|p| p.stages.iter())
                .find(|s| s.id == id)
                .cloned()
        })
    }

    /// A stage's name, or an empty string for one that no longer exists.
    pub fn stage_name(&self, id: StageId) -> String {
        self.stage(id).map(|s| s.name).unwrap_or_default()
    }

    /// The first stage of `kind` (won or lost, say) in a pipeline (not reactive).
    pub fn stage_of_kind(&self, pipeline: PipelineId, kind: StageKind) -> Option<Stage> {
        self.stages_of(pipeline).into_iter().find(|s| s.kind == kind)
    }

    /// The stages of a pipeline, in order (not reactive).
    pub fn stages_of(&self, pipeline: PipelineId) -> Vec<Stage> {
        self.pipelines.with_untracked(|pipelines| {
            pipelines
                .iter()
                .find(|p| p.id == pipeline)
                .map(|p| p.stages.clone())
                .unwrap_or_default()
        })
    }
}

/// The shared leads data from context.
pub fn use_leads() -> LeadsContext {
    expect_context::<LeadsContext>()
}

/// Whether the signed-in user may see any leads (reactive).
pub fn can_read_leads(session: Session) -> bool {
    session.can(Permission::LeadsReadOwn) || session.can(Permission::LeadsReadAll)
}

/// Whether the signed-in user may see any deals (reactive).
pub fn can_read_deals(session: Session) -> bool {
    session.can(Permission::DealsReadOwn) || session.can(Permission::DealsReadAll)
}

/// Loads the lead pipelines (or, with `kind` deal, the deal pipelines) and, in the background,
/// the team, puts them into context and then shows `children`. Guards the screens by the
/// leads (or deals) permissions. The deal screens share this context.
#[component]
pub fn LeadsData(children: ChildrenFn, #[prop(default = PipelineKind::Lead)] kind: PipelineKind) -> impl IntoView {
    let session = use_session();
    let context = LeadsContext {
        pipelines: RwSignal::new(Vec::new()),
        team: RwSignal::new(Vec::new()),
        now_ms: RwSignal::new(js_sys::Date::now()),
    };
    provide_context(context);
    if let Ok(tick) = set_interval_with_handle(move || context.now_ms.set(js_sys::Date::now()), Duration::from_secs(30))
    {
        on_cleanup(move || tick.clear());
    }
    if session.can(Permission::UsersRead) {
        spawn_local(async move {
            let filter = UserFilter {
                limit: Some(200),
                ..UserFilter::default()
            };
            // Without the team, owners show as initials-less dots: not worth an error.
            if let Ok(page) = api::users::list_users(&filter).await {
                let team = page.items.into_iter().map(|u| (u.id, u.name)).collect();
                let _ = context.team.try_set(team);
            }
        });
    }
    let loaded = LocalResource::new(move || async move {
        let pipelines = api::pipelines::list_pipelines(kind).await?;
        context.pipelines.set(pipelines);
        Ok::<_, voronka_types::Problem>(())
    });
    let children = StoredValue::new(children);
    view! {
        <Show
            when=move || match kind {
                PipelineKind::Lead => can_read_leads(session),
                PipelineKind::Deal => can_read_deals(session),
            }
            fallback=NoAccess
        >
            <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(()) => children.with_value(|c| c()).into_any(),
                        Err(problem) => {
                            let retry = Callback::new(move |_| loaded.refetch());
                            view! { <LoadError problem=problem retry=retry /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </Show>
    }
}
