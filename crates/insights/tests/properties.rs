//! Property tests: trend analysis and forecasts never panic and keep their promises on any input.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use voronka_insights::forecast::{MAX_HORIZON, MIN_HISTORY, forecast};
use voronka_insights::series::{Granularity, Series};
use voronka_insights::trend::analyse;

fn granularity() -> impl Strategy<Value = Granularity> {
    prop_oneof![
        Just(Granularity::Day),
        Just(Granularity::Week),
        Just(Granularity::Month)
    ]
}

fn start() -> impl Strategy<Value = NaiveDate> {
    (0u64..15_000).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(d))
}

/// Small counts, everyday amounts, and any finite number at all (huge, tiny, negative).
fn finite_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..20).prop_map(f64::from),
        -1e7..1e7f64,
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    ]
}

fn series(values: impl Strategy<Value = Vec<f64>>) -> impl Strategy<Value = Series> {
    (granularity(), start(), values).prop_map(|(granularity, start, values)| Series {
        granularity,
        start: granularity.bucket_start(start),
        values,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn forecast_has_exactly_horizon_nested_points_on_consecutive_dates(
        series in series(prop::collection::vec(finite_value(), 0..90)),
        horizon in 0usize..30,
    ) {
        match forecast(&series, horizon) {
            Err(error) => prop_assert!(error.points < MIN_HISTORY && error.needed == MIN_HISTORY),
            Ok(result) => {
                prop_assert_eq!(result.points.len(), horizon.min(MAX_HORIZON));
                let mut expected_date = series.date(series.len());
                for p in &result.points {
                    prop_assert_eq!(p.date, expected_date);
                    expected_date = series.granularity.step(expected_date, 1);
                    prop_assert!(p.low95 <= p.low80 && p.low80 <= p.value && p.value <= p.high80 && p.high80 <= p.high95,
                        "not nested: {:?}", p);
                    prop_assert!(p.low95.is_finite() && p.high95.is_finite());
                }
                prop_assert!(result.backtest.mase.is_finite() && result.backtest.mase >= 0.0);
                prop_assert!(result.backtest.candidates.iter().any(|(m, _)| *m == result.model));
            }
        }
    }

    #[test]
    fn forecasts_of_non_negative_sales_are_never_negative(
        series in series(prop::collection::vec((0u32..50).prop_map(f64::from), 8..80)),
        horizon in 1usize..20,
    ) {
        let result = forecast(&series, horizon).expect("8 or more points are enough");
        for p in &result.points {
            prop_assert!(p.low95 >= 0.0, "{:?}", p);
        }
    }

    #[test]
    fn any_input_including_nan_and_infinity_never_panics(
        series in series(prop::collection::vec(any::<f64>(), 0..60)),
        horizon in 0usize..10,
    ) {
        let analysis = analyse(&series);
        prop_assert!((0.0..=1.0).contains(&analysis.p_value));
        let _ = forecast(&series, horizon);
    }

    #[test]
    fn trend_analysis_stays_in_range(series in series(prop::collection::vec(finite_value(), 0..120))) {
        let analysis = analyse(&series);
        prop_assert!((0.0..=1.0).contains(&analysis.p_value));
        prop_assert!(analysis.slope_per_period.is_finite() && analysis.intercept.is_finite());
        for season in &analysis.seasonality {
            prop_assert!((0.0..=1.0).contains(&season.strength));
            let mean = season.profile.iter().sum::<f64>() / season.profile.len() as f64;
            prop_assert!((mean - 1.0).abs() < 1e-6);
        }
        for anomaly in &analysis.anomalies {
            prop_assert!(anomaly.score > 3.5 && anomaly.low <= anomaly.high);
        }
    }

    #[test]
    fn bucketing_keeps_every_observation_in_range(
        granularity in granularity(),
        from in start(),
        days in 0u64..800,
        observations in prop::collection::vec((0u64..900, 0u32..1000), 0..50),
    ) {
        let to = from + Days::new(days);
        let observations: Vec<(NaiveDate, f64)> =
            observations.into_iter().map(|(d, v)| (from + Days::new(d), f64::from(v))).collect();
        let series = Series::from_observations(granularity, from, to, observations.iter().copied());
        let inside: f64 = observations.iter().filter(|(d, _)| *d <= to).map(|(_, v)| v).sum();
        prop_assert_eq!(series.values.iter().sum::<f64>(), inside);
        prop_assert_eq!(series.date(series.len() - 1), granularity.bucket_start(to));
        prop_assert_eq!(series.start, granularity.bucket_start(from));
    }
}
