//! The forecast card: recent history, the forecast with its 80 % and 95 % bands, the model
//! the backtest chose and how it compares with the seasonal naive baseline.

use chrono::NaiveDate;
use leptos::prelude::*;
use voronka_types::ai::{Granularity, Metric, SalesForecast};

use super::chart::{Axes, HEIGHT, Scale, WIDTH};
use super::series::{format_value, metric_key};
use super::trend::summary;
use crate::api;
use crate::components::page::{LoadError, LoadingRows};
use crate::i18n::{Key, Lang, format_naive_date, format_number, use_i18n};

/// Loads and draws the forecast of `metric`, `horizon` steps after `as_of`.
#[component]
pub fn ForecastCard(
    metric: Signal<Metric>,
    granularity: Signal<Granularity>,
    horizon: Signal<u32>,
    as_of: Signal<NaiveDate>,
) -> impl IntoView {
    let forecast = LocalResource::new(move || {
        let (metric, granularity, horizon, as_of) = (metric.get(), granularity.get(), horizon.get(), as_of.get());
        async move { api::ai::forecast(metric, granularity, horizon, as_of).await }
    });
    view! {
        <Transition fallback=|| view! { <LoadingRows rows=3 /> }>
            {move || Suspend::new(async move {
                match forecast.await {
                    Ok(forecast) => view! { <ForecastView forecast=forecast /> }.into_any(),
                    Err(problem) => {
                        let retry = Callback::new(move |_| forecast.refetch());
                        view! { <LoadError problem=problem retry=retry /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The model's name as people say it.
fn model_name(model: &str, lang: Lang) -> String {
    let (en, ru) = match model {
        "seasonal_naive" => ("seasonal naive", "сезонная наивная"),
        "naive" => ("naive (last value)", "наивная (последнее значение)"),
        "holt_winters" => ("Holt–Winters", "Хольта–Винтерса"),
        "holt" => ("Holt (damped trend)", "Хольта (затухающий тренд)"),
        "theta" => ("Theta", "Тета"),
        other => (other, other),
    };
    match lang {
        Lang::En => en.to_owned(),
        Lang::Ru => ru.to_owned(),
    }
}

/// "not enough data: 5 points, need 8" in the reader's language (the server's text otherwise).
fn not_enough(message: &str, lang: Lang) -> String {
    let numbers: Vec<&str> = message
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    match numbers.as_slice() {
        [have, need] => Key::NotEnoughData
            .text(lang)
            .replacen("{}", have, 1)
            .replacen("{}", need, 1),
        _ => message.to_owned(),
    }
}

/// "Backtest error (MASE) 0.85 vs seasonal naive 1.00 — better than naive".
fn quality(forecast: &SalesForecast, lang: Lang) -> Option<String> {
    let mase = forecast.mase?;
    let verdict = if mase < 1.0 {
        Key::BetterThanNaive
    } else {
        Key::WorseThanNaive
    };
    let head = Key::BacktestError
        .text(lang)
        .replacen("{}", &format_number(mase, lang, 2), 1);
    Some(format!("{head} — {}", verdict.text(lang)))
}

#[component]
fn ForecastView(forecast: SalesForecast) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        if let Some(message) = &forecast.not_enough_data {
            return view! { <p class="insight-sentence" data-testid="forecast-not-enough">{not_enough(message, lang)}</p> }
                .into_any();
        }
        let (Some(first), Some(end)) = (forecast.points.first(), forecast.points.last()) else {
            return view! { <p class="muted">{Key::NoSeries.text(lang)}</p> }.into_any();
        };
        let currency = forecast.currency.as_deref();
        // Enough history to read the level, not so much that the forecast gets squeezed.
        let keep = (forecast.points.len() * 3).max(24);
        let history = &forecast.history[forecast.history.len().saturating_sub(keep)..];
        let offset = history.len() as f64;
        let count = history.len() + forecast.points.len();
        let scale = Scale::new(
            count,
            history
                .iter()
                .map(|p| p.value)
                .chain(forecast.points.iter().flat_map(|p| [p.low95, p.high95])),
        );
        let past = scale.line(history.iter().enumerate().map(|(i, p)| (i as f64, p.value)));
        let joint = history.last().map(|p| (offset - 1.0, p.value));
        let ahead = scale.line(
            joint.into_iter().chain(
                forecast
                    .points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (offset + i as f64, p.value)),
            ),
        );
        let band = |pick: fn(&voronka_types::ai::ForecastPoint) -> (f64, f64)| {
            // The bands open from the last actual value, where the forecast line starts.
            let points: Vec<(f64, f64, f64)> = joint
                .map(|(i, v)| (i, v, v))
                .into_iter()
                .chain(forecast.points.iter().enumerate().map(|(i, p)| {
                    let (low, high) = pick(p);
                    (offset + i as f64, low, high)
                }))
                .collect();
            scale.band(&points)
        };
        let band95 = band(|p| (p.low95, p.high95));
        let band80 = band(|p| (p.low80, p.high80));
        let dates: Vec<NaiveDate> = history
            .iter()
            .map(|p| p.date)
            .chain(forecast.points.iter().map(|p| p.date))
            .collect();
        let title = format!(
            "{} — {}",
            Key::ForecastTitle.text(lang),
            metric_key(forecast.metric).text(lang)
        );
        let low = forecast.points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
        let high = forecast
            .points
            .iter()
            .map(|p| p.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let described = [
            format_naive_date(first.date, lang),
            format_naive_date(end.date, lang),
            format_value(forecast.metric, low, currency, lang),
            format_value(forecast.metric, high, currency, lang),
        ]
        .iter()
        .fold(Key::ForecastSummary.text(lang).to_owned(), |t, part| {
            t.replacen("{}", part, 1)
        });
        let past_values: Vec<(NaiveDate, f64)> = history.iter().map(|p| (p.date, p.value)).collect();
        let hidden = format!("{} {described}", summary(forecast.metric, &past_values, currency, lang));
        let model = forecast
            .model
            .as_deref()
            .map(|m| Key::ModelUsed.text(lang).replacen("{}", &model_name(m, lang), 1));
        view! {
            <svg
                class="chart"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="forecast-title forecast-desc"
                data-testid="forecast-chart"
            >
                <title id="forecast-title">{title}</title>
                <desc id="forecast-desc">{described}</desc>
                <Axes scale=scale dates=dates lang=lang percent=forecast.metric == Metric::Conversion />
                <path d=band95 class="chart-band95" />
                <path d=band80 class="chart-band80" />
                <path d=past class="chart-line" />
                <path d=ahead class="chart-forecast" />
            </svg>
            <ul class="chart-legend" aria-hidden="true">
                <li><span class="swatch swatch-line"></span>{Key::SeriesLegend.text(lang)}</li>
                <li><span class="swatch swatch-forecast"></span>{Key::ForecastLegend.text(lang)}</li>
                <li><span class="swatch swatch-band80"></span>{Key::Band80.text(lang)}</li>
                <li><span class="swatch swatch-band95"></span>{Key::Band95.text(lang)}</li>
            </ul>
            {model.map(|m| view! { <p class="small">{m}</p> })}
            {quality(&forecast, lang).map(|q| view! { <p class="small muted" data-testid="forecast-quality">{q}</p> })}
            <p class="sr-only">{hidden}</p>
        }
        .into_any()
    }
}
