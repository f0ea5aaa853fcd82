//! Lead score (0–100) and temperature with the reasons behind it.
//!
//! Without enough history the score is the sum of transparent rule points (`rules`): data
//! completeness, intent, source, engagement, time without reply, staleness. Once a tenant has
//! [`MIN_CLOSED`] closed leads of both outcomes, [`fit`] learns a logistic regression on them
//! (`model`) and [`score`] blends it in: `value = 0.3 · rules + 0.7 · 100 · P(win)`, the reasons
//! then also name the features that moved the probability most.
//!
//! Temperature: **hot** at 70 and above, **warm** from 40 to 69, **cold** below 40.
//! Scores are deterministic and monotone: more completeness never lowers the score, longer
//! waiting never raises it (the fitted model is sign-constrained on those features too).

mod features;
mod model;
mod rules;

use serde::{Deserialize, Serialize};

use crate::classify::Intent;

pub use model::{MIN_CLOSED, OutcomeModel, fit};

/// Everything the score looks at, as plain facts the server reads from the lead.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LeadFacts {
    pub has_name: bool,
    pub has_phone: bool,
    pub has_email: bool,
    pub has_city: bool,
    /// Qualification fields filled, of `qualification_total` the tenant defines.
    pub qualification_filled: usize,
    pub qualification_total: usize,
    /// The last classified intent of the lead's messages.
    pub intent: Option<Intent>,
    /// "website", "whatsapp", "telegram", "instagram", "email", "api", "import", "manual", "partner", …
    pub source: String,
    pub inbound_messages: u32,
    pub outbound_messages: u32,
    pub notes_and_calls: u32,
    /// Hours the lead has been waiting for our reply; `None` when nobody waits.
    pub hours_without_reply: Option<f64>,
    /// Hours since the lead came in.
    pub age_hours: f64,
    /// The deal amount in minor units, when known.
    pub amount_minor: Option<i64>,
}

/// Hot, warm or cold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Temperature {
    Hot,
    Warm,
    Cold,
}

/// Score from which a lead is hot.
pub const HOT_FROM: u8 = 70;
/// Score from which a lead is warm (below: cold).
pub const WARM_FROM: u8 = 40;

impl Temperature {
    /// Hot ≥ [`HOT_FROM`], warm ≥ [`WARM_FROM`], else cold.
    pub fn of(value: u8) -> Temperature {
        if value >= HOT_FROM {
            Temperature::Hot
        } else if value >= WARM_FROM {
            Temperature::Warm
        } else {
            Temperature::Cold
        }
    }
}

/// Which model produced a score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ScoreModelKind {
    /// Rule points only.
    Rules,
    /// Rules blended with a logistic regression fitted on this many closed leads.
    Fitted { closed_leads: usize },
}

/// One part of the score, in both UI languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreReason {
    /// "completeness", "intent", "source", "engagement", "waiting", "staleness", "amount", "base",
    /// "model", or for a fitted model's feature its name ("has_phone", "intent_ready_to_buy", …).
    pub code: &'static str,
    /// Points this part adds (negative: takes away).
    pub points: i32,
    pub text_ru: String,
    pub text_en: String,
}

/// A lead's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// 0..=100.
    pub value: u8,
    pub temperature: Temperature,
    /// The parts of the score, largest absolute effect first.
    pub reasons: Vec<ScoreReason>,
    pub model: ScoreModelKind,
}

/// Share of the fitted model in a blended score.
pub const MODEL_WEIGHT: f64 = 0.7;

/// Scores a lead by the rules, blended with `model` when given (see the module docs).
pub fn score(facts: &LeadFacts, model: Option<&OutcomeModel>) -> Score {
    let rule_points = rules::points(facts);
    let rules_total: i32 = rule_points.iter().map(|r| r.points).sum();
    let rules_value = f64::from(rules_total.clamp(0, 100));
    let (value, mut reasons, kind) = match model {
        None => (rules_value, rule_points, ScoreModelKind::Rules),
        Some(model) => {
            let p = model.win_probability(facts);
            let value = (1.0 - MODEL_WEIGHT) * rules_value + MODEL_WEIGHT * 100.0 * p;
            let mut reasons: Vec<ScoreReason> = rule_points
                .into_iter()
                .map(|r| ScoreReason {
                    points: ((1.0 - MODEL_WEIGHT) * f64::from(r.points)).round() as i32,
                    ..r
                })
                .collect();
            reasons.extend(model.explain(facts, MODEL_WEIGHT * 100.0));
            (
                value,
                reasons,
                ScoreModelKind::Fitted {
                    closed_leads: model.training_size(),
                },
            )
        }
    };
    reasons.retain(|r| r.points != 0 || r.code == "model");
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points.abs()));
    let value = if value.is_finite() {
        value.round().clamp(0.0, 100.0) as u8
    } else {
        0
    };
    Score {
        value,
        temperature: Temperature::of(value),
        reasons,
        model: kind,
    }
}

#[cfg(test)]
mod tests;
