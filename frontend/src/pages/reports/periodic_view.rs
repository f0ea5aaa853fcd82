//! `/reports/periodic/:id`: one regular report — its period, the team's row and one row per
//! manager (a table on desktop, cards on phones), money per currency, work time, and CSV/XLSX
//! downloads. A manager sees what the API gives them: their own row, no team.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use voronka_types::periodic::{PeriodicReport, PeriodicRow};
use voronka_types::{PeriodicReportId, Permission, Problem};

use super::periodic::{kind_title, money_list, period_text};
use crate::api;
use crate::components::download::download;
use crate::components::form::ProblemBox;
use crate::components::icons::{Icon, IconName};
use crate::components::page::{LoadError, LoadingRows, NoAccess};
use crate::i18n::{Key, Lang, format_count, format_number, problem_message, tr, use_i18n};
use crate::session::use_session;

/// Minutes as "5 h 20 min" / "5 ч 20 мин" ("45 min" under an hour).
pub fn hours_minutes(minutes: i64, lang: Lang) -> String {
    let minutes = minutes.max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    if h == 0 {
        Key::DurMinutes.text(lang).replacen("{}", &m.to_string(), 1)
    } else {
        Key::DurHoursMinutes
            .text(lang)
            .replacen("{}", &h.to_string(), 1)
            .replacen("{}", &m.to_string(), 1)
    }
}

/// The file name of a download, without its extension: `report-weekly-2026-11-16`.
pub fn file_stem(report: &PeriodicReport) -> String {
    format!("report-{}-{}", report.summary.kind.as_str(), report.summary.from)
}

/// The page.
#[component]
pub fn PeriodicReportPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|raw| raw.parse::<uuid::Uuid>().ok())
            .map(PeriodicReportId)
    };
    let report = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::periodic::get(id).await,
                None => Err(Problem::client_side("not a report id".to_owned())),
            }
        }
    });
    view! {
        <A href="/reports?tab=regular" attr:class="back-link">
            <Icon icon=IconName::ChevronLeft />
            <span>{tr(Key::PerBack)}</span>
        </A>
        <Show when=move || session.can(Permission::LeadsReadOwn) fallback=NoAccess>
            <Transition fallback=|| view! { <LoadingRows rows=4 /> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => view! { <Report report=r /> }.into_any(),
                        Err(p) => view! { <LoadError problem=p retry=Callback::new(move |_| report.refetch()) /> }.into_any(),
                    }
                })}
            </Transition>
        </Show>
    }
}

