use std::sync::LazyLock;

use proptest::prelude::*;

use super::model::roc_auc;
use super::*;

fn lead() -> LeadFacts {
    LeadFacts {
        source: "whatsapp".into(),
        age_hours: 2.0,
        ..LeadFacts::default()
    }
}

/// A small deterministic random source (64-bit LCG), so tests need no crate and never flake.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Closed leads whose true win chance rises with a phone, filled fields and "ready to buy",
/// and falls with waiting.
fn synthetic_outcomes(n: usize, seed: u64) -> Vec<(LeadFacts, bool)> {
    let mut rng = Lcg(seed);
    let intents = [
        Intent::ReadyToBuy,
        Intent::WantsCall,
        Intent::PriceQuestion,
        Intent::Other,
        Intent::Spam,
    ];
    let sources = ["website", "whatsapp", "instagram", "import"];
    (0..n)
        .map(|_| {
            let facts = LeadFacts {
                has_name: rng.next() < 0.6,
                has_phone: rng.next() < 0.5,
                has_email: rng.next() < 0.3,
                has_city: rng.next() < 0.5,
                qualification_filled: (rng.next() * 6.0) as usize,
                qualification_total: 5,
                intent: Some(intents[(rng.next() * intents.len() as f64) as usize % intents.len()]),
                source: sources[(rng.next() * 4.0) as usize % 4].to_string(),
                inbound_messages: (rng.next() * 8.0) as u32,
                outbound_messages: (rng.next() * 8.0) as u32,
                notes_and_calls: (rng.next() * 3.0) as u32,
                hours_without_reply: (rng.next() < 0.5).then(|| rng.next() * 72.0),
                age_hours: rng.next() * 1000.0,
                amount_minor: None,
            };
            let mut logit = -1.5 + if facts.has_phone { 1.2 } else { 0.0 };
            logit += 0.3 * facts.qualification_filled as f64;
            logit += match facts.intent {
                Some(Intent::ReadyToBuy) => 1.5,
                Some(Intent::Spam) => -3.0,
                _ => 0.0,
            };
            logit -= 0.03 * facts.hours_without_reply.unwrap_or(0.0);
            let won = rng.next() < 1.0 / (1.0 + (-logit).exp());
            (facts, won)
        })
        .collect()
}

static MODEL: LazyLock<Option<OutcomeModel>> = LazyLock::new(|| fit(&synthetic_outcomes(800, 7)));

#[test]
fn rule_points_add_up_as_documented() {
    let facts = LeadFacts {
        has_name: true,
        has_phone: true,
        intent: Some(Intent::WantsCall),
        inbound_messages: 2,
        ..lead()
    };
    // base 10 + name 5 + phone 10 + call 25 + whatsapp 6 + 2 messages × 2 = 60
    let s = score(&facts, None);
    assert_eq!(s.value, 60);
    assert_eq!(s.temperature, Temperature::Warm);
    assert_eq!(s.model, ScoreModelKind::Rules);
    assert_eq!(s.reasons[0].code, "intent");
    assert_eq!(s.reasons.iter().map(|r| r.points).sum::<i32>(), 60);
}

#[test]
fn a_complete_lead_ready_to_buy_is_hot_and_spam_is_cold() {
    let ready = LeadFacts {
        has_name: true,
        has_phone: true,
        has_city: true,
        qualification_filled: 4,
        qualification_total: 5,
        intent: Some(Intent::ReadyToBuy),
        inbound_messages: 3,
        ..lead()
    };
    assert_eq!(score(&ready, None).temperature, Temperature::Hot);
    let spam = LeadFacts {
        intent: Some(Intent::Spam),
        ..lead()
    };
    let s = score(&spam, None);
    assert_eq!((s.value, s.temperature), (0, Temperature::Cold));
}

#[test]
fn waiting_a_day_for_a_reply_costs_points() {
    let fresh = LeadFacts {
        has_phone: true,
        intent: Some(Intent::PriceQuestion),
        ..lead()
    };
    let waiting = LeadFacts {
        hours_without_reply: Some(24.0),
        ..fresh.clone()
    };
    assert_eq!(score(&fresh, None).value - score(&waiting, None).value, 17);
    assert!(
        score(&waiting, None)
            .reasons
            .iter()
            .any(|r| r.code == "waiting" && r.text_en.contains("24.0 h"))
    );
}

#[test]
fn engagement_is_counted_in_good_english() {
    let engagement = |inbound_messages, notes_and_calls| {
        let facts = LeadFacts {
            inbound_messages,
            notes_and_calls,
            ..lead()
        };
        score(&facts, None)
            .reasons
            .into_iter()
            .find(|r| r.code == "engagement")
            .map(|r| r.text_en)
    };
    assert_eq!(
        engagement(1, 1).as_deref(),
        Some("1 message from the lead, 1 note or call")
    );
    assert_eq!(
        engagement(3, 0).as_deref(),
        Some("3 messages from the lead, 0 notes and calls")
    );
    assert_eq!(engagement(0, 0), None);
}

#[test]
fn temperature_thresholds_are_70_and_40() {
    assert_eq!(Temperature::of(70), Temperature::Hot);
    assert_eq!(Temperature::of(69), Temperature::Warm);
    assert_eq!(Temperature::of(40), Temperature::Warm);
    assert_eq!(Temperature::of(39), Temperature::Cold);
    assert_eq!(
        serde_json::to_string(&Temperature::Hot).ok().as_deref(),
        Some("\"hot\"")
    );
}

