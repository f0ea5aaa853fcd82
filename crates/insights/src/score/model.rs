//! A tenant's own outcome model: L2-regularised logistic regression on its closed leads.
//!
//! Method: features (below) are standardised to z = (x − mean) / sd on the training set; the weights
//! minimise the mean log-loss + (λ/2)·‖w‖² (λ = 0.01, intercept not penalised) by projected
//! accelerated gradient descent (FISTA, step 1/L with L from a power-iteration bound of XᵀX/n;
//! it stops when no weight moves by more than 1e-6, or after 800 iterations).
//! The projection keeps the signs we know: completeness features never lower the win probability
//! and waiting never raises it, so the blended score stays monotone. Quality is measured on a
//! held-out fifth (every fifth lead): ROC AUC (Mann–Whitney) and log-loss; the final model is then
//! refitted on all closed leads.

use serde::{Deserialize, Serialize};

use super::features::{FEATURES, flag};
use super::{LeadFacts, ScoreReason};

/// Closed leads (won + lost) needed before a model is fitted.
pub const MIN_CLOSED: usize = 200;

const LAMBDA: f64 = 0.01;
const ITERATIONS: usize = 800;

/// A fitted outcome model (serialisable, so the server can keep it between requests).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeModel {
    /// Feature names, in the order of `weights`.
    pub features: Vec<String>,
    pub means: Vec<f64>,
    pub scales: Vec<f64>,
    pub weights: Vec<f64>,
    pub intercept: f64,
    /// Closed leads the final model was fitted on, and how many of them were won.
    pub training_size: usize,
    pub won: usize,
    /// ROC AUC on the held-out fifth when that fifth had both outcomes.
    pub holdout_auc: Option<f64>,
    /// Mean log-loss on the held-out fifth.
    pub holdout_log_loss: Option<f64>,
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        z.exp() / (1.0 + z.exp())
    }
}

fn raw(facts: &LeadFacts) -> Vec<f64> {
    FEATURES.iter().map(|f| (f.value)(facts)).collect()
}

impl OutcomeModel {
    fn logit_parts(&self, facts: &LeadFacts) -> Vec<f64> {
        raw(facts)
            .iter()
            .zip(&self.means)
            .zip(&self.scales)
            .zip(&self.weights)
            .map(|(((x, m), s), w)| w * (x - m) / s)
            .collect()
    }

    /// P(won) for a lead, in [0, 1].
    pub fn win_probability(&self, facts: &LeadFacts) -> f64 {
        let z = self.intercept + self.logit_parts(facts).iter().sum::<f64>();
        if z.is_nan() { 0.0 } else { sigmoid(z) }
    }

    /// Closed leads the model was fitted on.
    pub fn training_size(&self) -> usize {
        self.training_size
    }

    /// Reasons for the model's share of a score worth `scale` points at P(won) = 1: the probability
    /// itself (code "model"), then up to three features that moved it most against an average
    /// closed lead, each with the points it is worth (these explain the "model" points, they are
    /// not added to them).
    pub(crate) fn explain(&self, facts: &LeadFacts, scale: f64) -> Vec<ScoreReason> {
        let p = self.win_probability(facts);
        let mut reasons = vec![ScoreReason {
            code: "model",
            points: (scale * p).round() as i32,
            text_ru: format!(
                "модель по {} закрытым заявкам: вероятность успеха {:.0}%",
                self.training_size,
                100.0 * p
            ),
            text_en: format!(
                "model fitted on {} closed leads: win probability {:.0}%",
                self.training_size,
                100.0 * p
            ),
        }];
        let parts = self.logit_parts(facts);
        let logit = self.intercept + parts.iter().sum::<f64>();
        let mut effects: Vec<(usize, i32)> = parts
            .iter()
            .enumerate()
            .map(|(j, c)| (j, (scale * (p - sigmoid(logit - c))).round() as i32))
            .filter(|(_, pts)| *pts != 0)
            .collect();
        effects.sort_by_key(|(_, pts)| std::cmp::Reverse(pts.abs()));
        for (j, pts) in effects.into_iter().take(3) {
            let Some(feature) = FEATURES.get(j) else { continue };
            let sign = if pts > 0 { "+" } else { "" };
            reasons.push(ScoreReason {
                code: feature.name,
                points: pts,
                text_ru: format!("модель: {} ({sign}{pts})", feature.ru),
                text_en: format!("model: {} ({sign}{pts})", feature.en),
            });
        }
        reasons
    }
}

/// Standardised design matrix and the scaling used.
fn standardise(rows: &[Vec<f64>]) -> (Vec<Vec<f64>>, Vec<f64>, Vec<f64>) {
    let d = FEATURES.len();
    let n = rows.len().max(1) as f64;
    let means: Vec<f64> = (0..d).map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n).collect();
    let scales: Vec<f64> = (0..d)
        .map(|j| {
            let var = rows.iter().map(|r| (r[j] - means[j]).powi(2)).sum::<f64>() / n;
            if var.sqrt() > 1e-9 { var.sqrt() } else { 1.0 }
        })
        .collect();
    let z = rows
        .iter()
        .map(|r| (0..d).map(|j| (r[j] - means[j]) / scales[j]).collect())
        .collect();
    (z, means, scales)
}

