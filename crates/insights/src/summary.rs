//! Basic robust statistics that the trend, forecast and KPI code builds on.

/// The median of `values`, or `None` for an empty slice. NaNs are ignored.
pub fn median(values: &[f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks,
/// or `None` when there are no finite values.
/// Linear time: the two ranks are selected, not sorted for (a team's year of response times
/// is hundreds of thousands of values).
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = q * (finite.len() - 1) as f64;
    let low = rank.floor() as usize;
    let weight = rank - low as f64;
    let (_, at_low, above) = finite.select_nth_unstable_by(low, f64::total_cmp);
    let at_low = *at_low;
    if weight == 0.0 {
        return Some(at_low);
    }
    // The next rank is the smallest value above the selected one.
    let next = above.iter().copied().min_by(f64::total_cmp).unwrap_or(at_low);
    Some(at_low * (1.0 - weight) + next * weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn p90_interpolates_between_ranks() {
        let values: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(quantile(&values, 0.9), Some(10.0));
        assert_eq!(quantile(&[1.0, 2.0], 0.5), Some(1.5));
        assert_eq!(quantile(&[1.0], 1.5), None);
    }

    proptest::proptest! {
        #[test]
        fn selecting_the_ranks_gives_what_sorting_gives(
            values in proptest::collection::vec(-1e6f64..1e6, 1..200),
            q in 0.0f64..=1.0,
        ) {
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let rank = q * (sorted.len() - 1) as f64;
            let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
            let weight = rank - low as f64;
            let expected = sorted[low] * (1.0 - weight) + sorted[high] * weight;
            proptest::prop_assert_eq!(quantile(&values, q), Some(expected));
        }
    }

    #[test]
    fn non_finite_values_are_ignored() {
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
    }
}
