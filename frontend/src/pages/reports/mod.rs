//! `/reports`: the report builder — pick records, filter, group by up to two fields, measure,
//! sort and run; the answer as a table and a bar chart; CSV/XLSX export; saved reports — and,
//! in a second tab (`/reports?tab=regular`), the regular reports the server writes.

mod builder;
pub mod model;
mod periodic;
pub mod periodic_view;
mod result;
mod saved;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use voronka_types::reports::{ReportEntity, ReportFieldInfo, ReportQuery, ReportTable};
use voronka_types::{Permission, Problem};

use crate::api;
use crate::components::download::download;
use crate::components::form::ProblemBox;
use crate::components::page::{NoAccess, PageHeader};
use crate::i18n::{Key, field_error_message, problem_message, tr, use_i18n};
use crate::session::use_session;
use builder::Builder;
use model::Draft;
use periodic::PeriodicList;
use result::{ResultChart, ResultTable};
use saved::SavedReports;

/// `/reports`, for roles that may read leads (the entities a role may not read answer 403).
#[component]
pub fn ReportsPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let regular = Memo::new(move |_| query.with(|q| q.get("tab").as_deref() == Some("regular")));
    let tab = move |href: &'static str, label: Key, current: bool| {
        view! {
            // A plain link (the router still handles it): `<A>` would mark both tabs current,
            // as it compares paths without the query.
            <a href=href class="segment" aria-current=move || (regular.get() == current).then_some("page")>
                {tr(label)}
            </a>
        }
    };
    view! {
        <PageHeader title=Key::NavReports subtitle=Key::ReportsSubtitle />
        <Show when=move || session.can(Permission::LeadsReadOwn) fallback=NoAccess>
            <nav class="segmented report-tabs" aria-label=tr(Key::NavReports)>
                {tab("/reports", Key::RepTabBuilder, false)}
                {tab("/reports?tab=regular", Key::RepTabRegular, true)}
            </nav>
            <Show when=move || regular.get() fallback=Reports>
                <PeriodicList />
            </Show>
        </Show>
    }
}

/// The last answer and the query that produced it.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    query: ReportQuery,
    table: ReportTable,
}

#[component]
fn Reports() -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(Draft::new(ReportEntity::Leads));
    let fields = RwSignal::new(Vec::<ReportFieldInfo>::new());
    let problem = RwSignal::new(None::<Problem>);
    let answer = RwSignal::new(None::<Answer>);
    let busy = RwSignal::new(false);
    let entity = Memo::new(move |_| draft.with(|d| d.entity));
    Effect::new(move |_| {
        let wanted = entity.get();
        let lang = i18n.lang();
        spawn_local(async move {
            let result = api::reports::fields(wanted, lang.code()).await;
            if entity.get_untracked() != wanted || i18n.lang_untracked() != lang {
                return;
            }
            match result {
                Ok(list) => fields.set(list),
                Err(p) => problem.set(Some(p)),
            }
        });
    });
    let run = Callback::new(move |_: ()| {
        if busy.get_untracked() {
            return;
        }
        let query = draft.with_untracked(|d| d.to_query(&fields.get_untracked()));
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = api::reports::query(&query).await;
            busy.set(false);
            match result {
                Ok(table) => answer.set(Some(Answer { query, table })),
                Err(p) => problem.set(Some(p)),
            }
        });
    });
    let export = move |format: &'static str| {
        let Some(query) = answer.with_untracked(|a| a.as_ref().map(|a| a.query.clone())) else {
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match api::reports::export(&query, format).await {
                Ok(bytes) => {
                    if let Err(message) = download(&bytes, "report", format) {
                        problem.set(Some(Problem::client_side(message)));
                    }
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let fields_signal = Signal::from(fields);
    view! {
        <div class="reports-layout">
            <section class="card report-form" aria-label=move || i18n.t(Key::NavReports)>
                <form on:submit=move |ev| { ev.prevent_default(); run.run(()); }>
                    <Builder draft=draft fields=fields_signal problem=problem />
                    {move || problem.with(|p| p.as_ref().map(|p| unplaced(p, i18n.lang())))}
                    <div class="report-actions">
                        <button type="submit" class="btn btn-primary" data-testid="report-run" disabled=move || busy.get()>
                            {tr(Key::RepRun)}
                        </button>
                        <Show when=move || answer.with(Option::is_some)>
                            <button type="button" class="btn btn-ghost" data-testid="export-csv" on:click=move |_| export("csv")>
                                {tr(Key::RepExportCsv)}
                            </button>
                            <button type="button" class="btn btn-ghost" data-testid="export-xlsx" on:click=move |_| export("xlsx")>
                                {tr(Key::RepExportXlsx)}
                            </button>
                        </Show>
                    </div>
                </form>
            </section>
            {move || answer.get().map(|a| {
                let groups = a.query.group_by.len();
                view! {
                    <section class="card report-result" aria-labelledby="report-result-title">
                        <h2 class="card-title" id="report-result-title">{tr(Key::RepResult)}</h2>
                        <ResultChart table=a.table.clone() fields=fields.get_untracked() groups=groups />
                        <ResultTable table=a.table fields=fields.get_untracked() />
                    </section>
                }
            })}
            <SavedReports draft=draft fields=fields_signal problem=problem run=run />
        </div>
    }
}

/// The problem's message, with the errors no input of the form shows (an input shows its own).
fn unplaced(problem: &Problem, lang: crate::i18n::Lang) -> impl IntoView + use<> {
    let placed = |field: &str| {
        let field = field.strip_prefix("query.").unwrap_or(field);
        ["entity", "name", "sort[0].by"].contains(&field)
            || field.starts_with("filters[")
            || field.starts_with("group_by[")
            || field.starts_with("measures[")
    };
    let rest: Vec<String> = problem
        .errors
        .iter()
        .filter(|e| !placed(&e.field))
        .map(|e| format!("{}: {}", e.field, field_error_message(e, lang)))
        .collect();
    let headline = if problem.errors.is_empty() {
        problem_message(problem, lang)
    } else {
        Key::ErrValidation.text(lang).to_owned()
    };
    view! { <ProblemBox headline=headline details=rest /> }
}
