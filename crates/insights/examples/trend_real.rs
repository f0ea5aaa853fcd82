//! Trend analysis of the real series in tests/data/sales (a sanity check of `trend::analyse`).
//! Run: `cargo run --release -p voronka-insights --example trend_real`

use chrono::NaiveDate;
use voronka_insights::series::{Granularity, Series};
use voronka_insights::trend::analyse;

fn main() {
    let files = [
        ("shampoo_sales.csv", (1991, 1)),
        ("pbs_immune_sera_scripts.csv", (1991, 7)),
        ("airline_passengers.csv", (1949, 1)),
    ];
    for (file, (year, month)) in files {
        let path = format!("{}/../../tests/data/sales/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let values = text
            .lines()
            .skip(1)
            .filter_map(|line| line.rsplit(',').next()?.trim().parse::<f64>().ok())
            .collect();
        let start = NaiveDate::from_ymd_opt(year, month, 1).expect("valid date");
        let series = Series {
            granularity: Granularity::Month,
            start,
            values,
        };
        let a = analyse(&series);
        println!(
            "{file}: {:?}, slope {:.2}/month, relative change {:.2}, z {:.2}, p {:.4}",
            a.direction,
            a.slope_per_period,
            a.relative_change.unwrap_or(f64::NAN),
            a.mann_kendall_z,
            a.p_value
        );
        for s in &a.seasonality {
            println!(
                "  {:?}: strength {:.2}, p {:.4}, peak month {}, trough month {}",
                s.kind,
                s.strength,
                s.p_value,
                s.peak + 1,
                s.trough + 1
            );
        }
        for x in &a.anomalies {
            println!(
                "  anomaly {}: {} (expected {:.1}, band {:.1}..{:.1}, score {:.1})",
                x.date, x.value, x.expected, x.low, x.high, x.score
            );
        }
    }
}
