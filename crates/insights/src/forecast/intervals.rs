//! Prediction intervals from observed forecast errors.
//!
//! How errors grow with the step is measured, not assumed: κ is the least-squares slope of
//! ln RMSE_s on ln s over the backtest's s-step errors (s = 1..horizon), clamped to [0, 1]
//! (0: errors do not grow, as for a stationary series; 0.5: random-walk growth √h; 0.5 is used
//! when the backtest has a single step). Errors are put on a one-step scale, u = e / s^κ, and
//! pooled; the in-sample one-step errors of the final fit join the pool only when the backtest
//! gives fewer than [`MIN_EMPIRICAL`] errors (they are optimistic). With at least
//! [`MIN_EMPIRICAL`] pooled errors the bounds are their empirical quantiles (10/90% and
//! 2.5/97.5%) times h^κ, which keeps skew (sales spike upwards); otherwise a normal approximation
//! ±z·σ·h^κ with σ the root mean square of the pool. Bounds are ordered so that
//! low95 ≤ low80 ≤ point ≤ high80 ≤ high95 always holds.

use crate::distributions::{Z80, Z95};
use crate::summary::quantile;

/// Fewest pooled errors for empirical quantiles.
pub const MIN_EMPIRICAL: usize = 40;

/// Offsets from the point forecast for one-step errors, and the growth exponent κ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Offsets {
    pub low95: f64,
    pub low80: f64,
    pub high80: f64,
    pub high95: f64,
    pub growth: f64,
}

impl Offsets {
    /// Offsets from backtest errors per step (`by_step[s]` = (s+1)-step errors) and in-sample
    /// one-step errors. Zero-width when there are no finite errors at all.
    pub fn from_errors(by_step: &[Vec<f64>], one_step: &[f64]) -> Offsets {
        let growth = growth_exponent(by_step);
        let mut pooled: Vec<f64> = Vec::new();
        for (s, errors) in by_step.iter().enumerate() {
            let divisor = ((s + 1) as f64).powf(growth);
            pooled.extend(errors.iter().filter(|e| e.is_finite()).map(|e| e / divisor));
        }
        if pooled.len() < MIN_EMPIRICAL {
            pooled.extend(one_step.iter().copied().filter(|e| e.is_finite()));
        }
        if pooled.is_empty() {
            return Offsets {
                low95: 0.0,
                low80: 0.0,
                high80: 0.0,
                high95: 0.0,
                growth,
            };
        }
        let (low95, low80, high80, high95) = if pooled.len() >= MIN_EMPIRICAL {
            let q = |p: f64| quantile(&pooled, p).unwrap_or(0.0);
            (q(0.025), q(0.10), q(0.90), q(0.975))
        } else {
            let sigma = (pooled.iter().map(|e| e * e).sum::<f64>() / pooled.len() as f64).sqrt();
            (-Z95 * sigma, -Z80 * sigma, Z80 * sigma, Z95 * sigma)
        };
        let low80 = low80.min(0.0);
        let high80 = high80.max(0.0);
        Offsets {
            low95: low95.min(low80),
            low80,
            high80,
            high95: high95.max(high80),
            growth,
        }
    }

    /// The four bounds `[low95, low80, high80, high95]` around `point` at step `h` (1-based).
    pub fn bounds(&self, point: f64, h: usize) -> [f64; 4] {
        let factor = (h.max(1) as f64).powf(self.growth);
        [
            point + self.low95 * factor,
            point + self.low80 * factor,
            point + self.high80 * factor,
            point + self.high95 * factor,
        ]
    }
}

/// κ: slope of ln RMSE_s against ln s, clamped to [0, 1]; 0.5 when it cannot be estimated.
fn growth_exponent(by_step: &[Vec<f64>]) -> f64 {
    let points: Vec<(f64, f64)> = by_step
        .iter()
        .enumerate()
        .filter_map(|(s, errors)| {
            let finite: Vec<f64> = errors.iter().copied().filter(|e| e.is_finite()).collect();
            let rmse = (finite.iter().map(|e| e * e).sum::<f64>() / finite.len().max(1) as f64).sqrt();
            (rmse > 0.0 && rmse.is_finite()).then(|| (((s + 1) as f64).ln(), rmse.ln()))
        })
        .collect();
    if points.len() < 2 {
        return 0.5;
    }
    let n = points.len() as f64;
    let (x_mean, y_mean) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let covariance: f64 = points.iter().map(|(x, y)| (x - x_mean) * (y - y_mean)).sum();
    let variance: f64 = points.iter().map(|(x, _)| (x - x_mean).powi(2)).sum();
    if variance <= 0.0 {
        return 0.5;
    }
    let slope = covariance / variance;
    if slope.is_finite() { slope.clamp(0.0, 1.0) } else { 0.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_growing_like_a_random_walk_give_square_root_growth() {
        let by_step: Vec<Vec<f64>> = (1..=9).map(|s| vec![(s as f64).sqrt(), -(s as f64).sqrt()]).collect();
        let offsets = Offsets::from_errors(&by_step, &[]);
        assert!((offsets.growth - 0.5).abs() < 1e-12);
        // 18 scaled errors of magnitude 1 (normal approximation): σ = 1.
        assert!((offsets.high80 - Z80).abs() < 1e-12);
        let [low95, low80, high80, high95] = offsets.bounds(100.0, 4);
        assert!((high95 - (100.0 + Z95 * 2.0)).abs() < 1e-9);
        assert!(low95 < low80 && low80 < 100.0 && 100.0 < high80 && high80 < high95);
    }

    #[test]
    fn errors_that_do_not_grow_give_constant_width() {
        let by_step: Vec<Vec<f64>> = (1..=6).map(|_| vec![3.0, -3.0]).collect();
        let offsets = Offsets::from_errors(&by_step, &[]);
        assert_eq!(offsets.growth, 0.0);
        assert_eq!(offsets.bounds(10.0, 1), offsets.bounds(10.0, 6));
    }

    #[test]
    fn many_errors_give_empirical_skewed_intervals() {
        let errors: Vec<f64> = (0..100).map(|i| if i < 80 { -1.0 } else { 10.0 }).collect();
        let offsets = Offsets::from_errors(&[], &errors);
        assert_eq!(offsets.low80, -1.0);
        assert_eq!(offsets.high95, 10.0);
    }

    #[test]
    fn biased_errors_still_bracket_the_point() {
        let offsets = Offsets::from_errors(&[], &[5.0; 50]);
        assert_eq!((offsets.low95, offsets.low80), (0.0, 0.0));
        assert_eq!((offsets.high80, offsets.high95), (5.0, 5.0));
    }
}
