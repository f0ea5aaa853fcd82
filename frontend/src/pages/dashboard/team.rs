//! The team table for owners and heads of sales: per manager active time, leads, first
//! response, conversion and revenue, sortable by any column, with an "online now" dot. Phones
//! get one compact card per manager instead (no sideways scrolling at 360 px).

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::prelude::*;
use voronka_types::kpi::KpiReport;
use voronka_types::worktime::WorkTimeReport;
use voronka_types::{Money, UserId};

use super::figures::{KpiLabel, format_hours, format_int, format_response, format_share};
use super::granularity_for;
use crate::api;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_money, tr, use_i18n};

/// One manager's line of the team table.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub user_id: Option<UserId>,
    pub name: String,
    pub online: bool,
    pub active_hours: f64,
    pub leads: u64,
    pub response: Option<f64>,
    pub conversion: Option<f64>,
    pub revenue: Money,
}

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Hours,
    Leads,
    Response,
    Conversion,
    Revenue,
}

const COLUMNS: [(Column, Key, Key); 6] = [
    (Column::Name, Key::DashManager, Key::DefOnline),
    (Column::Hours, Key::KpiActive, Key::DefActive),
    (Column::Leads, Key::KpiLeadsReceived, Key::DefLeadsReceived),
    (Column::Response, Key::KpiFirstResponse, Key::DefFirstResponse),
    (Column::Conversion, Key::KpiConversion, Key::DefConversion),
    (Column::Revenue, Key::KpiRevenue, Key::DefRevenue),
];

/// The rows of the KPI report joined with who is online.
pub fn team_rows(kpi: KpiReport, worktime: Option<&WorkTimeReport>) -> Vec<TeamRow> {
    let online: HashMap<UserId, bool> = worktime
        .map(|w| w.users.iter().map(|u| (u.user_id, u.online_now)).collect())
        .unwrap_or_default();
    kpi.managers
        .into_iter()
        .map(|row| TeamRow {
            online: row.user_id.and_then(|id| online.get(&id).copied()).unwrap_or(false),
            user_id: row.user_id,
            name: row.name,
            active_hours: row.total.active_hours,
            leads: row.total.leads_received,
            response: row.total.first_response_median_minutes,
            conversion: row.total.lead_to_deal,
            revenue: row.total.revenue_won,
        })
        .collect()
}

