//! Exponential smoothing with a damped additive trend: Holt (no season) and Holt–Winters
//! (additive season), in the error-correction form of Hyndman et al. (2008), ETS(A,Ad,N) and
//! ETS(A,Ad,A):
//!
//! ```text
//! ŷ_t = ℓ_{t−1} + φ·b_{t−1} + s_{t−m}          e_t = y_t − ŷ_t
//! ℓ_t = ℓ_{t−1} + φ·b_{t−1} + α·e_t
//! b_t = φ·b_{t−1} + β·e_t
//! s_t = s_{t−m} + γ·e_t
//! ŷ_{n+h} = ℓ_n + (φ + φ² + … + φ^h)·b_n + s_{n+h−m·k}
//! ```
//!
//! Parameters minimise the in-sample one-step SSE (grid, then Nelder–Mead) within the usual
//! admissible box: 0.01 ≤ α ≤ 0.99, β = α·β* (β* ∈ [0, 1]), γ = (1 − α)·γ* (γ* ∈ [0, 1]),
//! 0.8 ≤ φ ≤ 0.98.

use super::Fit;
use super::optimise::minimise;

const MAX_EVALUATIONS: usize = 150;

/// Smoothing parameters (α, β, γ, φ) in their natural scale.
#[derive(Clone, Copy, Debug)]
struct Parameters {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
}

impl Parameters {
    /// From the optimiser's box coordinates (α, β*, φ[, γ*]).
    fn from_box(x: &[f64]) -> Self {
        let alpha = x[0];
        let gamma_share = x.get(3).copied().unwrap_or(0.0);
        Parameters {
            alpha,
            beta: alpha * x[1],
            gamma: (1.0 - alpha) * gamma_share,
            phi: x[2],
        }
    }
}

/// Initial state: level, trend and (for season m > 0) the seasonal effects of the first season,
/// from the means of the first two seasons (Holt–Winters) or the first differences (Holt).
struct State {
    level: f64,
    trend: f64,
    season: Vec<f64>,
    /// Index of the first observation the recursion consumes.
    first: usize,
}

fn initial_state(history: &[f64], season: usize) -> Option<State> {
    let n = history.len();
    if season == 0 {
        if n < 3 {
            return None;
        }
        let k = (n - 1).min(4);
        let trend = (history[k] - history[0]) / k as f64;
        return Some(State {
            level: history[0],
            trend,
            season: Vec::new(),
            first: 1,
        });
    }
    if n < 2 * season {
        return None;
    }
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let (first_mean, second_mean) = (mean(&history[..season]), mean(&history[season..2 * season]));
    let trend = (second_mean - first_mean) / season as f64;
    let centre = (season as f64 - 1.0) / 2.0;
    let effects: Vec<f64> = history[..season]
        .iter()
        .enumerate()
        .map(|(i, y)| y - (first_mean + (i as f64 - centre) * trend))
        .collect();
    let effect_mean = mean(&effects);
    Some(State {
        level: first_mean + centre * trend,
        trend,
        season: effects.iter().map(|e| e - effect_mean).collect(),
        first: season,
    })
}

/// Runs the recursion; returns the one-step errors and the final state.
fn run(history: &[f64], season: usize, p: Parameters, mut state: State) -> (Vec<f64>, State) {
    let mut errors = Vec::with_capacity(history.len());
    for (t, &y) in history.iter().enumerate().skip(state.first) {
        let seasonal = if season > 0 { state.season[t % season] } else { 0.0 };
        let error = y - (state.level + p.phi * state.trend + seasonal);
        state.level += p.phi * state.trend + p.alpha * error;
        state.trend = p.phi * state.trend + p.beta * error;
        if season > 0 {
            state.season[t % season] += p.gamma * error;
        }
        errors.push(error);
    }
    (errors, state)
}

/// Fits and forecasts; `season` 0 means Holt (no seasonal component).
fn fit(history: &[f64], season: usize, horizon: usize) -> Option<Fit> {
    initial_state(history, season)?;
    let sse = |x: &[f64]| -> f64 {
        let Some(state) = initial_state(history, season) else {
            return f64::INFINITY;
        };
        run(history, season, Parameters::from_box(x), state)
            .0
            .iter()
            .map(|e| e * e)
            .sum()
    };
    let (x, _) = if season > 0 {
        minimise(
            sse,
            &[&[0.1, 0.3, 0.6], &[0.05, 0.3], &[0.9, 0.98], &[0.05, 0.2, 0.5]],
            &[0.01, 0.0, 0.8, 0.0],
            &[0.99, 1.0, 0.98, 1.0],
            MAX_EVALUATIONS,
        )
    } else {
        minimise(
            sse,
            &[&[0.1, 0.3, 0.6, 0.9], &[0.05, 0.2, 0.5], &[0.85, 0.95, 0.98]],
            &[0.01, 0.0, 0.8],
            &[0.99, 1.0, 0.98],
            MAX_EVALUATIONS,
        )
    };
    let p = Parameters::from_box(&x);
    let (one_step_errors, state) = run(history, season, p, initial_state(history, season)?);
    let n = history.len();
    let mut damping = 0.0;
    let mut power = 1.0;
    let forecast = (1..=horizon)
        .map(|h| {
            power *= p.phi;
            damping += power;
            let seasonal = if season > 0 {
                state.season[(n - 1 + h) % season]
            } else {
                0.0
            };
            state.level + damping * state.trend + seasonal
        })
        .collect::<Vec<f64>>();
    forecast.iter().all(|v| v.is_finite()).then_some(Fit {
        forecast,
        one_step_errors,
    })
}

/// Holt's linear method with a damped trend (ETS(A,Ad,N)); needs 3 points.
pub(crate) fn holt(history: &[f64], horizon: usize) -> Option<Fit> {
    fit(history, 0, horizon)
}

/// Additive Holt–Winters with a damped trend (ETS(A,Ad,A)); needs 2 full seasons.
pub(crate) fn holt_winters(history: &[f64], season: usize, horizon: usize) -> Option<Fit> {
    if season < 2 {
        return None;
    }
    fit(history, season, horizon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holt_follows_a_straight_line() {
        let history: Vec<f64> = (0..30).map(|t| 10.0 + 2.0 * t as f64).collect();
        let fit = holt(&history, 3).unwrap();
        // Damping bends the line slightly: next value 70, then a little under +2 per step.
        assert!((fit.forecast[0] - 70.0).abs() < 0.1, "{:?}", fit.forecast);
        assert!(fit.forecast[2] > fit.forecast[1] && fit.forecast[1] > fit.forecast[0]);
    }

    #[test]
    fn holt_winters_reproduces_a_pure_season() {
        let pattern = [10.0, 20.0, 5.0, 30.0];
        let history: Vec<f64> = (0..24).map(|t| pattern[t % 4]).collect();
        let fit = holt_winters(&history, 4, 8).unwrap();
        for (h, value) in fit.forecast.iter().enumerate() {
            assert!((value - pattern[(24 + h) % 4]).abs() < 1e-6, "{:?}", fit.forecast);
        }
    }

    #[test]
    fn too_short_histories_are_refused() {
        assert!(holt(&[1.0, 2.0], 1).is_none());
        assert!(holt_winters(&[1.0; 7], 4, 1).is_none());
        assert!(holt_winters(&[1.0; 8], 4, 1).is_some());
    }
}
