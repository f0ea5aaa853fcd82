//! The report's words and figures: the narrative, the figure cards and the period's tables.

use leptos::prelude::*;
use leptos_router::components::A;
use voronka_types::Money;
use voronka_types::ai::{CountFigure, MoneyFigure, NarrativeSource, RateFigure, SalesReport};
use voronka_types::contacts::Source;

use crate::i18n::{
    Key, Lang, format_count, format_money, format_naive_date, format_number, format_percent, source_label, use_i18n,
};

/// "▲ +12 %" / "▼ −3 %" / "—", with the class that colours it.
fn change_badge(change: Option<f64>, lang: Lang, points: bool) -> (String, &'static str) {
    match change {
        None => ("—".to_owned(), "change change-none"),
        Some(c) if c.abs() < 1e-9 => (format_percent(0.0, lang, false), "change change-flat"),
        Some(c) => {
            let text = if points {
                // A rate's change is in percentage points.
                let pp = format_number(c * 100.0, lang, 1);
                let sign = if c > 0.0 { "+" } else { "" };
                match lang {
                    Lang::En => format!("{sign}{pp} pp"),
                    Lang::Ru => format!("{sign}{pp} п. п."),
                }
            } else {
                format_percent(c, lang, true)
            };
            if c > 0.0 {
                (format!("▲ {text}"), "change change-up")
            } else {
                (format!("▼ {text}"), "change change-down")
            }
        }
    }
}

fn money_text(money: &Option<Money>, lang: Lang) -> String {
    money
        .as_ref()
        .map_or_else(|| "—".to_owned(), |m| format_money(m, lang, true))
}

/// One figure card: label, value, the change and the previous value.
#[component]
fn FigureCard(
    label: Key,
    value: String,
    change: Option<f64>,
    previous: String,
    lang: Lang,
    #[prop(optional)] note: Option<String>,
    #[prop(optional)] points: bool,
) -> impl IntoView {
    let (change_text, class) = change_badge(change, lang, points);
    let title = match change {
        Some(_) => format!("{} ({previous})", Key::VsPrevious.text(lang)),
        None => Key::NoChange.text(lang).to_owned(),
    };
    view! {
        <div class="figure" data-testid="figure">
            <span class="figure-label">{label.text(lang)}</span>
            <span class="figure-value">{value}</span>
            <span class=class title=title.clone()>{change_text}<span class="sr-only">{format!(" {title}")}</span></span>
            {note.map(|n| view! { <span class="figure-note">{n}</span> })}
        </div>
    }
}

fn count(figure: &CountFigure, lang: Lang) -> (String, String) {
    (format_count(figure.value, lang), format_count(figure.previous, lang))
}

fn money(figure: &MoneyFigure, lang: Lang) -> (String, String) {
    (money_text(&figure.value, lang), money_text(&figure.previous, lang))
}

fn rate(figure: &RateFigure, lang: Lang) -> (String, String) {
    let text = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format_percent(v, lang, false));
    (text(figure.value), text(figure.previous))
}

