//! Speed of trend analysis and automatic forecasts on series of realistic lengths.
//! Run: `cargo bench -p voronka-insights --bench series_speed` (plain Instant loop, no criterion).

use std::time::Instant;

use chrono::NaiveDate;
use voronka_insights::forecast::forecast;
use voronka_insights::series::{Granularity, Series};
use voronka_insights::synthetic::Recipe;
use voronka_insights::trend::analyse;

const RUNS: usize = 15;

fn series(granularity: Granularity, len: usize) -> Series {
    let season: Vec<f64> = (0..granularity.season_length())
        .map(|i| 10.0 * (i as f64).sin())
        .collect();
    let start = NaiveDate::from_ymd_opt(2020, 1, 6).expect("valid date");
    Recipe {
        level: 100.0,
        slope: 0.05,
        season,
        noise: 8.0,
        seed: 42,
    }
    .series(granularity, start, len)
}

/// Median and max milliseconds of `RUNS` calls.
fn time(mut f: impl FnMut()) -> (f64, f64) {
    let mut samples: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[RUNS / 2], samples[RUNS - 1])
}

fn main() {
    println!("| series | buckets | horizon | analyse median / max ms | forecast median / max ms |");
    println!("|---|---|---|---|---|");
    let cases = [
        ("daily, 2 years", Granularity::Day, 730, 30),
        ("daily, 4 years", Granularity::Day, 1461, 90),
        ("daily, 10 years", Granularity::Day, 3653, 30),
        ("weekly, 3 years", Granularity::Week, 156, 13),
        ("monthly, 5 years", Granularity::Month, 60, 12),
    ];
    for (name, granularity, len, horizon) in cases {
        let series = series(granularity, len);
        let (analyse_median, analyse_max) = time(|| {
            std::hint::black_box(analyse(std::hint::black_box(&series)));
        });
        let (forecast_median, forecast_max) = time(|| {
            let _ = std::hint::black_box(forecast(std::hint::black_box(&series), horizon));
        });
        println!(
            "| {name} | {len} | {horizon} | {analyse_median:.1} / {analyse_max:.1} | {forecast_median:.1} / {forecast_max:.1} |"
        );
    }
}
