//! Points far outside the expected band.
//!
//! Method: residual r = value − (trend + robust seasonal effects) (additive form), or
//! r = value / (local level × robust seasonal factors) − 1 (multiplicative form, when the seasonal
//! swings grow with the level and that baseline is clearly closer to the values); centre c = median(r);
//! robust scale σ̂ = 1.4826·MAD(r) (consistent with σ for normal noise), falling back to
//! √(π/2)·mean|r − c| when more than half the residuals are equal (MAD = 0, e.g. mostly-zero
//! series). A point is an anomaly when |r − c| > 3.5·σ̂ (Iglewicz & Hoaglin's modified z-score
//! cut-off); its score is |r − c| / σ̂. The band is expected ± 3.5·σ̂ (additive) or
//! baseline·(1 + c ± 3.5·σ̂) (multiplicative).

use chrono::NaiveDate;
use serde::Serialize;

use crate::series::Granularity;
use crate::summary::median;

/// Modified z-score above which a point is an anomaly.
pub const THRESHOLD: f64 = 3.5;

/// A bucket whose value lies far outside the expected band.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Anomaly {
    /// Bucket start.
    pub date: NaiveDate,
    pub value: f64,
    /// Trend with seasonal effects, shifted by the median residual.
    pub expected: f64,
    /// Lower edge of the band (3.5·σ̂ below), at least 0 when the series has no negative values.
    pub low: f64,
    /// Upper edge of the band (3.5·σ̂ above).
    pub high: f64,
    /// |r − c| / σ̂ (modified z-score of the residual).
    pub score: f64,
}

/// Fewest buckets for anomaly detection: two seasons for days (14) and months (24); for weeks
/// half a year (26), because two 52-week seasons would hide anomalies from most tenants.
pub fn min_points(granularity: Granularity) -> usize {
    match granularity {
        Granularity::Day => 14,
        Granularity::Week => 26,
        Granularity::Month => 24,
    }
}

/// How seasonal effects combine with the trend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// baseline = trend + effects; residual = value − baseline.
    Additive,
    /// baseline = trend × factors (all > 0); residual = value / baseline − 1.
    Multiplicative,
}

/// level × robust seasonal factors. The level is the running median over exactly `period`
/// consecutive buckets (windows shifted inside the series at its ends), so that every window
/// holds each phase of the season once: a spike cannot move it, and its constant bias (median
/// vs mean of the seasonal factors) is absorbed by the residuals' centre. For each found pattern
/// in turn (`groups[k]` = class of each bucket and number of classes) the factor of a class is
/// the median of value / current baseline over its buckets, normalised to mean 1.
/// `None` unless the series covers two periods and the level and every factor are positive.
pub(crate) fn multiplicative_baseline(
    values: &[f64],
    period: usize,
    groups: &[(Vec<usize>, usize)],
) -> Option<Vec<f64>> {
    if groups.is_empty() {
        return None;
    }
    if period < 2 || values.len() < 2 * period {
        return None;
    }
    let mut baseline = phase_balanced_median(values, period);
    if baseline.iter().any(|l| *l <= 0.0) {
        return None;
    }
    for (group_of, classes) in groups {
        let mut ratios = vec![Vec::new(); *classes];
        for ((v, b), g) in values.iter().zip(&baseline).zip(group_of) {
            ratios.get_mut(*g)?.push(v / b);
        }
        let medians: Vec<f64> = ratios.iter().map(|r| median(r).unwrap_or(1.0)).collect();
        let mean = medians.iter().sum::<f64>() / *classes as f64;
        if mean <= 0.0 || medians.iter().any(|m| *m <= 0.0) {
            return None;
        }
        for (b, g) in baseline.iter_mut().zip(group_of) {
            *b *= medians[*g] / mean;
        }
    }
    baseline.iter().all(|b| *b > 0.0 && b.is_finite()).then_some(baseline)
}

/// Median of the `period` consecutive values around each index (the window is shifted, not
/// truncated, at the ends). Needs `values.len() >= period`.
fn phase_balanced_median(values: &[f64], period: usize) -> Vec<f64> {
    let n = values.len();
    (0..n)
        .map(|i| {
            let from = i.saturating_sub(period / 2).min(n - period);
            median(&values[from..from + period]).unwrap_or(0.0)
        })
        .collect()
}

/// Anomalies of `values` against `baseline` (trend and seasonal effects, same length), in time
/// order with their indices; `date(i)` gives the bucket start of index i. Empty when the residuals have no spread.
pub(crate) fn find(
    values: &[f64],
    baseline: &[f64],
    form: Form,
    date: impl Fn(usize) -> NaiveDate,
) -> Vec<(usize, Anomaly)> {
    let residual = |v: f64, b: f64| match form {
        Form::Additive => v - b,
        Form::Multiplicative => v / b - 1.0,
    };
    let residuals: Vec<f64> = values.iter().zip(baseline).map(|(v, b)| residual(*v, *b)).collect();
    let Some(centre) = median(&residuals) else {
        return Vec::new();
    };
    let deviations: Vec<f64> = residuals.iter().map(|r| (r - centre).abs()).collect();
    let mad = median(&deviations).unwrap_or(0.0);
    let mut scale = 1.4826 * mad;
    if scale <= 0.0 {
        let mean_deviation = deviations.iter().sum::<f64>() / deviations.len() as f64;
        scale = (std::f64::consts::PI / 2.0).sqrt() * mean_deviation;
    }
    if scale <= 0.0 || !scale.is_finite() {
        return Vec::new();
    }
    let non_negative = values.iter().all(|v| *v >= 0.0);
    let mut anomalies = Vec::new();
    for (i, deviation) in deviations.iter().enumerate() {
        let score = deviation / scale;
        if score > THRESHOLD {
            let (expected, low, high) = match form {
                Form::Additive => {
                    let expected = baseline[i] + centre;
                    (expected, expected - THRESHOLD * scale, expected + THRESHOLD * scale)
                }
                Form::Multiplicative => {
                    let b = baseline[i];
                    (
                        b * (1.0 + centre),
                        b * (1.0 + centre - THRESHOLD * scale),
                        b * (1.0 + centre + THRESHOLD * scale),
                    )
                }
            };
            anomalies.push((
                i,
                Anomaly {
                    date: date(i),
                    value: values[i],
                    expected,
                    low: if non_negative { low.max(0.0) } else { low },
                    high,
                    score,
                },
            ));
        }
    }
    anomalies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_seasonal_swings_get_a_multiplicative_baseline() {
        // Level 10, factors 0.5 and 1.5: the baseline reproduces the values exactly.
        let values: Vec<f64> = (0..12).map(|i| if i % 2 == 0 { 5.0 } else { 15.0 }).collect();
        let classes: Vec<usize> = (0..12).map(|i| i % 2).collect();
        let baseline = multiplicative_baseline(&values, 2, &[(classes.clone(), 2)]).unwrap();
        assert_eq!(baseline, values);
        assert!(multiplicative_baseline(&[0.0; 12], 2, &[(classes, 2)]).is_none());
    }

    #[test]
    fn phase_balanced_median_ignores_a_spike_and_shifts_windows_at_the_ends() {
        let values = [1.0, 2.0, 3.0, 100.0, 5.0, 6.0, 7.0];
        assert_eq!(
            phase_balanced_median(&values, 3),
            vec![2.0, 2.0, 3.0, 5.0, 6.0, 6.0, 6.0]
        );
    }
}
