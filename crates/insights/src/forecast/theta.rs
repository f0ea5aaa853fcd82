//! The Theta method (Assimakopoulos & Nikolopoulos 2000), the M3 competition's winner: the average
//! of the linear-regression line (θ = 0) extrapolated, and simple exponential smoothing of the
//! θ = 2 line Z_t = 2·y_t − (a + b·t). Equivalent to SES with drift b/2 (Hyndman & Billah 2003).
//!
//! With a season m the series is first seasonally adjusted by classical additive decomposition
//! (effects = per-phase means of y − centred moving average of order m, centred to sum 0) and the
//! effects are added back to the forecast. α minimises the in-sample one-step SSE over a grid.

use super::Fit;

/// Theta forecast of `history`; `season` 0 (or a history shorter than 2 seasons) means no
/// seasonal adjustment. Needs 3 points.
pub(crate) fn theta(history: &[f64], season: usize, horizon: usize) -> Option<Fit> {
    let n = history.len();
    if n < 3 {
        return None;
    }
    let effects = if season >= 2 && n >= 2 * season {
        seasonal_effects(history, season)
    } else {
        Vec::new()
    };
    let effect = |t: usize| {
        if effects.is_empty() {
            0.0
        } else {
            effects[t % effects.len()]
        }
    };
    let adjusted: Vec<f64> = history.iter().enumerate().map(|(t, y)| y - effect(t)).collect();

    let (a, b) = least_squares_line(&adjusted);
    let line = |t: usize| a + b * t as f64;
    let theta2: Vec<f64> = adjusted.iter().enumerate().map(|(t, y)| 2.0 * y - line(t)).collect();

    // One-step forecast at t: ½·line(t) + ½·SES level after t − 1.
    let run = |alpha: f64| -> (Vec<f64>, f64) {
        let mut level = theta2[0];
        let mut errors = Vec::with_capacity(n - 1);
        for t in 1..n {
            errors.push(adjusted[t] - (0.5 * line(t) + 0.5 * level));
            level += alpha * (theta2[t] - level);
        }
        (errors, level)
    };
    let sse = |alpha: f64| run(alpha).0.iter().map(|e| e * e).sum::<f64>();
    let mut best = (0.5, f64::INFINITY);
    for step in 1..100 {
        let alpha = f64::from(step) / 100.0;
        let cost = sse(alpha);
        if cost < best.1 {
            best = (alpha, cost);
        }
    }
    let (one_step_errors, level) = run(best.0);
    let forecast: Vec<f64> = (1..=horizon)
        .map(|h| 0.5 * line(n - 1 + h) + 0.5 * level + effect(n - 1 + h))
        .collect();
    forecast.iter().all(|v| v.is_finite()).then_some(Fit {
        forecast,
        one_step_errors,
    })
}

/// Ordinary least squares line y = a + b·t over t = 0..n−1.
fn least_squares_line(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let t_mean = (n - 1.0) / 2.0;
    let y_mean = values.iter().sum::<f64>() / n;
    let (mut cov, mut var) = (0.0, 0.0);
    for (t, y) in values.iter().enumerate() {
        cov += (t as f64 - t_mean) * (y - y_mean);
        var += (t as f64 - t_mean).powi(2);
    }
    let b = if var > 0.0 { cov / var } else { 0.0 };
    (y_mean - b * t_mean, b)
}

/// Classical additive decomposition's seasonal effects (one per phase t mod m, summing to 0).
fn seasonal_effects(values: &[f64], season: usize) -> Vec<f64> {
    let n = values.len();
    let half = season / 2;
    let mut sums = vec![0.0; season];
    let mut counts = vec![0usize; season];
    for t in half..n.saturating_sub(half) {
        // Centred moving average: order m for odd m, 2×m for even m.
        let centred = if season % 2 == 1 {
            values[t - half..=t + half].iter().sum::<f64>() / season as f64
        } else {
            if t + half >= n {
                continue;
            }
            let inner: f64 = values[t + 1 - half..t + half].iter().sum();
            (inner + 0.5 * (values[t - half] + values[t + half])) / season as f64
        };
        sums[t % season] += values[t] - centred;
        counts[t % season] += 1;
    }
    let raw: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| if *c > 0 { s / *c as f64 } else { 0.0 })
        .collect();
    let mean = raw.iter().sum::<f64>() / season as f64;
    raw.iter().map(|r| r - mean).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theta_extrapolates_a_line_at_half_its_slope_plus_the_smoothed_level() {
        // On an exact line the θ=2 line equals the data, SES tracks it, and the forecast is the
        // average of the regression line and the (flat) last smoothed level.
        let history: Vec<f64> = (0..20).map(|t| 3.0 * t as f64).collect();
        let fit = theta(&history, 0, 2).unwrap();
        assert!(
            fit.forecast[1] > fit.forecast[0] && fit.forecast[0] > 54.0,
            "{:?}",
            fit.forecast
        );
    }

    #[test]
    fn seasonal_effects_of_a_pure_pattern_are_the_pattern_centred() {
        let pattern = [1.0, 5.0, 3.0, 7.0];
        let values: Vec<f64> = (0..16).map(|t| pattern[t % 4]).collect();
        let effects = seasonal_effects(&values, 4);
        for (e, p) in effects.iter().zip(pattern) {
            assert!((e - (p - 4.0)).abs() < 1e-12, "{effects:?}");
        }
    }

    #[test]
    fn least_squares_of_a_line_is_exact() {
        let (a, b) = least_squares_line(&[1.0, 3.0, 5.0, 7.0]);
        assert!((a - 1.0).abs() < 1e-12 && (b - 2.0).abs() < 1e-12);
    }
}
