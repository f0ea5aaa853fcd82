//! Forecast evaluation harness (issue 7, "Evaluation: Forecasts").
//!
//! For every dataset, several hold-out origins: the history up to the origin is given to each
//! model (`forecast_with`) and to the automatic choice (`forecast`), and the next `h` buckets are
//! compared with what really happened. Error: MASE = MAE / in-sample MAE of seasonal naive on the
//! training part (M4 definition, lag = season length, 1 when the history is shorter than that).
//! Also reports how often the truth fell inside the automatic forecast's 80% and 95% intervals.
//!
//! Run: `cargo run --release -p voronka-insights --example forecast_eval`

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use voronka_insights::forecast::backtest::mase_scale;
use voronka_insights::forecast::{Model, forecast, forecast_with};
use voronka_insights::series::{Granularity, Series};
use voronka_insights::synthetic::Recipe;

const MODELS: [Model; 5] = [
    Model::SeasonalNaive,
    Model::Naive,
    Model::Theta,
    Model::Holt,
    Model::HoltWinters,
];

struct Dataset {
    name: String,
    series: Vec<Series>,
    horizon: usize,
    /// Hold-out origins per series, every `stride` buckets back from the end.
    origins: usize,
    stride: usize,
}

#[derive(Default)]
struct Scores {
    mase: BTreeMap<&'static str, Vec<f64>>,
    chosen: BTreeMap<&'static str, usize>,
    inside80: usize,
    inside95: usize,
    points: usize,
    seconds: Vec<f64>,
}

fn main() {
    let mut datasets = synthetic();
    datasets.extend(real());
    println!(
        "| dataset | n | h | origins | seasonal naive | naive | theta | holt | holt-winters | **auto** | chosen | 80% / 95% coverage |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut all_seconds = Vec::new();
    for dataset in &datasets {
        let scores = evaluate(dataset);
        let cell = |name: &str| -> String {
            match scores.mase.get(name) {
                Some(v) if !v.is_empty() => format!("{:.3}", mean(v)),
                _ => "–".to_string(),
            }
        };
        let cases = scores.mase.get("auto").map_or(0, Vec::len);
        let chosen: Vec<String> = scores.chosen.iter().map(|(m, c)| format!("{m} {c}")).collect();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | **{}** | {} | {:.0}% / {:.0}% |",
            dataset.name,
            dataset.series[0].len(),
            dataset.horizon,
            cases,
            cell("seasonal_naive"),
            cell("naive"),
            cell("theta"),
            cell("holt"),
            cell("holt_winters"),
            cell("auto"),
            chosen.join(", "),
            100.0 * scores.inside80 as f64 / scores.points.max(1) as f64,
            100.0 * scores.inside95 as f64 / scores.points.max(1) as f64,
        );
        all_seconds.extend(scores.seconds);
    }
    all_seconds.sort_by(f64::total_cmp);
    println!(
        "\nautomatic forecast (backtest of all candidates + refit), release build: median {:.1} ms, max {:.1} ms over {} runs",
        1e3 * all_seconds[all_seconds.len() / 2],
        1e3 * all_seconds.last().copied().unwrap_or(0.0),
        all_seconds.len()
    );
}

