//! Robust trend line (Theil–Sen) and its significance (Mann–Kendall).

use crate::distributions::normal_two_sided_p;
use crate::summary::median;
use crate::synthetic::SplitMix64;

/// Above this many pairs (about 900 points) Theil–Sen uses a fixed-seed random sample of this
/// many pairs; the sample median's error is far below the slope's own uncertainty.
const MAX_SLOPE_PAIRS: usize = 400_000;

/// Theil–Sen line through `(t, values[t])`, t = 0, 1, …: the slope is the median of all pairwise
/// slopes (y_j − y_i)/(j − i) (Sen 1968), the intercept the median of y_t − slope·t (Conover).
/// Returns `(slope, intercept)`; `(0, 0)` for no values, `(0, y₀)` for one.
/// Non-finite values must have been replaced by the caller.
pub fn theil_sen(values: &[f64]) -> (f64, f64) {
    let n = values.len();
    if n < 2 {
        return (0.0, values.first().copied().unwrap_or(0.0));
    }
    let pairs = n * (n - 1) / 2;
    let mut slopes = Vec::with_capacity(pairs.min(MAX_SLOPE_PAIRS));
    if pairs <= MAX_SLOPE_PAIRS {
        for i in 0..n {
            for j in i + 1..n {
                slopes.push((values[j] - values[i]) / (j - i) as f64);
            }
        }
    } else {
        let mut random = SplitMix64::new(0x7E4D);
        while slopes.len() < MAX_SLOPE_PAIRS {
            let i = (random.next_u64() % n as u64) as usize;
            let j = (random.next_u64() % n as u64) as usize;
            if i != j {
                let (i, j) = (i.min(j), i.max(j));
                slopes.push((values[j] - values[i]) / (j - i) as f64);
            }
        }
    }
    let slope = median_in_place(&mut slopes);
    let offsets: Vec<f64> = values.iter().enumerate().map(|(t, y)| y - slope * t as f64).collect();
    (slope, median(&offsets).unwrap_or(0.0))
}

/// Median by selection (O(n), no copy, unlike `summary::median`): the slopes can be many.
fn median_in_place(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (below, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return upper;
    }
    let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// Result of the Mann–Kendall trend test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MannKendall {
    /// S = Σ_{i<j} sign(y_j − y_i): positive for rising series.
    pub s: f64,
    /// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18, t = sizes of groups of tied values.
    pub variance: f64,
    /// Continuity-corrected z = (S − sign(S)) / √Var(S).
    pub z: f64,
    /// Two-sided p-value 2·(1 − Φ(|z|)).
    pub p_value: f64,
}

/// Mann–Kendall test for a monotonic trend (Mann 1945, Kendall 1975) with the tie-corrected
/// variance. S is computed in O(n log n): S = concordant − discordant pairs, discordant pairs
/// counted as strict inversions by merge sort, concordant = all − discordant − tied pairs.
pub fn mann_kendall(values: &[f64]) -> MannKendall {
    let n = values.len();
    let no_trend = MannKendall {
        s: 0.0,
        variance: 0.0,
        z: 0.0,
        p_value: 1.0,
    };
    if n < 3 {
        return no_trend;
    }
    let mut work = values.to_vec();
    let mut buffer = vec![0.0; n];
    let discordant = count_inversions(&mut work, &mut buffer) as f64;
    // `work` is now sorted: groups of equal values are adjacent.
    let (mut tied_pairs, mut tie_term) = (0.0, 0.0);
    let mut run = 1.0;
    for k in 1..=n {
        if k < n && work[k] == work[k - 1] {
            run += 1.0;
        } else {
            tied_pairs += run * (run - 1.0) / 2.0;
            tie_term += run * (run - 1.0) * (2.0 * run + 5.0);
            run = 1.0;
        }
    }
    let nf = n as f64;
    let all_pairs = nf * (nf - 1.0) / 2.0;
    let concordant = all_pairs - discordant - tied_pairs;
    let s = concordant - discordant;
    let variance = (nf * (nf - 1.0) * (2.0 * nf + 5.0) - tie_term) / 18.0;
    if variance <= 0.0 {
        return MannKendall { s, ..no_trend };
    }
    let z = if s > 0.0 {
        (s - 1.0) / variance.sqrt()
    } else if s < 0.0 {
        (s + 1.0) / variance.sqrt()
    } else {
        0.0
    };
    MannKendall {
        s,
        variance,
        z,
        p_value: normal_two_sided_p(z),
    }
}

