//! The trend card: the series, its Theil–Sen line, anomalies and seasonality, in plain SVG.

use chrono::NaiveDate;
use leptos::prelude::*;
use voronka_types::ai::{Granularity, Metric, Trend, TrendDirection};

use super::chart::{Axes, HEIGHT, Scale, WIDTH, median};
use super::series::{format_value, metric_key};
use crate::api;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_month_name, format_naive_date, format_percent, format_weekday, use_i18n};

/// Loads and draws the trend of `metric` over `range`.
#[component]
pub fn TrendCard(
    metric: Signal<Metric>,
    granularity: Signal<Granularity>,
    range: Signal<(NaiveDate, NaiveDate)>,
) -> impl IntoView {
    let trend = LocalResource::new(move || {
        let (metric, granularity, (from, to)) = (metric.get(), granularity.get(), range.get());
        async move { api::ai::trend(metric, granularity, from, to).await }
    });
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match trend.await {
                    Ok(trend) => view! { <TrendView trend=trend /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| trend.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The Theil–Sen line's intercept for the given slope: the median of `y − slope · x`.
fn intercept(trend: &Trend) -> f64 {
    let mut rests: Vec<f64> = trend
        .series
        .iter()
        .enumerate()
        .map(|(i, p)| p.value - trend.slope_per_period * i as f64)
        .collect();
    median(&mut rests)
}

/// "Going up, statistically significant, +12 % over the period. Busiest weekday: Friday."
fn sentence(trend: &Trend, lang: Lang) -> String {
    let direction = match trend.direction {
        TrendDirection::Up => Key::TrendUp,
        TrendDirection::Down => Key::TrendDown,
        TrendDirection::Flat => Key::TrendFlat,
    };
    let significance = if trend.significant {
        Key::Significant
    } else {
        Key::NotSignificant
    };
    let mut text = format!("{}, {}", direction.text(lang), significance.text(lang));
    if let Some(change) = trend.relative_change {
        let change = format_percent(change, lang, true);
        text.push_str(&format!(", {}", Key::OverPeriod.text(lang).replacen("{}", &change, 1)));
    }
    text.push('.');
    for pattern in &trend.seasonality {
        let line = match pattern.kind.as_str() {
            "weekday" => Key::BusiestWeekday
                .text(lang)
                .replacen("{}", &format_weekday(pattern.peak, lang), 1),
            "month_of_year" => Key::BusiestMonth
                .text(lang)
                .replacen("{}", &format_month_name(pattern.peak, lang), 1),
            _ => continue,
        };
        text.push(' ');
        text.push_str(&line);
        text.push('.');
    }
    text
}

/// The visually hidden summary of a series for screen readers.
pub fn summary(metric: Metric, values: &[(NaiveDate, f64)], currency: Option<&str>, lang: Lang) -> String {
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return Key::NoSeries.text(lang).to_owned();
    };
    let low = values.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let high = values.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let parts = [
        metric_key(metric).text(lang).to_owned(),
        values.len().to_string(),
        format_naive_date(first.0, lang),
        format_naive_date(last.0, lang),
        format_value(metric, low, currency, lang),
        format_value(metric, high, currency, lang),
    ];
    parts
        .iter()
        .fold(Key::ChartSummary.text(lang).to_owned(), |text, part| {
            text.replacen("{}", part, 1)
        })
}

#[component]
fn TrendView(trend: Trend) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        if trend.series.is_empty() {
            return view! { <p class="muted">{Key::NoSeries.text(lang)}</p> }.into_any();
        }
        let currency = trend.currency.as_deref();
        let values: Vec<(NaiveDate, f64)> = trend.series.iter().map(|p| (p.date, p.value)).collect();
        let scale = Scale::new(values.len(), values.iter().map(|p| p.1));
        let series = scale.line(values.iter().enumerate().map(|(i, p)| (i as f64, p.1)));
        let b = intercept(&trend);
        let last = (values.len() - 1) as f64;
        let fitted = scale.line([(0.0, b), (last, b + trend.slope_per_period * last)].into_iter());
        let title = metric_key(trend.metric).text(lang);
        let text = sentence(&trend, lang);
        let anomalies: Vec<_> = trend
            .anomalies
            .iter()
            .filter_map(|a| {
                let index = values.iter().position(|p| p.0 == a.date)?;
                let label = Key::Anomaly.text(lang).replacen(
                    "{}",
                    &format!(
                        "{} — {}",
                        format_naive_date(a.date, lang),
                        format_value(trend.metric, a.value, currency, lang)
                    ),
                    1,
                );
                let label = label.replacen("{}", &format_value(trend.metric, a.expected, currency, lang), 1);
                Some((scale.x(index as f64), scale.y(a.value), label))
            })
            .collect();
        let anomaly_note = (!anomalies.is_empty()).then(|| {
            Key::AnomaliesCount
                .text(lang)
                .replacen("{}", &anomalies.len().to_string(), 1)
        });
        let dates: Vec<NaiveDate> = values.iter().map(|p| p.0).collect();
        let hidden = summary(trend.metric, &values, currency, lang);
        view! {
            <p class="insight-sentence" data-testid="trend-sentence">{text.clone()}</p>
            <svg
                class="chart"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="trend-title trend-desc"
                data-testid="trend-chart"
            >
                <title id="trend-title">{title}</title>
                <desc id="trend-desc">{text}</desc>
                <Axes scale=scale dates=dates lang=lang percent=trend.metric == Metric::Conversion />
                <path d=series class="chart-line" />
                <path d=fitted class="chart-trend" />
                {anomalies
                    .into_iter()
                    .map(|(x, y, label)| {
                        view! {
                            <circle cx=x cy=y r="5" class="chart-anomaly">
                                <title>{label}</title>
                            </circle>
                        }
                    })
                    .collect_view()}
            </svg>
            <ul class="chart-legend" aria-hidden="true">
                <li><span class="swatch swatch-line"></span>{Key::SeriesLegend.text(lang)}</li>
                <li><span class="swatch swatch-trend"></span>{Key::TrendLegend.text(lang)}</li>
                {anomaly_note.map(|note| view! { <li><span class="swatch swatch-anomaly"></span>{note}</li> })}
            </ul>
            <p class="sr-only">{hidden}</p>
        }
        .into_any()
    }
}