#[component]
fn Report(report: PeriodicReport) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<Problem>);
    let id = report.summary.id;
    let stem = file_stem(&report);
    let export = move |format: &'static str| {
        let stem = stem.clone();
        move |_| {
            problem.set(None);
            let stem = stem.clone();
            spawn_local(async move {
                match api::periodic::export(id, format).await {
                    Ok(bytes) => {
                        if let Err(message) = download(&bytes, &stem, format) {
                            problem.set(Some(Problem::client_side(message)));
                        }
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        }
    };
    let rows: Vec<(bool, PeriodicRow)> = report
        .body
        .team
        .clone()
        .map(|t| (true, t))
        .into_iter()
        .chain(report.body.managers.iter().cloned().map(|m| (false, m)))
        .collect();
    let rows = StoredValue::new(rows);
    let summary = StoredValue::new(report.summary.clone());
    let zone = report.body.time_zone.clone();
    view! {
        <header class="page-header">
            <div class="page-heading">
                <h1 class="page-title">{move || i18n.t(kind_title(summary.with_value(|s| s.kind)))}</h1>
                <p class="page-subtitle" data-testid="periodic-period">
                    {move || summary.with_value(|s| period_text(s, i18n.lang()))}
                    " · "
                    {move || i18n.t1(Key::PerTimeZone, &zone)}
                </p>
            </div>
            <div class="page-actions">
                <button type="button" class="btn btn-secondary" data-testid="periodic-csv" on:click=export("csv")>
                    {tr(Key::PerDownloadCsv)}
                </button>
                <button type="button" class="btn btn-secondary" data-testid="periodic-xlsx" on:click=export("xlsx")>
                    {tr(Key::PerDownloadXlsx)}
                </button>
            </div>
        </header>
        {move || problem.get().map(|p| view! { <ProblemBox headline=problem_message(&p, i18n.lang()) /> })}
        <section class="card periodic-section" aria-labelledby="periodic-sales">
            <h2 class="card-title" id="periodic-sales">{tr(Key::PerPeople)}</h2>
            {move || rows.with_value(|rows| sales_table(rows, i18n.lang()))}
        </section>
        <section class="card periodic-section" aria-labelledby="periodic-work">
            <h2 class="card-title" id="periodic-work">{tr(Key::PerWorkTime)}</h2>
            {move || rows.with_value(|rows| work_table(rows, i18n.lang()))}
        </section>
    }
}

/// A table whose rows turn into labelled cards on phones (each cell carries its column's
/// name in `data-label`).
fn stacked_table(headers: Vec<Key>, rows: Vec<(bool, Vec<String>)>, lang: Lang, testid: &'static str) -> AnyView {
    let labels: Vec<&'static str> = headers.iter().map(|k| k.text(lang)).collect();
    view! {
        <table class="stack-table" data-testid=testid>
            <thead>
                <tr>{labels.iter().map(|l| view! { <th scope="col">{*l}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(team, cells)| {
                    let labels = labels.clone();
                    view! {
                        <tr class:stack-team=team>
                            {cells.into_iter().enumerate().map(|(i, cell)| {
                                if i == 0 {
                                    view! { <th scope="row" class="stack-name">{cell}</th> }.into_any()
                                } else {
                                    view! { <td data-label=labels[i]>{cell}</td> }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn name_of(team: bool, row: &PeriodicRow, lang: Lang) -> String {
    if team {
        Key::PerTeam.text(lang).to_owned()
    } else {
        row.name.clone()
    }
}

fn sales_table(rows: &[(bool, PeriodicRow)], lang: Lang) -> AnyView {
    let headers = vec![
        Key::PerManager,
        Key::PerLeads,
        Key::PerTaken,
        Key::PerWon,
        Key::PerLost,
        Key::PerRevenue,
        Key::PerTasksDone,
        Key::PerTasksOverdue,
    ];
    let cells = rows
        .iter()
        .map(|(team, r)| {
            let k = &r.kpi;
            (
                *team,
                vec![
                    name_of(*team, r, lang),
                    format_count(k.leads_received, lang),
                    format_count(k.leads_taken, lang),
                    format_count(k.deals_won, lang),
                    format_count(k.deals_lost, lang),
                    money_list(&r.revenue_won_by_currency, lang),
                    format_count(k.tasks_completed, lang),
                    format_count(k.tasks_overdue, lang),
                ],
            )
        })
        .collect();
    stacked_table(headers, cells, lang, "periodic-sales")
}

fn work_table(rows: &[(bool, PeriodicRow)], lang: Lang) -> AnyView {
    let headers = vec![
        Key::PerManager,
        Key::PerActiveHours,
        Key::PerActive,
        Key::PerIdle,
        Key::PerOvertime,
        Key::PerDaysWorked,
        Key::PerAbsent,
        Key::PerLate,
        Key::PerEarly,
    ];
    let cells = rows
        .iter()
        .map(|(team, r)| {
            let w = &r.work;
            (
                *team,
                vec![
                    name_of(*team, r, lang),
                    format_number(r.kpi.active_hours, lang, 1),
                    hours_minutes(w.active_minutes, lang),
                    hours_minutes(w.idle_minutes, lang),
                    hours_minutes(w.overtime_minutes, lang),
                    format_count(u64::from(w.days_worked), lang),
                    format_count(u64::from(w.absent_days), lang),
                    format_count(u64::from(w.late_days), lang),
                    format_count(u64::from(w.early_leave_days), lang),
                ],
            )
        })
        .collect();
    stacked_table(headers, cells, lang, "periodic-work")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_as_hours_and_minutes_in_both_languages() {
        assert_eq!(hours_minutes(320, Lang::En), "5 h 20 min");
        assert_eq!(hours_minutes(320, Lang::Ru), "5 ч 20 мин");
        assert_eq!(hours_minutes(45, Lang::En), "45 min");
        assert_eq!(hours_minutes(0, Lang::Ru), "0 мин");
        assert_eq!(hours_minutes(-5, Lang::En), "0 min", "never negative");
    }
}
