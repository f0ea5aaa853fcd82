//! Saved reports: save the current query under a name (optionally shared with the team), list
//! mine and the team's, open, rename and delete (the server decides who may: 403 is shown).

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::reports::{NewSavedReport, ReportFieldInfo, SavedReport, SavedReportChanges};
use voronka_types::{Problem, SavedReportId};

use super::builder::{entity_key, error_at};
use super::model::Draft;
use crate::api;
use crate::components::form::SuccessNote;
use crate::i18n::{Key, problem_message, tr, use_i18n};
use crate::session::use_session;

/// The save form and the list.
#[component]
pub fn SavedReports(
    draft: RwSignal<Draft>,
    fields: Signal<Vec<ReportFieldInfo>>,
    problem: RwSignal<Option<Problem>>,
    run: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let me = move || session.with_me(|m| m.user.id);
    let list = RwSignal::new(Vec::<SavedReport>::new());
    let list_problem = RwSignal::new(None::<Problem>);
    let notice = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let shared = RwSignal::new(false);
    let renaming = RwSignal::new(None::<(SavedReportId, String)>);
    let reload = move || {
        spawn_local(async move {
            match api::reports::saved().await {
                Ok(found) => list.set(found),
                Err(p) => list_problem.set(Some(p)),
            }
        })
    };
    reload();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let report = NewSavedReport {
            name: name.get_untracked().trim().to_owned(),
            query: draft.with_untracked(|d| d.to_query(&fields.get_untracked())),
            shared: shared.get_untracked(),
        };
        problem.set(None);
        notice.set(false);
        spawn_local(async move {
            match api::reports::save(&report).await {
                Ok(_) => {
                    name.set(String::new());
                    notice.set(true);
                    reload();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let open = move |report: SavedReport| {
        draft.set(Draft::from_query(&report.query));
        run.run(());
    };
    let rename = move |id: SavedReportId, new_name: String| {
        list_problem.set(None);
        spawn_local(async move {
            let changes = SavedReportChanges {
                name: Some(new_name.trim().to_owned()),
                ..SavedReportChanges::default()
            };
            match api::reports::update(id, &changes).await {
                Ok(_) => {
                    renaming.set(None);
                    reload();
                }
                Err(p) => list_problem.set(Some(p)),
            }
        });
    };
    let delete = move |id: SavedReportId| {
        list_problem.set(None);
        spawn_local(async move {
            match api::reports::delete(id).await {
                Ok(()) => reload(),
                Err(p) => list_problem.set(Some(p)),
            }
        });
    };
    let name_error = move || problem.with(|p| error_at(p, "name", i18n.lang()));
    view! {
        <section class="card report-saved" aria-labelledby="saved-title">
            <h2 class="card-title" id="saved-title">{tr(Key::RepSaved)}</h2>
            <form class="report-save" on:submit=save>
                <div class="field" class:has-error=move || name_error().is_some()>
                    <label class="field-label" for="report-name">{tr(Key::RepName)}</label>
                    <input id="report-name" class="input" name="name" maxlength="200" required
                        aria-invalid=move || name_error().is_some().to_string() bind:value=name />
                    {move || name_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <label class="check-row">
                    <input type="checkbox" class="check" name="shared" bind:checked=shared />
                    <span>{tr(Key::RepShared)}</span>
                </label>
                <button type="submit" class="btn btn-primary btn-sm" data-testid="report-save">{tr(Key::RepSave)}</button>
                {move || notice.get().then(|| view! { <SuccessNote><p>{tr(Key::RepSavedNote)}</p></SuccessNote> })}
            </form>
            {move || list_problem.get().map(|p| view! {
                <p class="field-error" role="alert">{problem_message(&p, i18n.lang())}</p>
            })}
            {move || {
                let reports = list.get();
                if reports.is_empty() {
                    return view! { <p class="muted">{tr(Key::RepNoSaved)}</p> }.into_any();
                }
                let mine = me();
                view! {
                    <ul class="saved-list" data-testid="saved-list">
                        {reports.into_iter().map(|r| {
                            let id = r.id;
                            let own = r.author_id == mine && mine.is_some();
                            let editing = move || renaming.with(|e| e.as_ref().is_some_and(|(x, _)| *x == id));
                            let report = r.clone();
                            let current_name = r.name.clone();
                            view! {
                                <li class="saved-item">
                                    <Show when=editing fallback=move || {
                                        let report = report.clone();
                                        view! {
                                            <button type="button" class="saved-open" on:click=move |_| open(report.clone())>
                                                <span class="saved-name">{report.name.clone()}</span>
                                                <span class="saved-meta">
                                                    {tr(entity_key(report.query.entity))}" · "
                                                    {if own { tr(Key::RepMine)() } else { tr(Key::RepTeam)() }}
                                                    {report.shared.then(|| view! { " · "{tr(Key::RepShared)} })}
                                                </span>
                                            </button>
                                        }
                                    }>
                                        <form class="saved-rename" on:submit=move |ev| {
                                            ev.prevent_default();
                                            if let Some((_, text)) = renaming.get_untracked() { rename(id, text) }
                                        }>
                                            <input class="input" aria-label=move || i18n.t(Key::RepName)
                                                prop:value=move || renaming.with(|e| e.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())
                                                on:input=move |ev| renaming.set(Some((id, event_target_value(&ev)))) />
                                            <button type="submit" class="btn btn-primary btn-sm">{tr(Key::RepRename)}</button>
                                        </form>
                                    </Show>
                                    {own.then(|| {
                                        let current_name = current_name.clone();
                                        view! {
                                            <div class="saved-actions">
                                                <button type="button" class="btn btn-ghost btn-sm"
                                                    on:click=move |_| renaming.set(Some((id, current_name.clone())))>
                                                    {tr(Key::RepRename)}
                                                </button>
                                                <button type="button" class="btn btn-danger-ghost btn-sm" on:click=move |_| {
                                                    let sure = web_sys::window()
                                                        .and_then(|w| w.confirm_with_message(i18n.t(Key::RepDeleteConfirm)).ok())
                                                        .unwrap_or(false);
                                                    if sure { delete(id) }
                                                }>
                                                    {tr(Key::RepDelete)}
                                                </button>
                                            </div>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
