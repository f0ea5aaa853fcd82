//! Evaluates the rule-based lead categorisation on `tests/data/lead_messages.jsonl`:
//! accuracy, per-intent precision/recall and the confusion matrix, on the whole set, on the
//! four fifths the rules were written against ("tuning") and on the held-out fifth; extraction of
//! the expected phone/city/name; language detection.
//!
//! `cargo run --release -p voronka-insights --example classify_eval [-- --show-errors] [other.jsonl]`
//! (`--show-errors` lists the misclassified tuning messages only; held-out ones stay unseen). With
//! another file (e.g. `tests/data/lead_messages_fresh.jsonl`, written after the rules were frozen)
//! it prints that set's figures and every error.

use std::path::PathBuf;

use voronka_insights::classify::evaluation::{Evaluation, LabelledMessage, evaluate, is_held_out};
use voronka_insights::classify::{Classification, Intent, Lang, classify};

fn data_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lead_messages.jsonl")
}

fn print(title: &str, e: &Evaluation) {
    println!("\n## {title}: {} messages, accuracy {:.3}", e.messages, e.accuracy);
    println!("{:<16} {:>7} {:>9} {:>7}", "intent", "support", "precision", "recall");
    for q in &e.per_intent {
        println!(
            "{:<16} {:>7} {:>9.3} {:>7.3}",
            q.intent.as_str(),
            q.support,
            q.precision,
            q.recall
        );
    }
    let short = ["call", "price", "info", "buy", "compl", "spam", "other"];
    println!("confusion (rows: label, columns: predicted)");
    println!("{:<8}{}", "", short.map(|s| format!("{s:>7}")).join(""));
    for (i, row) in e.confusion.iter().enumerate() {
        println!("{:<8}{}", short[i], row.map(|n| format!("{n:>7}")).join(""));
    }
    let pct = |(found, of): (usize, usize)| format!("{found}/{of}");
    println!(
        "extraction: phones {}, cities {}, names {}",
        pct(e.phones_found),
        pct(e.cities_found),
        pct(e.names_found)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let show_errors = std::env::args().any(|a| a == "--show-errors");
    let other_set = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from);
    let text = std::fs::read_to_string(other_set.clone().unwrap_or_else(data_path))?;
    let set: Vec<LabelledMessage> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let results: Vec<Classification> = set.iter().map(|m| classify(&m.text, &[])).collect();

    let part = |held: bool| -> (Vec<LabelledMessage>, Vec<Classification>) {
        set.iter()
            .zip(&results)
            .enumerate()
            .filter(|(i, _)| is_held_out(*i) == held)
            .map(|(_, (m, r))| (m.clone(), r.clone()))
            .unzip()
    };
    print("Whole set", &evaluate(&set, &results));
    if other_set.is_some() {
        // Another set (e.g. tests/data/lead_messages_fresh.jsonl): no tuning split, every error shown.
        for (m, r) in set.iter().zip(&results).filter(|(m, r)| m.intent != r.intent) {
            println!(
                "  {:<15} → {:<15} {:.2}  {}",
                m.intent.as_str(),
                r.intent.as_str(),
                r.confidence,
                m.text
            );
        }
        return Ok(());
    }
    let (tuning, tuning_results) = part(false);
    print("Tuning four fifths", &evaluate(&tuning, &tuning_results));
    let (held, held_results) = part(true);
    print("Held-out fifth", &evaluate(&held, &held_results));

    let lang_ok = set
        .iter()
        .zip(&results)
        .filter(|(m, r)| {
            let l = match r.language {
                Lang::Ru => "ru",
                Lang::En => "en",
                Lang::Mixed => "mixed",
            };
            m.lang == l
        })
        .count();
    println!("\nlanguage detected correctly: {lang_ok}/{}", set.len());
    let spam_as_lead = results
        .iter()
        .zip(&set)
        .filter(|(r, m)| m.intent == Intent::Spam && r.intent != Intent::Spam);
    println!("spam let through: {}", spam_as_lead.count());

    if show_errors {
        println!("\nmisclassified tuning messages:");
        for ((m, r), _) in tuning
            .iter()
            .zip(&tuning_results)
            .zip(0..)
            .filter(|((m, r), _)| m.intent != r.intent)
        {
            println!(
                "  {:<15} → {:<15} {:.2}  {}",
                m.intent.as_str(),
                r.intent.as_str(),
                r.confidence,
                m.text
            );
        }
    }
    Ok(())
}
