//! The report's narrative written by the LLM from the report's facts only: the figures as the
//! company reads them (already formatted, in its language), no customer names. Every number of
//! the answer must be one of the facts' numbers (or a day, month or year of the periods).

use sea_orm::ConnectionTrait;
use voronka_types::ai::{DateRange, SalesReport, Segment};

use super::numbers::{unknown_numbers, values_in};
use super::{Llm, Purpose, Question};
use crate::ai::narrative::{money, percent, percent_change, revenue_forecast, revenue_trend};
use crate::ai::window::Company;
use chrono::Datelike;

const PROMPT: &str = include_str!("../../../prompts/narrative.md");

/// The longest narrative accepted, in characters.
const MAX_CHARS: usize = 1_200;

/// The report's facts, one a line, in the company's language.
pub fn facts(report: &SalesReport, language: &str) -> String {
    let ru = language == "ru";
    let f = &report.figures;
    let change = |c: Option<f64>| {
        c.map(|c| {
            if ru {
                format!(" ({} к прошлому периоду)", percent_change(c))
            } else {
                format!(" ({} on the previous period)", percent_change(c))
            }
        })
        .unwrap_or_default()
    };
    let mut lines = vec![format!(
        "{}: {} – {}",
        if ru { "Период" } else { "Period" },
        report.period.from,
        report.period.to
    )];
    let mut line = |ru_label: &str, en_label: &str, value: String| {
        lines.push(format!("{}: {value}", if ru { ru_label } else { en_label }));
    };
    if let Some(revenue) = &f.revenue.value {
        line(
            "Выручка",
            "Revenue",
            format!("{}{}", money(revenue, language), change(f.revenue.change)),
        );
    }
    line(
        "Заказов",
        "Orders",
        format!("{}{}", f.orders.value, change(f.orders.change)),
    );
    line(
        "Покупателей",
        "Customers",
        format!("{}{}", f.customers.value, change(f.customers.change)),
    );
    line("Новых покупателей", "New customers", f.new_customers.value.to_string());
    line(
        "Вернувшихся покупателей",
        "Returning customers",
        f.returning_customers.value.to_string(),
    );
    if let Some(aov) = &f.average_order_value.value {
        line(
            "Средний чек",
            "Average order value",
            format!("{}{}", money(aov, language), change(f.average_order_value.change)),
        );
    }
    if let Some(rate) = f.repeat_purchase_rate.value {
        line("Доля повторных покупателей", "Repeat-purchase rate", percent(rate));
    }
    if let Some(top) = report.top_customers.first() {
        line("Крупнейший покупатель", "Top customer", money(&top.revenue, language));
    }
    if let Some(top) = report.top_products.first() {
        line(
            "Лучший товар",
            "Best-selling product",
            format!("{} ({})", top.name, money(&top.revenue, language)),
        );
    }
    if let Some(best) = report
        .leads_by_source
        .iter()
        .filter(|s| s.leads >= 5)
        .max_by(|a, b| a.conversion.total_cmp(&b.conversion))
    {
        line(
            "Лучший источник заявок",
            "Best lead source",
            format!(
                "{}: {} / {} ({})",
                best.source,
                best.won,
                best.leads,
                percent(best.conversion)
            ),
        );
    }
    let at_risk: u64 = report
        .segments
        .iter()
        .filter(|s| matches!(s.segment, Segment::AtRisk | Segment::CantLose))
        .map(|s| s.customers)
        .sum();
    if at_risk > 0 {
        line(
            "Покупателей под угрозой ухода",
            "Customers at risk of leaving",
            at_risk.to_string(),
        );
    }
    if let Some(trend) = revenue_trend(report, ru) {
        line("Тренд выручки за период", "Revenue trend over the period", trend);
    }
    if let Some(forecast) = revenue_forecast(report, language) {
        line("Прогноз выручки", "Revenue forecast", forecast);
    }
    if !report.recommendations.is_empty() {
        line(
            "Рекомендаций к действию",
            "Recommended actions",
            report.recommendations.len().to_string(),
        );
    }
    lines.join("\n")
}

/// The numbers the narrative may state: the facts' and the periods' days, months and years.
pub fn allowed_numbers(report: &SalesReport, facts: &str) -> Vec<f64> {
    let mut allowed = values_in(facts);
    for range in [report.period, report.previous_period] {
        allowed.extend(date_parts(range));
    }
    allowed
}

fn date_parts(range: DateRange) -> Vec<f64> {
    [range.from, range.to]
        .iter()
        .flat_map(|d| [f64::from(d.day()), f64::from(d.month()), f64::from(d.year())])
        .collect()
}

/// Checks an LLM narrative: not empty, not too long, every number a fact.
pub fn accept(text: &str, allowed: &[f64]) -> Result<String, String> {
    let text = text.trim();
    if text.chars().count() > MAX_CHARS {
        return Err(format!("longer than {MAX_CHARS} characters"));
    }
    if text.starts_with('{') || text.starts_with('[') {
        return Err("not plain text".into());
    }
    let unknown = unknown_numbers(text, allowed);
    if let Some(first) = unknown.first() {
        return Err(format!("the number {first} is not one of the facts"));
    }
    Ok(text.to_owned())
}

/// The narrative written by the company's LLM, or why it is not used.
pub async fn write(
    llm: Option<&Llm>,
    db: &impl ConnectionTrait,
    company: &Company,
    report: &SalesReport,
) -> Result<String, String> {
    let facts = facts(report, company.language);
    let allowed = allowed_numbers(report, &facts);
    let language = if company.language == "ru" { "Russian" } else { "English" };
    let question = Question {
        purpose: Purpose::Narrative,
        system: PROMPT.replace("{language}", language),
        user: facts,
        schema: None,
        max_tokens: 200,
    };
    super::ask(llm, db, company.tenant, question, |text| accept(text, &allowed)).await
}