fn evaluate(dataset: &Dataset) -> Scores {
    let mut scores = Scores::default();
    let h = dataset.horizon;
    for full in &dataset.series {
        for j in 0..dataset.origins {
            let Some(origin) = full.len().checked_sub(h + j * dataset.stride) else {
                continue;
            };
            let train = Series {
                granularity: full.granularity,
                start: full.start,
                values: full.values[..origin].to_vec(),
            };
            let actual = &full.values[origin..origin + h];
            let season = full.granularity.season_length();
            let lag = if train.len() > season { season } else { 1 };
            let scale = mase_scale(&train.values, lag);
            let mase = |forecast: &[f64]| {
                actual.iter().zip(forecast).map(|(a, f)| (a - f).abs()).sum::<f64>() / h as f64 / scale
            };
            for model in MODELS {
                if let Ok(result) = forecast_with(&train, h, model) {
                    let values: Vec<f64> = result.points.iter().map(|p| p.value).collect();
                    scores.mase.entry(model.name()).or_default().push(mase(&values));
                }
            }
            let started = Instant::now();
            let Ok(result) = forecast(&train, h) else { continue };
            scores.seconds.push(started.elapsed().as_secs_f64());
            let values: Vec<f64> = result.points.iter().map(|p| p.value).collect();
            scores.mase.entry("auto").or_default().push(mase(&values));
            *scores.chosen.entry(result.model.name()).or_default() += 1;
            for (p, a) in result.points.iter().zip(actual) {
                scores.points += 1;
                scores.inside80 += usize::from(p.low80 <= *a && *a <= p.high80);
                scores.inside95 += usize::from(p.low95 <= *a && *a <= p.high95);
            }
        }
    }
    scores
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Known trend + season + noise, 5 seeds each, clamped at 0 like real sales.
fn synthetic() -> Vec<Dataset> {
    let seeds = 1..=5u64;
    let make = |name: &str, granularity, len, horizon, recipe: &dyn Fn(u64) -> Recipe| Dataset {
        name: name.to_string(),
        series: seeds
            .clone()
            .map(|seed| {
                let mut series = recipe(seed).series(granularity, date(2022, 1, 3), len);
                series.values.iter_mut().for_each(|v| *v = v.max(0.0));
                series
            })
            .collect(),
        horizon,
        origins: 3,
        stride: horizon,
    };
    let weekday = vec![10.0, 5.0, 5.0, 8.0, 25.0, -20.0, -33.0];
    let yearly_weeks: Vec<f64> = (0..52)
        .map(|w| 30.0 * (2.0 * std::f64::consts::PI * w as f64 / 52.0).sin())
        .collect();
    let months = vec![-20.0, -25.0, -5.0, 0.0, 5.0, 10.0, 5.0, 0.0, 5.0, 10.0, 20.0, 45.0];
    vec![
        make(
            "synthetic daily: weekday season + trend",
            Granularity::Day,
            728,
            14,
            &|seed| Recipe {
                level: 100.0,
                slope: 0.05,
                season: weekday.clone(),
                noise: 8.0,
                seed,
            },
        ),
        make(
            "synthetic daily: trend, no season",
            Granularity::Day,
            365,
            14,
            &|seed| Recipe {
                level: 50.0,
                slope: 0.1,
                season: vec![],
                noise: 6.0,
                seed,
            },
        ),
        make("synthetic daily: noise only", Granularity::Day, 200, 7, &|seed| {
            Recipe {
                level: 20.0,
                slope: 0.0,
                season: vec![],
                noise: 5.0,
                seed,
            }
        }),
        make(
            "synthetic weekly: yearly season + trend",
            Granularity::Week,
            156,
            13,
            &|seed| Recipe {
                level: 200.0,
                slope: 0.3,
                season: yearly_weeks.clone(),
                noise: 8.0,
                seed,
            },
        ),
        make(
            "synthetic monthly: yearly season + trend",
            Granularity::Month,
            60,
            12,
            &|seed| Recipe {
                level: 300.0,
                slope: 2.0,
                season: months.clone(),
                noise: 10.0,
                seed,
            },
        ),
    ]
}

/// Real series copied from the sktime 1.2.0 wheel (BSD-3-Clause), see tests/data/sales/README.md.
fn real() -> Vec<Dataset> {
    let load = |file: &str, start: NaiveDate| -> Series {
        let path = format!("{}/../../tests/data/sales/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let values = text
            .lines()
            .skip(1)
            .filter_map(|line| line.rsplit(',').next()?.trim().parse::<f64>().ok())
            .collect();
        Series {
            granularity: Granularity::Month,
            start,
            values,
        }
    };
    let pbs = load("pbs_immune_sera_scripts.csv", date(1991, 7, 1));
    // From 2003 on the product is nearly gone (all zeros from 2005): also evaluate 1991-07..2003-06.
    let pbs_active = Series {
        values: pbs.values[..144].to_vec(),
        ..pbs.clone()
    };
    vec![
        Dataset {
            name: "real: shampoo sales (monthly)".into(),
            series: vec![load("shampoo_sales.csv", date(1991, 1, 1))],
            horizon: 6,
            origins: 6,
            stride: 2,
        },
        Dataset {
            name: "real: PBS immune sera scripts, whole (monthly, intermittent)".into(),
            series: vec![pbs],
            horizon: 12,
            origins: 8,
            stride: 6,
        },
        Dataset {
            name: "real: PBS immune sera scripts, 1991-07..2003-06".into(),
            series: vec![pbs_active],
            horizon: 12,
            origins: 8,
            stride: 6,
        },
        Dataset {
            name: "real: airline passengers (monthly)".into(),
            series: vec![load("airline_passengers.csv", date(1949, 1, 1))],
            horizon: 12,
            origins: 8,
            stride: 6,
        },
    ]
}
