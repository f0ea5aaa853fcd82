//! Points far outside the expected band.
//!
//! Method: residual r = value − (trend + robust seasonal effects); centre c = median(r);
//! robust scale σ̂ = 1.4826·MAD(r) (consistent with σ for normal noise), falling back to
//! √(π/2)·mean|r − c| when more than half the residuals are equal (MAD = 0, e.g. mostly-zero
//! series). A point is an anomaly when |r − c| > 3.5·σ̂ (Iglewicz & Hoaglin's modified z-score
//! cut-off); its score is |r − c| / σ̂.

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
    /// Trend + seasonal effects + median residual.
    pub expected: f64,
    /// expected − 3.5·σ̂, at least 0 when the series has no negative values.
    pub low: f64,
    /// expected + 3.5·σ̂.
    pub high: f64,
    /// |value − expected| / σ̂ (modified z-score).
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

/// Anomalies of `values` against `baseline` (trend + seasonal effects, same length), in time
/// order; `date(i)` gives the bucket start of index i. Empty when the residuals have no spread.
pub(crate) fn find(values: &[f64], baseline: &[f64], date: impl Fn(usize) -> NaiveDate) -> Vec<Anomaly> {
    let residuals: Vec<f64> = values.iter().zip(baseline).map(|(v, b)| v - b).collect();
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
            let expected = baseline[i] + centre;
            let low = expected - THRESHOLD * scale;
            anomalies.push(Anomaly {
                date: date(i),
                value: values[i],
                expected,
                low: if non_negative { low.max(0.0) } else { low },
                high: expected + THRESHOLD * scale,
                score,
            });
        }
    }
    anomalies
}
