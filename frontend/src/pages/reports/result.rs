//! A report's answer: an accessible table (a stacked card per row on phones) and a plain SVG
//! bar chart of the first measure by the first group.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use voronka_types::contacts::Source;
use voronka_types::reports::{ReportColumn, ReportFieldInfo, ReportTable};

use super::model::cell_number;
use crate::i18n::{
    Key, Lang, format_month_name, format_naive_date, format_number, format_percent, source_label, tr, use_i18n,
};
use crate::pages::insights::chart::{Axes, HEIGHT, Scale, WIDTH};

/// A column's header in the reader's language: the field's label, or the measure's name.
pub fn column_label(column: &ReportColumn, fields: &[ReportFieldInfo], lang: Lang) -> String {
    let field_label = |key: &str| {
        fields
            .iter()
            .find(|f| f.key == key)
            .map_or_else(|| key.replace('_', " "), |f| f.label.clone())
    };
    match column.key.as_str() {
        "count" => Key::RepCount.text(lang).to_owned(),
        "conversion" => Key::RepConversion.text(lang).to_owned(),
        key => {
            if let Some(field) = key.strip_prefix("sum_") {
                Key::RepSumOf.text(lang).replacen("{}", &field_label(field), 1)
            } else if let Some(field) = key.strip_prefix("avg_") {
                Key::RepAvgOf.text(lang).replacen("{}", &field_label(field), 1)
            } else {
                field_label(key)
            }
        }
    }
}

/// A cell as the reader's locale writes it.
pub fn cell_text(column: &ReportColumn, cell: &Value, lang: Lang) -> String {
    if cell.is_null() {
        return Key::RepEmptyValue.text(lang).to_owned();
    }
    let text = match cell {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match column.kind.as_str() {
        "number" => cell_number(cell).map_or(text, |n| format_number(n, lang, 2)),
        "money" => cell_number(cell).map_or(text, |n| format_number(n, lang, 2)),
        "ratio" => cell_number(cell).map_or(text, |n| format_percent(n, lang, false)),
        "date" => NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_or(text, |d| format_naive_date(d, lang)),
        "month" => NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").map_or(text, |d| {
            use chrono::Datelike;
            format!("{} {}", format_month_name(d.month0() as usize, lang), d.year())
        }),
        "bool" => match cell {
            Value::Bool(true) => Key::RepYes.text(lang).to_owned(),
            Value::Bool(false) => Key::RepNo.text(lang).to_owned(),
            _ => text,
        },
        _ if column.key == "source" => {
            serde_json::from_value::<Source>(cell.clone()).map_or(text, |s| source_label(s, lang).to_owned())
        }
        _ => text,
    }
}

fn numeric(column: &ReportColumn) -> bool {
    matches!(column.kind.as_str(), "number" | "money" | "ratio")
}

