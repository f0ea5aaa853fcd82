//! Choices shared by the trend and forecast cards: the metric, the step, how values read.

use voronka_types::Money;
use voronka_types::ai::{Granularity, Metric};

use crate::api::ai::{granularity_name, metric_name};
use crate::i18n::{Key, Lang, format_money, format_number, format_percent};

/// Every metric, in the selector's order.
pub const METRICS: [Metric; 6] = [
    Metric::Revenue,
    Metric::Orders,
    Metric::NewCustomers,
    Metric::Aov,
    Metric::Leads,
    Metric::Conversion,
];

/// Every step, in the selector's order.
pub const GRANULARITIES: [Granularity; 3] = [Granularity::Day, Granularity::Week, Granularity::Month];

/// The metric's label.
pub fn metric_key(metric: Metric) -> Key {
    match metric {
        Metric::Revenue => Key::MetricRevenue,
        Metric::Orders => Key::MetricOrders,
        Metric::NewCustomers => Key::MetricNewCustomers,
        Metric::Aov => Key::MetricAov,
        Metric::Leads => Key::MetricLeads,
        Metric::Conversion => Key::MetricConversion,
    }
}

/// The step's label.
pub fn granularity_key(granularity: Granularity) -> Key {
    match granularity {
        Granularity::Day => Key::ByDay,
        Granularity::Week => Key::ByWeek,
        Granularity::Month => Key::ByMonth,
    }
}

/// A metric from its wire name (the `<select>` value).
pub fn parse_metric(name: &str) -> Metric {
    METRICS
        .into_iter()
        .find(|m| metric_name(*m) == name)
        .unwrap_or(Metric::Revenue)
}

/// A step from its wire name (the `<select>` value).
pub fn parse_granularity(name: &str) -> Granularity {
    GRANULARITIES
        .into_iter()
        .find(|g| granularity_name(*g) == name)
        .unwrap_or(Granularity::Week)
}

/// One value of `metric` as the reader expects it: money, a count or a percentage.
pub fn format_value(metric: Metric, value: f64, currency: Option<&str>, lang: Lang) -> String {
    match (metric, currency) {
        (Metric::Revenue | Metric::Aov, Some(currency)) => format_money(
            &Money {
                amount: format!("{value:.2}"),
                currency: currency.to_owned(),
            },
            lang,
            true,
        ),
        (Metric::Conversion, _) => format_percent(value, lang, false),
        _ => format_number(value, lang, 1),
    }
}

/// The horizons offered for a step: about a fortnight, a month and a quarter of days; two,
/// three and six months of weeks; a quarter, half a year and a year of months.
pub fn horizons(granularity: Granularity) -> [u32; 3] {
    match granularity {
        Granularity::Day => [7, 14, 30],
        Granularity::Week => [4, 8, 13],
        Granularity::Month => [3, 6, 12],
    }
}
