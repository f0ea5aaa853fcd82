//! A periodic report as a table for CSV/XLSX: one row per manager and, for those who see it, a
//! team row; headers in the company's language (Russian or English).

use voronka_types::periodic::{PeriodicReport, PeriodicRow};

/// Column headers: English, Russian.
const HEADERS: [(&str, &str); 21] = [
    ("Manager", "Менеджер"),
    ("Leads received", "Лидов получено"),
    ("Leads taken", "Лидов взято в работу"),
    ("First response, median (min)", "Первый ответ, медиана (мин)"),
    ("First response, p90 (min)", "Первый ответ, p90 (мин)"),
    ("Deals created", "Сделок создано"),
    ("Deals won", "Сделок выиграно"),
    ("Deals lost", "Сделок проиграно"),
    ("Lead → deal", "Лид → сделка"),
    ("Deal → won", "Сделка → выигрыш"),
    ("Revenue won", "Выручка"),
    ("Revenue won, all currencies", "Выручка во всех валютах"),
    ("Average deal size", "Средняя сделка"),
    ("Tasks completed", "Задач выполнено"),
    ("Tasks overdue", "Задач просрочено"),
    ("Active hours", "Активных часов"),
    ("Idle hours", "Часов простоя"),
    ("Days worked", "Рабочих дней"),
    ("Absent days", "Дней отсутствия"),
    ("Late days", "Дней с опозданием"),
    ("Early leave days", "Дней с ранним уходом"),
];

/// The headers in `language` (`ru` or English).
pub fn headers(language: &str) -> Vec<String> {
    HEADERS
        .iter()
        .map(|(en, ru)| if language == "ru" { *ru } else { *en }.to_owned())
        .collect()
}

/// One line per manager, then the team line (named `team_label`) when the report has it.
pub fn rows(report: &PeriodicReport, team_label: &str) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = report.body.managers.iter().map(|m| line(m, &m.name)).collect();
    if let Some(team) = &report.body.team {
        lines.push(line(team, team_label));
    }
    lines
}

fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

fn line(row: &PeriodicRow, name: &str) -> Vec<String> {
    let k = &row.kpi;
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let all_currencies = row
        .revenue_won_by_currency
        .iter()
        .map(|m| format!("{} {}", m.amount, m.currency))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        name.to_owned(),
        k.leads_received.to_string(),
        k.leads_taken.to_string(),
        opt(k.first_response_median_minutes),
        opt(k.first_response_p90_minutes),
        k.deals_created.to_string(),
        k.deals_won.to_string(),
        k.deals_lost.to_string(),
        opt(k.lead_to_deal),
        opt(k.deal_to_won),
        k.revenue_won.amount.clone(),
        all_currencies,
        k.average_deal_size
            .as_ref()
            .map(|m| m.amount.clone())
            .unwrap_or_default(),
        k.tasks_completed.to_string(),
        k.tasks_overdue.to_string(),
        hours(row.work.active_minutes),
        hours(row.work.idle_minutes),
        row.work.days_worked.to_string(),
        row.work.absent_days.to_string(),
        row.work.late_days.to_string(),
        row.work.early_leave_days.to_string(),
    ]
}
