//! Trend analysis of a sales series: robust direction and slope, calendar patterns, anomalies.
//!
//! 1. Trend line: Theil–Sen (median of pairwise slopes), robust to up to ~29% outliers.
//! 2. Significance: Mann–Kendall test, two-sided, α = 0.05, tie-corrected variance.
//! 3. Seasonality on the detrended values: weekday (daily series with ≥ 3 full weeks) and
//!    month of year (series spanning ≥ 2 years), see [`seasonality`].
//! 4. Anomalies against a baseline with a MAD band, see [`anomaly`]: trend line + seasonal
//!    effects, or, when seasonality was found and it fits clearly better, local level × seasonal
//!    factors (sales whose weekly or yearly swings grow with the business).
//!
//! Values are divided by the largest magnitude before any arithmetic (and results multiplied
//! back), so huge values cannot overflow; non-finite values count as 0 (a missing bucket).

pub mod anomaly;
pub mod seasonality;
pub mod slope;

use chrono::Datelike;
use serde::Serialize;

pub use anomaly::Anomaly;
pub use seasonality::{SeasonKind, Seasonality};
pub use slope::{MannKendall, mann_kendall, theil_sen};

use crate::series::{Granularity, Series};

/// Significance level of the Mann–Kendall test.
pub const ALPHA: f64 = 0.05;

/// Direction of the trend; `Flat` whenever the trend is not statistically significant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// Everything [`analyse`] found in a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendAnalysis {
    /// Up | Down | Flat (Flat when not significant).
    pub direction: Direction,
    /// Theil–Sen slope (median of pairwise slopes), in value units per bucket.
    pub slope_per_period: f64,
    /// Theil–Sen intercept: the trend line's value at bucket 0.
    pub intercept: f64,
    /// slope × (n − 1) / mean level: the change over the whole series relative to its mean;
    /// `None` if the mean is 0 or there are fewer than 2 buckets.
    pub relative_change: Option<f64>,
    /// Mann–Kendall z (continuity-corrected, tie-corrected variance).
    pub mann_kendall_z: f64,
    /// Two-sided p-value of the Mann–Kendall test.
    pub p_value: f64,
    /// p_value < 0.05.
    pub significant: bool,
    /// Found patterns only (may be empty).
    pub seasonality: Vec<Seasonality>,
    /// Points far outside the expected band, in date order.
    pub anomalies: Vec<Anomaly>,
}

/// Analyses `series`: trend direction and robust slope, significance, seasonality, anomalies.
/// Never panics; an empty or constant series gives a flat, insignificant trend and nothing else.
pub fn analyse(series: &Series) -> TrendAnalysis {
    let raw: Vec<f64> = series
        .values
        .iter()
        .map(|v| if v.is_finite() { *v } else { 0.0 })
        .collect();
    let scale = raw.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let values: Vec<f64> = raw.iter().map(|v| v / scale).collect();
    let n = values.len();

    let (slope, intercept) = theil_sen(&values);
    let test = mann_kendall(&values);
    let significant = test.p_value < ALPHA;
    let direction = match (significant, test.s) {
        (true, s) if s > 0.0 => Direction::Up,
        (true, s) if s < 0.0 => Direction::Down,
        _ => Direction::Flat,
    };
    let mean = if n > 0 {
        values.iter().sum::<f64>() / n as f64
    } else {
        0.0
    };
    let relative_change = (n >= 2 && mean != 0.0).then(|| slope * (n - 1) as f64 / mean);

    let mut baseline: Vec<f64> = (0..n).map(|t| intercept + slope * t as f64).collect();
    let mut seasonality = Vec::new();
    let mut found_groups = Vec::new();
    let mut periods: Vec<usize> = Vec::new();
    let patterns = calendar_patterns(series.granularity, n);
    for (kind, groups) in patterns {
        let group_of: Vec<usize> = (0..n)
            .map(|i| {
                let date = series.date(i);
                match kind {
                    SeasonKind::Weekday => date.weekday().num_days_from_monday() as usize,
                    SeasonKind::MonthOfYear => date.month0() as usize,
                }
            })
            .collect();
        let residuals: Vec<f64> = values.iter().zip(&baseline).map(|(v, b)| v - b).collect();
        if let Some(found) = seasonality::detect(kind, groups, &group_of, &residuals, mean) {
            for (b, g) in baseline.iter_mut().zip(&group_of) {
                *b += found.robust_effect[*g];
            }
            seasonality.push(found.seasonality);
            found_groups.push((group_of, groups));
            periods.push(match (kind, series.granularity) {
                (SeasonKind::Weekday, _) => 7,
                (SeasonKind::MonthOfYear, Granularity::Day) => 365,
                (SeasonKind::MonthOfYear, Granularity::Week) => 52,
                (SeasonKind::MonthOfYear, Granularity::Month) => 12,
            });
        }
    }

    let anomalies = if n >= anomaly::min_points(series.granularity) {
        let period = periods.first().copied().unwrap_or(0);
        let (baseline, form) = match anomaly::multiplicative_baseline(&values, period, &found_groups) {
            Some(multiplicative) if fits_better(&values, &multiplicative, &baseline) => {
                (multiplicative, anomaly::Form::Multiplicative)
            }
            _ => (baseline, anomaly::Form::Additive),
        };
        anomaly::find(&values, &baseline, form, |i| series.date(i))
            .into_iter()
            .map(|(i, a)| Anomaly {
                value: raw[i],
                expected: a.expected * scale,
                low: a.low * scale,
                high: a.high * scale,
                ..a
            })
            .collect()
    } else {
        Vec::new()
    };

    TrendAnalysis {
        direction,
        slope_per_period: slope * scale,
        intercept: intercept * scale,
        relative_change,
        mann_kendall_z: test.z,
        p_value: test.p_value,
        significant,
        seasonality,
        anomalies,
    }
}

/// True when `candidate` is clearly closer to `values` than `current`: its median absolute
/// difference is below 80% of the current one (a margin, so that additive data keeps the
/// additive baseline; measured on synthetic series, a plain `<` tripled false alarms).
fn fits_better(values: &[f64], candidate: &[f64], current: &[f64]) -> bool {
    let distance = |baseline: &[f64]| {
        let differences: Vec<f64> = values.iter().zip(baseline).map(|(v, b)| (v - b).abs()).collect();
        crate::summary::median(&differences).unwrap_or(f64::INFINITY)
    };
    distance(candidate) < 0.8 * distance(current)
}

/// Which patterns a series of `n` buckets is long enough to show: weekday for daily series with
/// at least 3 full weeks; month of year when the series spans at least 2 years.
fn calendar_patterns(granularity: Granularity, n: usize) -> Vec<(SeasonKind, usize)> {
    let mut patterns = Vec::new();
    if granularity == Granularity::Day && n >= 21 {
        patterns.push((SeasonKind::Weekday, 7));
    }
    let two_years = match granularity {
        Granularity::Day => 730,
        Granularity::Week => 104,
        Granularity::Month => 24,
    };
    if n >= two_years {
        patterns.push((SeasonKind::MonthOfYear, 12));
    }
    patterns
}

#[cfg(test)]
mod tests;