/// The narrative, then the five figure cards.
#[component]
pub fn ReportHead(report: SalesReport) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let f = &report.figures;
        let note = match report.narrative.source {
            NarrativeSource::Composed => Key::ComposedNote,
            NarrativeSource::Llm => Key::LlmNote,
        };
        let previous = format!(
            "{} – {}",
            format_naive_date(report.previous_period.from, lang),
            format_naive_date(report.previous_period.to, lang)
        );
        let (revenue, revenue_before) = money(&f.revenue, lang);
        let (orders, orders_before) = count(&f.orders, lang);
        let (customers, customers_before) = count(&f.customers, lang);
        let (aov, aov_before) = money(&f.average_order_value, lang);
        let (repeat, repeat_before) = rate(&f.repeat_purchase_rate, lang);
        let split = Key::NewReturning
            .text(lang)
            .replacen("{}", &format_count(f.new_customers.value, lang), 1)
            .replacen("{}", &format_count(f.returning_customers.value, lang), 1);
        let others: Vec<String> = report
            .other_currencies
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    format_money(&c.revenue, lang, true),
                    format_count(c.orders, lang)
                )
            })
            .collect();
        view! {
            <section class="card narrative" aria-labelledby="narrative-note">
                <p class="narrative-text" data-testid="narrative">{report.narrative.text.clone()}</p>
                <p class="narrative-note small muted" id="narrative-note">
                    {note.text(lang)}" · "{Key::ComparedWith.text(lang).replacen("{}", &previous, 1)}
                </p>
            </section>
            <section class="figures">
                <FigureCard label=Key::Revenue value=revenue change=f.revenue.change previous=revenue_before lang=lang />
                <FigureCard label=Key::Orders value=orders change=f.orders.change previous=orders_before lang=lang />
                <FigureCard
                    label=Key::Customers
                    value=customers
                    change=f.customers.change
                    previous=customers_before
                    lang=lang
                    note=split
                />
                <FigureCard
                    label=Key::AverageOrder
                    value=aov
                    change=f.average_order_value.change
                    previous=aov_before
                    lang=lang
                />
                <FigureCard
                    label=Key::RepeatRate
                    value=repeat
                    change=f.repeat_purchase_rate.change
                    previous=repeat_before
                    lang=lang
                    points=true
                />
            </section>
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <p class="small muted">{Key::OtherCurrencies.text(lang).replacen("{}", &others.join(", "), 1)}</p>
                    }
                })}
        }
    }
}

/// Top customers, top products and leads by source.
#[component]
pub fn ReportTables(report: SalesReport) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let empty = || view! { <p class="muted small">{Key::NoRows.text(lang)}</p> };
        let customers = report.top_customers.clone();
        let products = report.top_products.clone();
        let sources = report.leads_by_source.clone();
        view! {
            <section class="card insight-card">
                <h2 class="card-title">{Key::TopCustomers.text(lang)}</h2>
                {if customers.is_empty() { empty().into_any() } else { view! {
                    <table class="insight-table">
                        <thead><tr>
                            <th scope="col">{Key::SortName.text(lang)}</th>
                            <th scope="col" class="num">{Key::Revenue.text(lang)}</th>
                            <th scope="col" class="num">{Key::Orders.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {customers.into_iter().map(|c| view! {
                                <tr>
                                    <td><A href=format!("/contacts/{}", c.contact_id)>{c.name}</A></td>
                                    <td class="num">{format_money(&c.revenue, lang, true)}</td>
                                    <td class="num">{format_count(c.orders, lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any() }}
            </section>
            <section class="card insight-card">
                <h2 class="card-title">{Key::TopProducts.text(lang)}</h2>
                {if products.is_empty() { empty().into_any() } else { view! {
                    <table class="insight-table">
                        <thead><tr>
                            <th scope="col">{Key::Product.text(lang)}</th>
                            <th scope="col" class="num">{Key::Quantity.text(lang)}</th>
                            <th scope="col" class="num">{Key::Revenue.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {products.into_iter().map(|p| {
                                let quantity = p.quantity.parse::<f64>().map_or(p.quantity.clone(), |q| format_number(q, lang, 3));
                                view! {
                                    <tr>
                                        <td>{p.name}{p.sku.map(|s| view! { <span class="muted small">" · "{s}</span> })}</td>
                                        <td class="num">{quantity}</td>
                                        <td class="num">{format_money(&p.revenue, lang, true)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any() }}
            </section>
            <section class="card insight-card">
                <h2 class="card-title">{Key::LeadsBySource.text(lang)}</h2>
                {if sources.is_empty() { empty().into_any() } else { view! {
                    <table class="insight-table">
                        <thead><tr>
                            <th scope="col">{Key::Source.text(lang)}</th>
                            <th scope="col" class="num">{Key::MetricLeads.text(lang)}</th>
                            <th scope="col" class="num">{Key::Won.text(lang)}</th>
                            <th scope="col" class="num">{Key::Conversion.text(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {sources.into_iter().map(|s| view! {
                                <tr>
                                    <td>{Source::parse(&s.source).map_or_else(|| s.source.clone(), |src| source_label(src, lang).to_owned())}</td>
                                    <td class="num">{format_count(s.leads, lang)}</td>
                                    <td class="num">{format_count(s.won, lang)}</td>
                                    <td class="num">{format_percent(s.conversion, lang, false)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any() }}
            </section>
        }
    }
}