/// Sorts `values` ascending (merge sort) and returns the number of pairs i < j with
/// values[i] > values[j] (strictly; equal values are not inversions).
fn count_inversions(values: &mut [f64], buffer: &mut [f64]) -> u64 {
    let n = values.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = {
        let (left, right) = values.split_at_mut(mid);
        let (left_buffer, right_buffer) = buffer.split_at_mut(mid);
        count_inversions(left, left_buffer) + count_inversions(right, right_buffer)
    };
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if values[i] <= values[j] {
            buffer[k] = values[i];
            i += 1;
        } else {
            buffer[k] = values[j];
            count += (mid - i) as u64;
            j += 1;
        }
        k += 1;
    }
    buffer[k..k + mid - i].copy_from_slice(&values[i..mid]);
    k += mid - i;
    buffer[k..k + n - j].copy_from_slice(&values[j..n]);
    values.copy_from_slice(&buffer[..n]);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_force_s(values: &[f64]) -> f64 {
        let mut s = 0.0;
        for i in 0..values.len() {
            for j in i + 1..values.len() {
                s += (values[j] - values[i]).signum() * f64::from(u8::from(values[j] != values[i]));
            }
        }
        s
    }

    #[test]
    fn theil_sen_finds_the_line_despite_outliers() {
        let mut values: Vec<f64> = (0..30).map(|t| 5.0 + 2.0 * t as f64).collect();
        values[3] = 400.0;
        values[17] = -250.0;
        values[25] = 0.0;
        let (slope, intercept) = theil_sen(&values);
        assert_eq!(slope, 2.0);
        assert_eq!(intercept, 5.0);
    }

    #[test]
    fn median_by_selection_matches_the_sorting_median() {
        assert_eq!(median_in_place(&mut [5.0, 1.0, 4.0, 2.0]), 3.0);
        assert_eq!(median_in_place(&mut [5.0, 1.0, 4.0]), 4.0);
        assert_eq!(median_in_place(&mut []), 0.0);
    }

    #[test]
    fn theil_sen_on_a_long_series_samples_pairs_and_still_finds_the_slope() {
        let values: Vec<f64> = (0..3000)
            .map(|t| 1.0 + 0.25 * t as f64 + if t % 10 == 0 { 500.0 } else { 0.0 })
            .collect();
        let (slope, intercept) = theil_sen(&values);
        assert!(
            (slope - 0.25).abs() < 1e-9 && (intercept - 1.0).abs() < 1e-6,
            "{slope} {intercept}"
        );
    }

    #[test]
    fn theil_sen_of_tiny_inputs_is_flat() {
        assert_eq!(theil_sen(&[]), (0.0, 0.0));
        assert_eq!(theil_sen(&[4.0]), (0.0, 4.0));
    }

    #[test]
    fn merge_sort_count_of_s_matches_the_definition_with_ties() {
        let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0];
        assert_eq!(mann_kendall(&values).s, brute_force_s(&values));
    }

    #[test]
    fn strictly_increasing_series_is_a_significant_trend() {
        let values: Vec<f64> = (0..20).map(f64::from).collect();
        let test = mann_kendall(&values);
        // S = 190, Var = 20·19·45/18 = 950, z = 189/√950 ≈ 6.13.
        assert_eq!(test.s, 190.0);
        assert!((test.variance - 950.0).abs() < 1e-9);
        assert!((test.z - 189.0 / 950f64.sqrt()).abs() < 1e-12);
        assert!(test.p_value < 1e-6);
    }

    #[test]
    fn constant_series_has_no_trend() {
        let test = mann_kendall(&[2.0; 30]);
        assert_eq!((test.s, test.z, test.p_value), (0.0, 0.0, 1.0));
    }

    #[test]
    fn tie_correction_reduces_the_variance() {
        // n = 6, ties: one group of 3 → Var = (6·5·17 − 3·2·11)/18 = (510 − 66)/18.
        let test = mann_kendall(&[1.0, 2.0, 2.0, 2.0, 3.0, 4.0]);
        assert!((test.variance - 444.0 / 18.0).abs() < 1e-12);
        assert_eq!(test.s, 12.0);
    }
}
