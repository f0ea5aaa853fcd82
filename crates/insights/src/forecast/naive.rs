//! The benchmark models: naive (last value) and seasonal naive (value one season ago).

use super::Fit;

/// Naive: ŷ_{n+h} = y_n. One-step errors y_t − y_{t−1}.
pub(crate) fn naive(history: &[f64], horizon: usize) -> Option<Fit> {
    let last = *history.last()?;
    let one_step_errors = history.windows(2).map(|w| w[1] - w[0]).collect();
    Some(Fit {
        forecast: vec![last; horizon],
        one_step_errors,
    })
}

/// Seasonal naive with season `m`: ŷ_{n+h} = y_{n+h−m·k}, k = ⌈h/m⌉ (the value one season before,
/// repeated). One-step errors y_t − y_{t−m}. Needs at least one full season.
pub(crate) fn seasonal_naive(history: &[f64], season: usize, horizon: usize) -> Option<Fit> {
    let n = history.len();
    if season == 0 || n < season {
        return None;
    }
    let last_season = &history[n - season..];
    let forecast = (0..horizon).map(|h| last_season[h % season]).collect();
    let one_step_errors = history.windows(season + 1).map(|w| w[season] - w[0]).collect();
    Some(Fit {
        forecast,
        one_step_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_repeats_the_last_value() {
        let fit = naive(&[1.0, 4.0, 2.0], 3).unwrap();
        assert_eq!(fit.forecast, vec![2.0; 3]);
        assert_eq!(fit.one_step_errors, vec![3.0, -2.0]);
    }

    #[test]
    fn seasonal_naive_repeats_the_last_season() {
        let fit = seasonal_naive(&[1.0, 2.0, 3.0, 4.0, 5.0], 3, 4).unwrap();
        assert_eq!(fit.forecast, vec![3.0, 4.0, 5.0, 3.0]);
        assert_eq!(fit.one_step_errors, vec![3.0, 3.0]);
        assert!(seasonal_naive(&[1.0], 3, 1).is_none());
    }
}
