//! Rolling-origin backtest (Tashman 2000): every candidate model is refitted on the history up to
//! each origin and forecasts the next `horizon` buckets; errors are scaled by the in-sample MAE of
//! the seasonal naive forecast on the same training part (MASE, Hyndman & Koehler 2006).

use super::{Model, run_model};

/// Most origins per backtest.
pub const MAX_ORIGINS: usize = 10;
/// Fewest origins the backtest horizon is shortened for (when the history allows).
pub const MIN_ORIGINS: usize = 3;

/// Where the backtest cuts the history.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Plan {
    /// Training lengths, latest first; each origin forecasts `horizon` buckets after it.
    pub origins: Vec<usize>,
    pub horizon: usize,
}

/// Plans origins over the last part of a history of `n` buckets, of which `available` =
/// n − min_train can be tested: the backtest horizon is the requested one (at most `available`),
/// shortened only as far as needed to leave [`MIN_ORIGINS`] origins; origins every ⌈horizon/2⌉
/// buckets going back from n − horizon while the training part keeps at least `min_train`
/// buckets, at most [`MAX_ORIGINS`]. `None` when fewer than `min_train + 1` buckets exist.
pub(crate) fn plan(n: usize, min_train: usize, horizon: usize) -> Option<Plan> {
    let available = n.checked_sub(min_train).filter(|a| *a >= 1)?;
    let origins_for = |h: usize| 1 + (available - h) / h.div_ceil(2).max(1);
    let longest = horizon.clamp(1, available);
    let horizon = (1..=longest)
        .rev()
        .find(|h| origins_for(*h) >= MIN_ORIGINS)
        .unwrap_or(1);
    let stride = horizon.div_ceil(2).max(1);
    let count = (1 + (available - horizon) / stride).min(MAX_ORIGINS);
    let origins = (0..count).map(|j| n - horizon - j * stride).collect();
    Some(Plan { origins, horizon })
}

/// A model's backtest result.
#[derive(Clone, Debug)]
pub(crate) struct Evaluation {
    /// Mean over origins of each origin's MASE.
    pub mase: f64,
    /// Forecast errors (actual − forecast) per step: `errors[s]` holds the (s+1)-step errors.
    pub errors: Vec<Vec<f64>>,
}

/// Backtests `model` on `history` with the given plan; `scale_lag` is the seasonal-naive lag
/// used for the MASE scale (the season when seasonal models compete, else 1).
/// `None` when the model cannot fit at some origin or produces non-finite numbers.
pub(crate) fn evaluate(
    model: Model,
    history: &[f64],
    season: usize,
    scale_lag: usize,
    plan: &Plan,
) -> Option<Evaluation> {
    let mut errors = vec![Vec::with_capacity(plan.origins.len()); plan.horizon];
    let mut mase_sum = 0.0;
    for &origin in &plan.origins {
        let train = &history[..origin];
        let actual = &history[origin..origin + plan.horizon];
        let fit = run_model(model, train, season, plan.horizon)?;
        let mut absolute = 0.0;
        for (step, (a, f)) in actual.iter().zip(&fit.forecast).enumerate() {
            errors[step].push(a - f);
            absolute += (a - f).abs();
        }
        let scale = mase_scale(train, scale_lag);
        let mae = absolute / plan.horizon as f64;
        mase_sum += if mae == 0.0 { 0.0 } else { mae / scale };
    }
    let mase = mase_sum / plan.origins.len() as f64;
    mase.is_finite().then_some(Evaluation { mase, errors })
}

/// In-sample MAE of the seasonal naive forecast with `lag` on `train`. When that is 0 (e.g. an
/// exactly repeating or constant history) falls back to the naive MAE, then to the mean absolute
/// value, then to 1, so that MASE stays finite.
pub fn mase_scale(train: &[f64], lag: usize) -> f64 {
    let mae = |lag: usize| -> f64 {
        if lag == 0 || train.len() <= lag {
            return 0.0;
        }
        train.windows(lag + 1).map(|w| (w[lag] - w[0]).abs()).sum::<f64>() / (train.len() - lag) as f64
    };
    let mean_absolute = train.iter().map(|v| v.abs()).sum::<f64>() / train.len().max(1) as f64;
    [mae(lag), mae(1), mean_absolute]
        .into_iter()
        .find(|s| *s > 0.0 && s.is_finite())
        .unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_step_back_by_half_the_horizon() {
        let plan = plan(60, 24, 12).unwrap();
        assert_eq!(plan.horizon, 12);
        // Available 36: origins 48, 42, 36, 30, 24 (train ≥ 24).
        assert_eq!(plan.origins, vec![48, 42, 36, 30, 24]);
    }

    #[test]
    fn horizon_longer_than_the_test_part_is_shortened_to_leave_several_origins() {
        let plan = plan(36, 24, 12).unwrap();
        assert_eq!((plan.horizon, plan.origins.clone()), (6, vec![30, 27, 24]));
        assert_eq!(super::plan(25, 24, 3).unwrap().origins, vec![24]);
        assert!(super::plan(24, 24, 1).is_none());
    }

    #[test]
    fn one_step_plans_use_at_most_ten_origins() {
        let plan = plan(500, 14, 1).unwrap();
        assert_eq!(plan.origins.len(), MAX_ORIGINS);
        assert_eq!(plan.origins[0], 499);
    }

    #[test]
    fn mase_scale_is_the_seasonal_naive_error() {
        // Lag 2: |3−1|, |2−2|, |6−3| → 5/3.
        assert!((mase_scale(&[1.0, 2.0, 3.0, 2.0, 6.0], 2) - 5.0 / 3.0).abs() < 1e-12);
        assert_eq!(mase_scale(&[0.0, 0.0, 0.0], 1), 1.0);
        assert_eq!(mase_scale(&[4.0, 4.0, 4.0], 1), 4.0);
    }
}
