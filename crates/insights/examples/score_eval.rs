//! Lead score evaluation on synthetic closed leads whose true win chance is known: ROC AUC of the
//! rule score alone, of the fitted outcome model and of the blended score on leads the fit never
//! saw, plus fit and scoring times for small and large tenants.
//!
//! The synthetic tenant deliberately disagrees with the generic rules in one place (Instagram leads
//! convert well, e-mail leads poorly) so that the fitted model has something to learn.
//!
//! `cargo run --release -p voronka-insights --example score_eval`

use std::time::Instant;

use voronka_insights::classify::Intent;
use voronka_insights::score::{LeadFacts, fit, score};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[((self.next() * items.len() as f64) as usize).min(items.len() - 1)]
    }
}

fn tenant(n: usize, seed: u64) -> Vec<(LeadFacts, bool)> {
    let mut rng = Lcg(seed);
    let intents = [
        Intent::ReadyToBuy,
        Intent::WantsCall,
        Intent::PriceQuestion,
        Intent::ProductInfo,
        Intent::Other,
        Intent::Complaint,
        Intent::Spam,
    ];
    let sources = ["website", "whatsapp", "instagram", "email", "import", "partner"];
    (0..n)
        .map(|_| {
            let f = LeadFacts {
                has_name: rng.next() < 0.6,
                has_phone: rng.next() < 0.55,
                has_email: rng.next() < 0.3,
                has_city: rng.next() < 0.5,
                qualification_filled: (rng.next() * 6.0) as usize,
                qualification_total: 5,
                intent: Some(rng.pick(&intents)),
                source: rng.pick(&sources).to_string(),
                inbound_messages: (rng.next() * 10.0) as u32,
                outbound_messages: (rng.next() * 10.0) as u32,
                notes_and_calls: (rng.next() * 4.0) as u32,
                hours_without_reply: (rng.next() < 0.4).then(|| rng.next() * 96.0),
                age_hours: rng.next() * 2000.0,
                amount_minor: (rng.next() < 0.3).then(|| (rng.next() * 1e8) as i64),
            };
            let mut logit = -2.0 + 0.9 * f64::from(u8::from(f.has_phone)) + 0.35 * f.qualification_filled as f64;
            logit += match f.intent {
                Some(Intent::ReadyToBuy) => 1.8,
                Some(Intent::WantsCall) => 1.2,
                Some(Intent::PriceQuestion) => 0.5,
                Some(Intent::Spam) => -4.0,
                Some(Intent::Complaint) => -1.0,
                _ => 0.0,
            };
            logit += match f.source.as_str() {
                "instagram" => 1.2,
                "email" => -1.2,
                _ => 0.0,
            };
            logit += 0.25 * f64::from(f.inbound_messages.min(6)) - 0.04 * f.hours_without_reply.unwrap_or(0.0);
            let won = rng.next() < 1.0 / (1.0 + (-logit).exp());
            (f, won)
        })
        .collect()
}

/// ROC AUC by the Mann–Whitney statistic, ties counted half.
fn auc(scores: &[f64], won: &[bool]) -> f64 {
    let (mut pairs, mut total) = (0.0, 0.0);
    for (i, &a) in scores.iter().enumerate() {
        for (j, &b) in scores.iter().enumerate() {
            if won[i] && !won[j] {
                total += 1.0;
                pairs += if a > b {
                    1.0
                } else if a == b {
                    0.5
                } else {
                    0.0
                };
            }
        }
    }
    if total > 0.0 { pairs / total } else { f64::NAN }
}

fn main() {
    println!(
        "| closed leads | fit time | holdout AUC (fit's own fifth) | test AUC rules | test AUC model | test AUC blended |"
    );
    println!("|---|---|---|---|---|---|");
    let test = tenant(3000, 99);
    let labels: Vec<bool> = test.iter().map(|(_, w)| *w).collect();
    let rules: Vec<f64> = test.iter().map(|(f, _)| f64::from(score(f, None).value)).collect();
    for n in [200, 1_000, 5_000, 20_000] {
        let train = tenant(n, 7);
        let start = Instant::now();
        let Some(model) = fit(&train) else {
            println!("| {n} | no model |");
            continue;
        };
        let took = start.elapsed();
        let probabilities: Vec<f64> = test.iter().map(|(f, _)| model.win_probability(f)).collect();
        let blended: Vec<f64> = test
            .iter()
            .map(|(f, _)| f64::from(score(f, Some(&model)).value))
            .collect();
        println!(
            "| {n} | {:.1} ms | {:.3} | {:.3} | {:.3} | {:.3} |",
            took.as_secs_f64() * 1e3,
            model.holdout_auc.unwrap_or(f64::NAN),
            auc(&rules, &labels),
            auc(&probabilities, &labels),
            auc(&blended, &labels)
        );
    }
    let model = fit(&tenant(1_000, 7));
    let start = Instant::now();
    let rounds = 20;
    for _ in 0..rounds {
        for (f, _) in &test {
            std::hint::black_box(score(std::hint::black_box(f), model.as_ref()));
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (rounds * test.len()) as f64;
    println!("\nscore() with a fitted model: {per:.2} µs per lead");
}