/// Largest eigenvalue of XᵀX/n by power iteration (an upper-bound-ish estimate, padded by 10 %).
fn largest_eigenvalue(z: &[Vec<f64>]) -> f64 {
    let d = FEATURES.len();
    let n = z.len().max(1) as f64;
    let mut v = vec![1.0 / (d as f64).sqrt(); d];
    let mut lambda = 1.0;
    for _ in 0..30 {
        let mut next = vec![0.0; d];
        for row in z {
            let dot: f64 = row.iter().zip(&v).map(|(a, b)| a * b).sum();
            for (nj, rj) in next.iter_mut().zip(row) {
                *nj += dot * rj / n;
            }
        }
        let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
        if !(norm.is_finite() && norm > 1e-12) {
            break;
        }
        lambda = norm;
        v = next.into_iter().map(|x| x / norm).collect();
    }
    lambda * 1.1
}

fn project(w: &mut [f64]) {
    for (wj, f) in w.iter_mut().zip(FEATURES) {
        if (f.sign > 0 && *wj < 0.0) || (f.sign < 0 && *wj > 0.0) {
            *wj = 0.0;
        }
    }
}

/// Weights and intercept minimising the regularised log-loss on standardised rows.
fn descend(z: &[Vec<f64>], won: &[bool]) -> (Vec<f64>, f64) {
    let d = FEATURES.len();
    let n = z.len().max(1) as f64;
    let step = 1.0 / (0.25 * (largest_eigenvalue(z) + 1.0) + LAMBDA);
    let (mut w, mut b) = (vec![0.0; d], 0.0);
    let (mut yw, mut yb) = (w.clone(), b);
    let mut t = 1.0_f64;
    for _ in 0..ITERATIONS {
        let mut grad = vec![0.0; d];
        let mut grad_b = 0.0;
        for (row, &y) in z.iter().zip(won) {
            let p = sigmoid(yb + row.iter().zip(&yw).map(|(a, c)| a * c).sum::<f64>());
            let err = p - flag(y);
            grad_b += err / n;
            for (g, x) in grad.iter_mut().zip(row) {
                *g += err * x / n;
            }
        }
        let mut next_w: Vec<f64> = yw.iter().zip(&grad).map(|(y, g)| y - step * (g + LAMBDA * y)).collect();
        project(&mut next_w);
        let next_b = yb - step * grad_b;
        let next_t = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
        let momentum = (t - 1.0) / next_t;
        let change = next_w
            .iter()
            .zip(&w)
            .map(|(a, c)| (a - c).abs())
            .fold((next_b - b).abs(), f64::max);
        yw = next_w.iter().zip(&w).map(|(a, c)| a + momentum * (a - c)).collect();
        yb = next_b + momentum * (next_b - b);
        w = next_w;
        b = next_b;
        t = next_t;
        if change < 1e-6 {
            break;
        }
    }
    (w, b)
}

fn fit_rows(outcomes: &[(&LeadFacts, bool)]) -> OutcomeModel {
    let rows: Vec<Vec<f64>> = outcomes.iter().map(|(f, _)| raw(f)).collect();
    let won: Vec<bool> = outcomes.iter().map(|(_, w)| *w).collect();
    let (z, means, scales) = standardise(&rows);
    let (weights, intercept) = descend(&z, &won);
    OutcomeModel {
        features: FEATURES.iter().map(|f| f.name.to_string()).collect(),
        means,
        scales,
        weights,
        intercept,
        training_size: outcomes.len(),
        won: won.iter().filter(|w| **w).count(),
        holdout_auc: None,
        holdout_log_loss: None,
    }
}

/// ROC AUC by the Mann–Whitney statistic (ties count half); `None` without both outcomes.
pub fn roc_auc(scores: &[f64], won: &[bool]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = scores.iter().copied().zip(won.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = pairs.iter().filter(|p| p.1).count();
    let negatives = pairs.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j + 1 < pairs.len() && pairs[j + 1].0 == pairs[i].0 {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += mean_rank * pairs[i..=j].iter().filter(|p| p.1).count() as f64;
        i = j + 1;
    }
    let u = rank_sum - (positives * (positives + 1)) as f64 / 2.0;
    Some(u / (positives * negatives) as f64)
}

/// Fits the tenant's outcome model on closed leads (facts, won?). `None` with fewer than
/// [`MIN_CLOSED`] leads or when all of them share one outcome.
pub fn fit(outcomes: &[(LeadFacts, bool)]) -> Option<OutcomeModel> {
    let won = outcomes.iter().filter(|(_, w)| *w).count();
    if outcomes.len() < MIN_CLOSED || won == 0 || won == outcomes.len() {
        return None;
    }
    let split = |held: bool| -> Vec<(&LeadFacts, bool)> {
        outcomes
            .iter()
            .enumerate()
            .filter(|(i, _)| (i % 5 == 4) == held)
            .map(|(_, (f, w))| (f, *w))
            .collect()
    };
    let (train, holdout) = (split(false), split(true));
    let mut model = fit_rows(&outcomes.iter().map(|(f, w)| (f, *w)).collect::<Vec<_>>());
    if train.iter().any(|(_, w)| *w) && train.iter().any(|(_, w)| !*w) {
        let trial = fit_rows(&train);
        let probabilities: Vec<f64> = holdout.iter().map(|(f, _)| trial.win_probability(f)).collect();
        let labels: Vec<bool> = holdout.iter().map(|(_, w)| *w).collect();
        model.holdout_auc = roc_auc(&probabilities, &labels);
        let loss: f64 = probabilities
            .iter()
            .zip(&labels)
            .map(|(p, y)| -(if *y { *p } else { 1.0 - p }).clamp(1e-12, 1.0).ln())
            .sum();
        model.holdout_log_loss = (!holdout.is_empty()).then(|| loss / holdout.len() as f64);
    }
    Some(model)
}
