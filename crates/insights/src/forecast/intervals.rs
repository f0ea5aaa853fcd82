//! Prediction intervals from observed forecast errors.
//!
//! Errors of the chosen model are put on a one-step scale, u = e / √s for an s-step error
//! (the random-walk growth σ_h = σ₁·√h), pooling the backtest's s-step errors with the final fit's
//! in-sample one-step errors. With at least [`MIN_EMPIRICAL`] pooled errors the bounds are their
//! empirical quantiles (10/90% and 2.5/97.5%) times √h, which keeps skew (sales spike upwards);
//! otherwise a normal approximation ±z·σ·√h with σ the root mean square of the pooled errors.
//! Bounds are ordered so that low95 ≤ low80 ≤ point ≤ high80 ≤ high95 always holds.

use crate::distributions::{Z80, Z95};
use crate::summary::quantile;

/// Fewest pooled errors for empirical quantiles.
pub const MIN_EMPIRICAL: usize = 40;

/// Offsets from the point forecast for one-step errors; multiply by √h for step h.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Offsets {
    pub low95: f64,
    pub low80: f64,
    pub high80: f64,
    pub high95: f64,
}

impl Offsets {
    /// Offsets from backtest errors per step (`by_step[s]` = (s+1)-step errors) and in-sample
    /// one-step errors. Zero-width when there are no finite errors at all.
    pub fn from_errors(by_step: &[Vec<f64>], one_step: &[f64]) -> Offsets {
        let mut pooled: Vec<f64> = one_step.iter().copied().filter(|e| e.is_finite()).collect();
        for (s, errors) in by_step.iter().enumerate() {
            let root = ((s + 1) as f64).sqrt();
            pooled.extend(errors.iter().filter(|e| e.is_finite()).map(|e| e / root));
        }
        if pooled.is_empty() {
            return Offsets {
                low95: 0.0,
                low80: 0.0,
                high80: 0.0,
                high95: 0.0,
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
        }
    }

    /// The four bounds around `point` at step `h` (1-based).
    pub fn bounds(&self, point: f64, h: usize) -> [f64; 4] {
        let root = (h.max(1) as f64).sqrt();
        [
            point + self.low95 * root,
            point + self.low80 * root,
            point + self.high80 * root,
            point + self.high95 * root,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_errors_give_normal_intervals_growing_with_the_square_root_of_the_step() {
        // Every pooled error (the 2-step one divided by √2) has magnitude 3, so σ = 3.
        let offsets = Offsets::from_errors(&[vec![3.0, -3.0], vec![3.0 * 2f64.sqrt()]], &[3.0, -3.0]);
        assert!((offsets.high80 - Z80 * 3.0).abs() < 1e-12);
        let [low95, low80, high80, high95] = offsets.bounds(100.0, 4);
        assert!((high95 - (100.0 + Z95 * 6.0)).abs() < 1e-9);
        assert!(low95 < low80 && low80 < 100.0 && 100.0 < high80 && high80 < high95);
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
