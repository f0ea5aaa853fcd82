//! A manager's own dashboard: KPI for the period, work time, and open tasks due today.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use voronka_types::kpi::KpiFigures;
use voronka_types::tasks::Task;
use voronka_types::worktime::UserWorkTime;

use super::figures::{Figure, format_int, format_minutes, format_response, format_share};
use super::granularity_for;
use crate::api;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, format_datetime, format_money, tr, use_i18n};
use crate::session::use_session;

/// The signed-in user's figures, hours and today's tasks.
#[component]
pub fn MyDashboard(range: Signal<(NaiveDate, NaiveDate)>, today: NaiveDate) -> impl IntoView {
    let session = use_session();
    let me = session.with_me(|m| m.user.id);
    let kpi = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { api::kpi::kpi(from, to, me, granularity_for(from, to)).await }
    });
    let hours = LocalResource::new(move || {
        let (from, to) = range.get();
        async move { api::kpi::worktime(me, from, to).await }
    });
    let tasks = LocalResource::new(move || async move { api::kpi::tasks_due_today().await });
    view! {
        <section class="card dash-card" aria-labelledby="dash-mine" data-testid="my-figures">
            <h2 class="card-title" id="dash-mine">{tr(Key::DashMine)}</h2>
            <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                {move || Suspend::new(async move {
                    match kpi.await {
                        Ok(report) => {
                            let row = report
                                .managers
                                .into_iter()
                                .find(|r| r.user_id == me)
                                .unwrap_or(report.team);
                            view! { <MyFigures figures=row.total /> }.into_any()
                        }
                        Err(problem) => {
                            view! { <LoadError problem=problem retry=Callback::new(move |_| kpi.refetch()) /> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
        <div class="dash-grid">
            <section class="card dash-card" aria-labelledby="dash-time" data-testid="my-time">
                <h2 class="card-title" id="dash-time">{tr(Key::DashMyTime)}</h2>
                <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                    {move || Suspend::new(async move {
                        match hours.await {
                            Ok(report) => {
                                let mine = report.users.into_iter().find(|u| Some(u.user_id) == me);
                                view! { <MyHours work=mine today=today /> }.into_any()
                            }
                            Err(problem) => {
                                view! { <LoadError problem=problem retry=Callback::new(move |_| hours.refetch()) /> }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </section>
            <section class="card dash-card" aria-labelledby="dash-tasks" data-testid="my-tasks">
                <h2 class="card-title" id="dash-tasks">{tr(Key::DashTasksToday)}</h2>
                <Transition fallback=|| view! { <LoadingRows rows=2 /> }>
                    {move || Suspend::new(async move {
                        match tasks.await {
                            Ok(page) => view! { <TodayTasks tasks=page.items /> }.into_any(),
                            Err(problem) => {
                                view! { <LoadError problem=problem retry=Callback::new(move |_| tasks.refetch()) /> }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </section>
        </div>
    }
}

#[component]
fn MyFigures(figures: KpiFigures) -> impl IntoView {
    let i18n = use_i18n();
    let f = StoredValue::new(figures);
    let tile = move |label: Key, definition: Key, value: fn(&KpiFigures, crate::i18n::Lang) -> String| {
        let value = Signal::derive(move || f.with_value(|f| value(f, i18n.lang())));
        view! { <Figure label=label definition=definition value=value /> }
    };
    view! {
        <div class="kpi-grid">
            {tile(Key::KpiLeadsReceived, Key::DefLeadsReceived, |f, l| format_int(f.leads_received, l))}
            {tile(Key::KpiLeadsTaken, Key::DefLeadsTaken, |f, l| format_int(f.leads_taken, l))}
            {tile(Key::KpiFirstResponse, Key::DefFirstResponse, |f, l| format_response(f.first_response_median_minutes, l))}
            {tile(Key::KpiDealsWon, Key::DefDealsWon, |f, l| format_int(f.deals_won, l))}
            {tile(Key::KpiRevenue, Key::DefRevenue, |f, l| format_money(&f.revenue_won, l, true))}
            {tile(Key::KpiConversion, Key::DefConversion, |f, l| format_share(f.lead_to_deal, l))}
            {tile(Key::KpiWinRate, Key::DefWinRate, |f, l| format_share(f.deal_to_won, l))}
            {tile(Key::KpiTasksDone, Key::DefTasksDone, |f, l| format_int(f.tasks_completed, l))}
            {tile(Key::KpiTasksOverdue, Key::DefTasksOverdue, |f, l| format_int(f.tasks_overdue, l))}
        </div>
    }
}

#[component]
fn MyHours(work: Option<UserWorkTime>, today: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let totals = work.as_ref().map(|w| w.totals.clone()).unwrap_or_default();
    let first_in = work.and_then(|w| w.days.into_iter().find(|d| d.date == today).map(|d| d.first_in));
    let active = Signal::derive(move || format_minutes(totals.active_minutes, i18n.lang()));
    let late = Signal::derive(move || format_minutes(totals.late_minutes, i18n.lang()));
    let early = Signal::derive(move || format_minutes(totals.early_leave_minutes, i18n.lang()));
    let first = Signal::derive(move || first_in.map_or_else(|| "—".to_owned(), |at| format_datetime(at, i18n.lang())));
    view! {
        <div class="kpi-grid kpi-grid-2">
            <Figure label=Key::KpiActive definition=Key::DefActive value=active />
            <Figure label=Key::KpiFirstIn definition=Key::DefFirstIn value=first />
            <Figure label=Key::KpiLate definition=Key::DefLate value=late />
            <Figure label=Key::KpiEarly definition=Key::DefEarly value=early />
        </div>
    }
}

#[component]
fn TodayTasks(tasks: Vec<Task>) -> impl IntoView {
    if tasks.is_empty() {
        return view! { <p class="muted">{tr(Key::DashNoTasks)}</p> }.into_any();
    }
    view! {
        <ul class="dash-tasks">
            {tasks
                .into_iter()
                .map(|task| {
                    let href = task
                        .lead_id
                        .map(|id| format!("/leads/{id}"))
                        .or_else(|| task.contact_id.map(|id| format!("/contacts/{id}")));
                    let class = if task.overdue { "dash-task overdue" } else { "dash-task" };
                    match href {
                        Some(href) => view! { <li class=class><A href=href>{task.title}</A></li> }.into_any(),
                        None => view! { <li class=class>{task.title}</li> }.into_any(),
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
