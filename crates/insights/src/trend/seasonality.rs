//! Weekday and month-of-year patterns in detrended values.
//!
//! Method: group the detrended values by weekday (or month); the pattern's strength is the share
//! of variance the group means explain (η² = SS_between / SS_total, one-way ANOVA); it is reported
//! only when strength ≥ [`MIN_STRENGTH`] and a Kruskal–Wallis rank test (robust to spikes)
//! rejects "all groups alike" at the 5% level (H tie-corrected, χ² with k − 1 degrees of freedom).

use serde::Serialize;

use crate::distributions::chi_square_survival;
use crate::summary::median;

/// Below this share of explained variance a pattern is not worth showing.
pub const MIN_STRENGTH: f64 = 0.2;
/// Significance level of the Kruskal–Wallis test.
pub const ALPHA: f64 = 0.05;

/// Which calendar pattern was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeasonKind {
    /// Profile per weekday, Monday .. Sunday (7 values).
    Weekday,
    /// Profile per month, January .. December (12 values).
    MonthOfYear,
}

/// A calendar pattern found in a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seasonality {
    pub kind: SeasonKind,
    /// Share of the detrended variance explained by the pattern (η², 0..1).
    pub strength: f64,
    /// Relative level per weekday Mon..Sun (7) or per month Jan..Dec (12), mean 1.0:
    /// 1 + (group mean − mean of group means) / |mean level of the series|.
    pub profile: Vec<f64>,
    /// Index into `profile` of the highest level.
    pub peak: usize,
    /// Index into `profile` of the lowest level.
    pub trough: usize,
    /// Kruskal–Wallis p-value of the pattern.
    pub p_value: f64,
}

/// A pattern plus the robust (median-based, centred) effect of each group, used to compute the
/// expected value of each bucket for anomaly detection.
pub(crate) struct Found {
    pub seasonality: Seasonality,
    pub robust_effect: Vec<f64>,
}

/// Looks for a pattern with `groups` classes; `group_of[i]` is the class of `residuals[i]`.
/// `mean_level` is the series' mean, used to express the profile as relative levels.
pub(crate) fn detect(
    kind: SeasonKind,
    groups: usize,
    group_of: &[usize],
    residuals: &[f64],
    mean_level: f64,
) -> Option<Found> {
    let n = residuals.len();
    if n != group_of.len() || n <= groups || mean_level == 0.0 || !mean_level.is_finite() {
        return None;
    }
    let mut members: Vec<Vec<f64>> = vec![Vec::new(); groups];
    for (&g, &r) in group_of.iter().zip(residuals) {
        members.get_mut(g)?.push(r);
    }
    let present = members.iter().filter(|m| !m.is_empty()).count();
    if present < 2 {
        return None;
    }
    let grand = residuals.iter().sum::<f64>() / n as f64;
    let means: Vec<f64> = members
        .iter()
        .map(|m| {
            if m.is_empty() {
                grand
            } else {
                m.iter().sum::<f64>() / m.len() as f64
            }
        })
        .collect();
    let total: f64 = residuals.iter().map(|r| (r - grand).powi(2)).sum();
    let between: f64 = members
        .iter()
        .zip(&means)
        .map(|(m, mean)| m.len() as f64 * (mean - grand).powi(2))
        .sum();
    if total <= 0.0 || !total.is_finite() {
        return None;
    }
    let strength = (between / total).clamp(0.0, 1.0);
    let p_value = kruskal_wallis_p(&members);
    if strength < MIN_STRENGTH || p_value >= ALPHA {
        return None;
    }
    let centre = means.iter().sum::<f64>() / groups as f64;
    let profile: Vec<f64> = means.iter().map(|m| 1.0 + (m - centre) / mean_level.abs()).collect();
    let medians: Vec<f64> = members.iter().map(|m| median(m).unwrap_or(0.0)).collect();
    let median_centre = medians.iter().sum::<f64>() / groups as f64;
    let robust_effect = medians.iter().map(|m| m - median_centre).collect();
    let peak = arg_best(&profile, |a, b| a > b);
    let trough = arg_best(&profile, |a, b| a < b);
    Some(Found {
        seasonality: Seasonality {
            kind,
            strength,
            profile,
            peak,
            trough,
            p_value,
        },
        robust_effect,
    })
}

fn arg_best(values: &[f64], better: impl Fn(f64, f64) -> bool) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if better(v, values[best]) {
            best = i;
        }
    }
    best
}

/// Kruskal–Wallis H test (1952) over the non-empty groups: H = 12/(N(N+1)) Σ R_k²/n_k − 3(N+1)
/// with average ranks for ties, divided by 1 − Σ(t³ − t)/(N³ − N); p from χ²(k − 1).
fn kruskal_wallis_p(members: &[Vec<f64>]) -> f64 {
    let mut all: Vec<(f64, usize)> = members
        .iter()
        .enumerate()
        .flat_map(|(g, m)| m.iter().map(move |&v| (v, g)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = all.len() as f64;
    let mut rank_sums = vec![0.0; members.len()];
    let mut ties = 0.0;
    let mut start = 0;
    while start < all.len() {
        let mut end = start + 1;
        while end < all.len() && all[end].0 == all[start].0 {
            end += 1;
        }
        let average_rank = (start + 1 + end) as f64 / 2.0;
        for &(_, g) in &all[start..end] {
            rank_sums[g] += average_rank;
        }
        let t = (end - start) as f64;
        ties += t * t * t - t;
        start = end;
    }
    let correction = 1.0 - ties / (n * n * n - n);
    if correction <= 0.0 {
        return 1.0;
    }
    let sum: f64 = members
        .iter()
        .zip(&rank_sums)
        .filter(|(m, _)| !m.is_empty())
        .map(|(m, r)| r * r / m.len() as f64)
        .sum();
    let h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / correction;
    let df = members.iter().filter(|m| !m.is_empty()).count() as f64 - 1.0;
    chi_square_survival(h.max(0.0), df)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kruskal_wallis_matches_a_hand_computed_example() {
        // Groups {1,2,3}, {4,5,6}: ranks sum 6 and 15, H = 12/42·(36/3 + 225/3) − 21 = 3.857…
        let p = kruskal_wallis_p(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]);
        assert!((p - chi_square_survival(27.0 / 7.0, 1.0)).abs() < 1e-12);
        assert!((p - 0.0495).abs() < 1e-3);
    }

    #[test]
    fn identical_groups_are_not_a_pattern() {
        let residuals = vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0];
        let group_of = vec![0, 0, 0, 1, 1, 1, 2, 2, 2];
        assert!(detect(SeasonKind::Weekday, 3, &group_of, &residuals, 10.0).is_none());
    }
}
