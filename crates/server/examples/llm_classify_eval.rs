//! Evaluates lead classification with the LLM against the rules alone on the labelled sets of
//! `tests/data/` (accuracy, per-intent precision and recall): each message goes through the
//! same question, JSON schema and validation as `POST /api/v1/ai/classify`, and falls back to
//! the rules' intent when the answer is rejected, as the endpoint does.
//!
//! ```text
//! scripts/with-local-llm.sh cargo run --release -p voronka-server --example llm_classify_eval \
//!     [-- tests/data/lead_messages_blind.jsonl …]
//! ```
//! (`VORONKA_TEST_LLM_URL`, or `VORONKA_LLM_BASE_URL`, names the server; default: the three sets.)

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use voronka_insights::classify::evaluation::{Evaluation, LabelledMessage, evaluate};
use voronka_insights::classify::{Classification, Intent, Lang, classify};
use voronka_server::ai::llm::{self, Llm};
use voronka_server::config::Config;

fn print(title: &str, e: &Evaluation) {
    println!("\n{title}: {} messages, accuracy {:.3}", e.messages, e.accuracy);
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
}

fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
        Lang::Mixed => "mixed",
    }
}

fn to_rules_intent(intent: voronka_types::ai::Intent) -> Intent {
    Intent::ALL
        .into_iter()
        .find(|i| i.as_str() == intent.as_str())
        .unwrap_or(Intent::Other)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    voronka_server::webhooks::delivery::install_crypto_provider();
    let url = std::env::var("VORONKA_TEST_LLM_URL").or_else(|_| std::env::var("VORONKA_LLM_BASE_URL"))?;
    let config = Config {
        llm_base_url: Some(url),
        llm_timeout_ms: 120_000,
        ..Config::default()
    };
    let llm = Llm::from_config(&config).ok_or("no LLM URL")?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        files = [
            "lead_messages_blind.jsonl",
            "lead_messages_fresh.jsonl",
            "lead_messages.jsonl",
        ]
        .iter()
        .map(|f| root.join("tests/data").join(f))
        .collect();
    }
    for file in files {
        let messages: Vec<LabelledMessage> = std::fs::read_to_string(&file)?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let (mut rules, mut with_llm) = (Vec::new(), Vec::new());
        let mut rejected: BTreeMap<String, usize> = BTreeMap::new();
        let started = Instant::now();
        for message in &messages {
            let by_rules: Classification = classify(&message.text, &[]);
            let question = llm::classify::question(&message.text, language(by_rules.language), &[]);
            let (answer, _) = llm.complete(question).await;
            let reading = answer.and_then(|a| {
                llm::classify::accept(&a, &message.text, &[], None).map_err(|why| format!("rejected: {why}"))
            });
            let mut by_llm = by_rules.clone();
            match reading {
                Ok(reading) => by_llm.intent = to_rules_intent(reading.intent),
                Err(why) => {
                    let why = why.split('`').next().unwrap_or_default().to_owned();
                    *rejected.entry(why).or_default() += 1;
                }
            }
            rules.push(by_rules);
            with_llm.push(by_llm);
        }
        let seconds = started.elapsed().as_secs_f64();
        let name = file
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        println!("\n# {name}");
        print("rules alone", &evaluate(&messages, &rules));
        print(
            "LLM (rules when its answer is rejected)",
            &evaluate(&messages, &with_llm),
        );
        let fallbacks: usize = rejected.values().sum();
        println!(
            "LLM answers used {}/{}, {:.2} s a message; not used: {rejected:?}",
            messages.len() - fallbacks,
            messages.len(),
            seconds / messages.len().max(1) as f64
        );
    }
    Ok(())
}
