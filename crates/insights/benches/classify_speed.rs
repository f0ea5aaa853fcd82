//! Classification speed without an LLM: every message of `tests/data/lead_messages.jsonl`
//! classified with seed 004's house qualification fields, many rounds; prints the mean, median and
//! p99 time per message (target ≤ 1 ms) and the first-call cost (dictionaries compiled lazily).
//!
//! `cargo bench -p voronka-insights --bench classify_speed`

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use voronka_insights::classify::{FieldKind, QualificationField, classify};
use voronka_insights::summary::quantile;

fn field(key: &str, label: &str, kind: FieldKind) -> QualificationField {
    QualificationField {
        key: key.into(),
        label: label.into(),
        kind,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lead_messages.jsonl");
    let texts: Vec<String> = std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let foundation = ["Ленточный", "Свайный", "Плитный"].map(String::from).to_vec();
    let fields = vec![
        field("house_size", "Размер дома", FieldKind::Text),
        field("foundation", "Фундамент", FieldKind::Select(foundation)),
        field("windows", "Количество окон", FieldKind::Number),
        field("doors", "Количество дверей", FieldKind::Number),
        field("has_project", "Есть проект", FieldKind::Bool),
        field("city", "Город", FieldKind::Text),
    ];

    let first = Instant::now();
    black_box(classify(black_box(&texts[0]), &fields));
    let first_call = first.elapsed();

    let rounds = 50;
    let mut micros = Vec::with_capacity(rounds * texts.len());
    for _ in 0..rounds {
        for text in &texts {
            let start = Instant::now();
            black_box(classify(black_box(text), black_box(&fields)));
            micros.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    let mean = micros.iter().sum::<f64>() / micros.len() as f64;
    let p50 = quantile(&micros, 0.5).unwrap_or(f64::NAN);
    let p99 = quantile(&micros, 0.99).unwrap_or(f64::NAN);
    let max = micros.iter().copied().fold(0.0, f64::max);
    println!(
        "classify: {} messages × {rounds} rounds, 6 qualification fields",
        texts.len()
    );
    println!(
        "first call (compiles dictionaries): {:.1} µs",
        first_call.as_secs_f64() * 1e6
    );
    println!("mean {mean:.1} µs, p50 {p50:.1} µs, p99 {p99:.1} µs, max {max:.1} µs per message (target ≤ 1000 µs)");
    Ok(())
}