/// The table of a report's rows.
#[component]
pub fn ResultTable(table: ReportTable, fields: Vec<ReportFieldInfo>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let labels: Vec<String> = table.columns.iter().map(|c| column_label(c, &fields, lang)).collect();
        if table.rows.is_empty() {
            return view! { <p class="muted" data-testid="report-empty">{tr(Key::RepNoRows)}</p> }.into_any();
        }
        view! {
            <p class="muted report-count">{i18n.t1(Key::RepRowsShown, &table.total_rows.to_string())}</p>
            <table class="report-table" data-testid="report-table">
                <thead>
                    <tr>
                        {table
                            .columns
                            .iter()
                            .zip(&labels)
                            .map(|(c, l)| {
                                view! { <th scope="col" class:num=numeric(c)>{l.clone()}</th> }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {table
                        .rows
                        .iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {table
                                        .columns
                                        .iter()
                                        .zip(row)
                                        .zip(&labels)
                                        .map(|((c, cell), l)| {
                                            view! {
                                                <td class:num=numeric(c) data-label=l.clone()>
                                                    {cell_text(c, cell, lang)}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// A bar: the first group's value and the measure's height.
pub type Bar = (Value, f64);

/// Bars of the first measure per value of the first group (rows sharing a group value add up
/// for counts and sums; other measures are drawn only when each group has one row).
/// The measure column drawn and one (group value, height) per bar.
pub fn bars(table: &ReportTable, groups: usize) -> Option<(usize, Vec<Bar>)> {
    if groups == 0 {
        return None;
    }
    let measure = table.columns.iter().position(numeric)?;
    let additive = {
        let key = &table.columns[measure].key;
        key == "count" || key.starts_with("sum_")
    };
    let mut out: Vec<(Value, f64)> = Vec::new();
    for row in &table.rows {
        let (Some(group), Some(value)) = (row.first(), row.get(measure).and_then(cell_number)) else {
            continue;
        };
        match out.iter_mut().find(|(g, _)| g == group) {
            Some(bar) if additive => bar.1 += value,
            Some(_) => return None,
            None => out.push((group.clone(), value)),
        }
    }
    (!out.is_empty()).then_some((measure, out))
}

/// The bar chart, if the table has a group and a measure.
#[component]
pub fn ResultChart(table: ReportTable, fields: Vec<ReportFieldInfo>, groups: usize) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let (measure, values) = bars(&table, groups)?;
        let scale = Scale::new(values.len() + 1, values.iter().map(|(_, v)| *v));
        let group_column = &table.columns[0];
        let measure_column = &table.columns[measure];
        let title = format!(
            "{} · {}",
            column_label(measure_column, &fields, lang),
            column_label(group_column, &fields, lang)
        );
        let zero = scale.y(0.0);
        let labelled = values.len() <= 8;
        let bars = values
            .iter()
            .enumerate()
            .map(|(i, (g, v))| {
                let (left, right) = (scale.x(i as f64), scale.x(i as f64 + 1.0));
                let pad = (right - left) * 0.15;
                let top = scale.y(*v).min(zero);
                let height = (scale.y(*v) - zero).abs().max(1.0);
                let name = cell_text(group_column, g, lang);
                let tip = format!("{name}: {}", cell_text(measure_column, &Value::from(*v), lang));
                let mid = (left + right) / 2.0;
                let short: String = name.chars().take(10).collect();
                view! {
                    <rect x=left + pad y=top width=right - left - 2.0 * pad height=height class="chart-bar">
                        <title>{tip}</title>
                    </rect>
                    {labelled.then(|| view! {
                        <text x=mid y=HEIGHT - 6.0 text-anchor="middle" class="chart-label">{short}</text>
                    })}
                }
            })
            .collect_view();
        let ratio = measure_column.kind == "ratio";
        Some(view! {
            <svg class="chart report-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-label=title.clone() data-testid="report-chart">
                <title>{title.clone()}</title>
                <Axes scale=scale dates=Vec::new() lang=lang percent=ratio />
                {bars}
            </svg>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table(columns: &[(&str, &str)], rows: Vec<Vec<Value>>) -> ReportTable {
        ReportTable {
            columns: columns
                .iter()
                .map(|(key, kind)| ReportColumn {
                    key: (*key).into(),
                    label: (*key).into(),
                    kind: (*kind).into(),
                })
                .collect(),
            total_rows: rows.len() as u64,
            rows,
        }
    }

    #[test]
    fn counts_of_the_same_first_group_add_up_into_one_bar() {
        let t = table(
            &[("source", "text"), ("status", "text"), ("count", "number")],
            vec![
                vec![json!("website"), json!("won"), json!(2)],
                vec![json!("website"), json!("open"), json!(1)],
                vec![json!("phone"), json!("open"), json!(4)],
            ],
        );
        let (measure, values) = bars(&t, 2).expect("bars");
        assert_eq!(measure, 2);
        assert_eq!(values, vec![(json!("website"), 3.0), (json!("phone"), 4.0)]);
    }

    #[test]
    fn averages_split_by_a_second_group_are_not_drawn_and_ungrouped_tables_have_no_chart() {
        let t = table(
            &[("source", "text"), ("currency", "text"), ("avg_amount", "money")],
            vec![
                vec![json!("website"), json!("RUB"), json!("10.00")],
                vec![json!("website"), json!("USD"), json!("2.00")],
            ],
        );
        assert!(bars(&t, 1).is_none());
        let single = table(&[("count", "number")], vec![vec![json!(5)]]);
        assert!(bars(&single, 0).is_none());
    }
}
