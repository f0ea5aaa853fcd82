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

/// How many leading points of the series are complete buckets (the analysis read only these;
/// a running week, month or today follows them).
fn complete(trend: &Trend) -> usize {
    trend
        .partial_from
        .and_then(|from| trend.series.iter().position(|p| p.date >= from))
        .unwrap_or(trend.series.len())
}

/// The Theil–Sen line's intercept for the given slope over the complete buckets: the median of
/// `y − slope · x`.
fn intercept(trend: &Trend) -> f64 {
    let mut rests: Vec<f64> = trend.series[..complete(trend)]
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
    // A change "over the period" of a trend that is not there would only mislead.
    if let Some(change) = trend
        .relative_change
        .filter(|_| trend.direction != TrendDirection::Flat)
    {
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
    if let Some(from) = trend.partial_from {
        text.push(' ');
        text.push_str(
            &Key::PartialBucket
                .text(lang)
                .replacen("{}", &format_naive_date(from, lang), 1),
        );
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
        let done = complete(&trend);
        let series = scale.line(values.iter().enumerate().take(done).map(|(i, p)| (i as f64, p.1)));
        // The running bucket joins the line dashed, from the last complete point.
        let running = (done < values.len()).then(|| {
            scale.line(
                values
                    .iter()
                    .enumerate()
                    .skip(done.saturating_sub(1))
                    .map(|(i, p)| (i as f64, p.1)),
            )
        });
        let b = intercept(&trend);
        let last = done.saturating_sub(1) as f64;
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
                {running.clone().map(|d| view! { <path d=d class="chart-running" data-testid="trend-running" /> })}
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
                {running.map(|_| view! { <li><span class="swatch swatch-running"></span>{Key::RunningLegend.text(lang)}</li> })}
            </ul>
            <p class="sr-only">{hidden}</p>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use voronka_types::ai::{DateRange, SeriesPoint};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn monthly(direction: TrendDirection, partial_from: Option<NaiveDate>) -> Trend {
        Trend {
            metric: Metric::Orders,
            granularity: Granularity::Month,
            period: DateRange {
                from: day("2026-09-01"),
                to: day("2026-11-22"),
            },
            currency: None,
            series: [("2026-09-01", 10.0), ("2026-10-01", 11.0), ("2026-11-01", 4.0)]
                .iter()
                .map(|(d, v)| SeriesPoint {
                    date: day(d),
                    value: *v,
                })
                .collect(),
            partial_from,
            direction,
            slope_per_period: 1.0,
            relative_change: Some(0.095),
            p_value: 0.3,
            significant: false,
            seasonality: Vec::new(),
            anomalies: Vec::new(),
        }
    }

    #[test]
    fn the_running_month_is_left_out_of_the_fitted_line() {
        let trend = monthly(TrendDirection::Up, Some(day("2026-11-01")));
        assert_eq!(complete(&trend), 2);
        assert_eq!(complete(&monthly(TrendDirection::Up, None)), 3);
        // Intercept from the two complete months only: median(10 − 0, 11 − 1) = 10.
        assert_eq!(intercept(&trend), 10.0);
    }
}