/// Compares optional figures with the missing ones last whichever the direction.
fn by_option(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.total_cmp(&a),
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts the rows by `column`; names break ties; missing values go last.
pub fn sort_rows(rows: &mut [TeamRow], column: Column, descending: bool) {
    let amount = |m: &Money| m.amount.parse::<f64>().ok();
    rows.sort_by(|a, b| {
        let order = match column {
            Column::Name => {
                let o = a.name.to_lowercase().cmp(&b.name.to_lowercase());
                if descending { o.reverse() } else { o }
            }
            Column::Hours => by_option(Some(a.active_hours), Some(b.active_hours), descending),
            Column::Leads => by_option(Some(a.leads as f64), Some(b.leads as f64), descending),
            Column::Response => by_option(a.response, b.response, descending),
            Column::Conversion => by_option(a.conversion, b.conversion, descending),
            Column::Revenue => by_option(amount(&a.revenue), amount(&b.revenue), descending),
        };
        order.then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

fn cell(row: &TeamRow, column: Column, lang: Lang) -> String {
    match column {
        Column::Name => row.name.clone(),
        Column::Hours => format_hours(row.active_hours, lang),
        Column::Leads => format_int(row.leads, lang),
        Column::Response => format_response(row.response, lang),
        Column::Conversion => format_share(row.conversion, lang),
        Column::Revenue => format_money(&row.revenue, lang, true),
    }
}

/// The team's table (cards on phones) for the period.
#[component]
pub fn TeamTable(range: Signal<(NaiveDate, NaiveDate)>) -> impl IntoView {
    let data = LocalResource::new(move || {
        let (from, to) = range.get();
        async move {
            let kpi = api::kpi::kpi(from, to, None, granularity_for(from, to)).await?;
            // "Online now" is a nicety: the table still shows without it.
            let worktime = api::kpi::worktime(None, from, to).await.ok();
            Ok::<_, voronka_types::Problem>(team_rows(kpi, worktime.as_ref()))
        }
    });
    view! {
        <section class="card dash-card" aria-labelledby="dash-team" data-testid="team-table">
            <h2 class="card-title" id="dash-team">{tr(Key::DashTeam)}</h2>
            <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="muted">{tr(Key::DashNoManagers)}</p> }.into_any(),
                        Ok(rows) => view! { <SortedTeam rows=rows /> }.into_any(),
                        Err(problem) => {
                            view! { <LoadError problem=problem retry=Callback::new(move |_| data.refetch()) /> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SortedTeam(rows: Vec<TeamRow>) -> impl IntoView {
    let i18n = use_i18n();
    let sort = RwSignal::new((Column::Revenue, true));
    let rows = StoredValue::new(rows);
    let sorted = Memo::new(move |_| {
        let (column, descending) = sort.get();
        let mut rows = rows.get_value();
        sort_rows(&mut rows, column, descending);
        rows
    });
    let click = move |column: Column| {
        sort.update(|(c, d)| {
            if *c == column {
                *d = !*d;
            } else {
                // Names read A→Z first; figures biggest first.
                *c = column;
                *d = column != Column::Name;
            }
        })
    };
    let aria_sort = move |column: Column| {
        let (c, d) = sort.get();
        if c != column {
            "none"
        } else if d {
            "descending"
        } else {
            "ascending"
        }
    };
    let dot = move |online: bool| {
        let label = move || i18n.t(if online { Key::DashOnline } else { Key::DashOffline });
        view! { <span class="online-dot" class:online=online title=label role="img" aria-label=label></span> }
    };
    view! {
        <table class="team-table">
            <caption class="sr-only">{tr(Key::DashTeam)}</caption>
            <thead>
                <tr>
                    {COLUMNS
                        .into_iter()
                        .map(|(column, label, definition)| view! {
                            <th scope="col" aria-sort=move || aria_sort(column)
                                class=if column == Column::Name { "" } else { "num" }>
                                <button type="button" class="sort-button" on:click=move |_| click(column)>
                                    <KpiLabel label=label definition=definition />
                                </button>
                            </th>
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                <For each=move || sorted.get() key=|row| row.user_id let:row>
                    <tr>
                        <th scope="row" class="team-name">{dot(row.online)}" "{row.name.clone()}</th>
                        {COLUMNS[1..]
                            .iter()
                            .map(|(column, _, _)| {
                                let (row, column) = (row.clone(), *column);
                                view! { <td class="num">{move || cell(&row, column, i18n.lang())}</td> }
                            })
                            .collect_view()}
                    </tr>
                </For>
            </tbody>
        </table>
        <ul class="team-cards">
            <For each=move || sorted.get() key=|row| row.user_id let:row>
                <li class="team-card">
                    <p class="team-name">{dot(row.online)}" "{row.name.clone()}</p>
                    <dl class="team-card-figures">
                        {COLUMNS[1..]
                            .iter()
                            .map(|(column, label, definition)| {
                                let (row, column) = (row.clone(), *column);
                                view! {
                                    <div>
                                        <dt><KpiLabel label=*label definition=*definition /></dt>
                                        <dd>{move || cell(&row, column, i18n.lang())}</dd>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </dl>
                </li>
            </For>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, leads: u64, response: Option<f64>, revenue: &str) -> TeamRow {
        TeamRow {
            user_id: None,
            name: name.to_owned(),
            online: false,
            active_hours: 1.0,
            leads,
            response,
            conversion: None,
            revenue: Money {
                amount: revenue.to_owned(),
                currency: "RUB".to_owned(),
            },
        }
    }

    fn names(rows: &[TeamRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn revenue_sorts_as_numbers_not_text() {
        let mut rows = vec![row("Anna", 1, None, "900.00"), row("Boris", 1, None, "10000.00")];
        sort_rows(&mut rows, Column::Revenue, true);
        assert_eq!(names(&rows), ["Boris", "Anna"]);
        sort_rows(&mut rows, Column::Revenue, false);
        assert_eq!(names(&rows), ["Anna", "Boris"]);
    }

    #[test]
    fn managers_without_a_figure_go_last_in_either_direction() {
        let mut rows = vec![
            row("Anna", 1, None, "0"),
            row("Boris", 1, Some(5.0), "0"),
            row("Vera", 1, Some(9.0), "0"),
        ];
        sort_rows(&mut rows, Column::Response, false);
        assert_eq!(names(&rows), ["Boris", "Vera", "Anna"]);
        sort_rows(&mut rows, Column::Response, true);
        assert_eq!(names(&rows), ["Vera", "Boris", "Anna"]);
    }

    #[test]
    fn names_sort_alphabetically_and_break_ties() {
        let mut rows = vec![
            row("vera", 2, None, "0"),
            row("Anna", 2, None, "0"),
            row("Boris", 3, None, "0"),
        ];
        sort_rows(&mut rows, Column::Leads, true);
        assert_eq!(names(&rows), ["Boris", "Anna", "vera"]);
        sort_rows(&mut rows, Column::Name, false);
        assert_eq!(names(&rows), ["Anna", "Boris", "vera"]);
    }
}