#[test]
fn no_model_is_fitted_on_too_few_closed_leads_or_a_single_outcome() {
    assert!(fit(&synthetic_outcomes(MIN_CLOSED - 1, 1)).is_none());
    let all_won: Vec<(LeadFacts, bool)> = synthetic_outcomes(300, 2).into_iter().map(|(f, _)| (f, true)).collect();
    assert!(fit(&all_won).is_none());
    assert!(fit(&[]).is_none());
}

#[test]
fn a_fitted_model_learns_who_wins_and_says_so_in_the_score() {
    let Some(model) = MODEL.as_ref() else {
        panic!("800 mixed outcomes must give a model")
    };
    assert_eq!(model.training_size(), 800);
    let auc = model.holdout_auc.unwrap_or(0.0);
    assert!(auc > 0.75, "holdout AUC {auc}");
    let good = LeadFacts {
        has_phone: true,
        qualification_filled: 5,
        qualification_total: 5,
        intent: Some(Intent::ReadyToBuy),
        ..lead()
    };
    let bad = LeadFacts {
        intent: Some(Intent::Spam),
        hours_without_reply: Some(60.0),
        ..lead()
    };
    assert!(model.win_probability(&good) > 0.7, "{}", model.win_probability(&good));
    assert!(model.win_probability(&bad) < 0.1, "{}", model.win_probability(&bad));
    let s = score(&good, Some(model));
    assert_eq!(s.model, ScoreModelKind::Fitted { closed_leads: 800 });
    assert!(
        s.reasons
            .iter()
            .any(|r| r.code == "model" && r.text_en.contains("800 closed leads"))
    );
    assert!(s.reasons.iter().any(|r| r.code == "intent_ready_to_buy"));
}

#[test]
fn broken_numbers_in_closed_leads_still_give_a_finite_model() {
    let mut outcomes = synthetic_outcomes(300, 5);
    for (i, (facts, _)) in outcomes.iter_mut().enumerate() {
        match i % 4 {
            0 => facts.age_hours = f64::NAN,
            1 => facts.hours_without_reply = Some(f64::INFINITY),
            2 => facts.amount_minor = Some(i64::MAX),
            _ => facts.amount_minor = Some(i64::MIN),
        }
    }
    let Some(model) = fit(&outcomes) else {
        panic!("300 mixed outcomes must give a model")
    };
    assert!(model.weights.iter().all(|w| w.is_finite()) && model.intercept.is_finite());
    let p = model.win_probability(&outcomes[0].0);
    assert!((0.0..=1.0).contains(&p));
}

#[test]
fn the_fit_is_deterministic() {
    assert_eq!(fit(&synthetic_outcomes(300, 3)), fit(&synthetic_outcomes(300, 3)));
}

#[test]
fn auc_counts_ties_as_half() {
    assert_eq!(roc_auc(&[0.1, 0.9], &[false, true]), Some(1.0));
    assert_eq!(roc_auc(&[0.5, 0.5], &[false, true]), Some(0.5));
    assert_eq!(roc_auc(&[0.9, 0.1], &[false, true]), Some(0.0));
    assert_eq!(roc_auc(&[0.3], &[true]), None);
}

fn any_intent() -> impl Strategy<Value = Option<Intent>> {
    prop::option::of(prop::sample::select(Intent::ALL.to_vec()))
}

prop_compose! {
    fn any_facts()(
        flags in prop::array::uniform4(any::<bool>()),
        filled in 0usize..8, total in 0usize..8,
        intent in any_intent(),
        source in prop::sample::select(vec!["website", "whatsapp", "instagram", "import", "partner", "", "other"]),
        inbound in any::<u32>(), outbound in any::<u32>(), notes in any::<u32>(),
        waiting in prop::option::of(prop_oneof![0.0f64..500.0, Just(f64::NAN), Just(f64::INFINITY), Just(-3.0)]),
        age in prop_oneof![0.0f64..10_000.0, Just(f64::NAN), Just(-1.0)],
        amount in prop::option::of(any::<i64>()),
    ) -> LeadFacts {
        LeadFacts {
            has_name: flags[0], has_phone: flags[1], has_email: flags[2], has_city: flags[3],
            qualification_filled: filled, qualification_total: total, intent, source: source.to_string(),
            inbound_messages: inbound, outbound_messages: outbound, notes_and_calls: notes,
            hours_without_reply: waiting, age_hours: age, amount_minor: amount,
        }
    }
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100_and_are_deterministic(facts in any_facts(), fitted in any::<bool>()) {
        let model = if fitted { MODEL.as_ref() } else { None };
        let s = score(&facts, model);
        prop_assert!(s.value <= 100);
        prop_assert_eq!(s.temperature, Temperature::of(s.value));
        prop_assert_eq!(&s, &score(&facts, model));
    }

    #[test]
    fn more_completeness_never_lowers_the_score(facts in any_facts(), which in 0usize..5, fitted in any::<bool>()) {
        let model = if fitted { MODEL.as_ref() } else { None };
        let mut better = facts.clone();
        match which {
            0 => better.has_name = true,
            1 => better.has_phone = true,
            2 => better.has_email = true,
            3 => better.has_city = true,
            _ => better.qualification_filled = (facts.qualification_filled + 1).min(facts.qualification_total),
        }
        prop_assert!(score(&better, model).value >= score(&facts, model).value);
    }

    #[test]
    fn longer_waiting_never_raises_the_score(facts in any_facts(), a in 0.0f64..400.0, b in 0.0f64..400.0, fitted in any::<bool>()) {
        let model = if fitted { MODEL.as_ref() } else { None };
        let (short, long) = (a.min(b), a.max(b));
        let waited = |h: f64| score(&LeadFacts { hours_without_reply: Some(h), ..facts.clone() }, model).value;
        prop_assert!(waited(long) <= waited(short));
    }
}
