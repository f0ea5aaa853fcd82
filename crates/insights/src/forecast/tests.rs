use chrono::NaiveDate;

use super::*;
use crate::synthetic::Recipe;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn daily(values: Vec<f64>) -> Series {
    Series {
        granularity: Granularity::Day,
        start: day(2025, 1, 6),
        values,
    }
}

fn mase_of(forecast: &Forecast, model: Model) -> f64 {
    forecast
        .backtest
        .candidates
        .iter()
        .find(|(m, _)| *m == model)
        .map(|(_, mase)| *mase)
        .expect("model was tried")
}

#[test]
fn a_pure_weekly_pattern_is_forecast_exactly_by_seasonal_naive() {
    let pattern = [30.0, 32.0, 35.0, 40.0, 60.0, 20.0, 10.0];
    let series = daily((0..70).map(|t| pattern[t % 7]).collect());
    let forecast = forecast(&series, 14).unwrap();
    assert_eq!(forecast.model, Model::SeasonalNaive);
    assert_eq!(forecast.backtest.mase, 0.0);
    assert!(mase_of(&forecast, Model::Naive) > 1.0);
    for (i, point) in forecast.points.iter().enumerate() {
        assert!((point.value - pattern[(70 + i) % 7]).abs() < 1e-9);
    }
}

#[test]
fn a_noisy_seasonal_series_is_forecast_by_a_seasonal_model_that_beats_naive() {
    let season = vec![0.0, 2.0, 5.0, 10.0, 30.0, -20.0, -27.0];
    let series = Recipe {
        level: 100.0,
        slope: 0.0,
        season,
        noise: 2.0,
        seed: 9,
    }
    .series(Granularity::Day, day(2025, 1, 6), 120);
    let forecast = forecast(&series, 7).unwrap();
    assert!(
        matches!(forecast.model, Model::SeasonalNaive | Model::HoltWinters),
        "{:?}",
        forecast.backtest
    );
    assert!(forecast.backtest.mase < 1.0, "{:?}", forecast.backtest);
    assert!(forecast.backtest.mase < mase_of(&forecast, Model::Naive) / 3.0);
}

#[test]
fn a_linear_trend_is_extrapolated() {
    let series = Series {
        granularity: Granularity::Month,
        start: day(2023, 1, 1),
        values: (0..20).map(|t| 100.0 + 5.0 * t as f64).collect(),
    };
    let forecast = forecast(&series, 6).unwrap();
    let mut previous = 195.0;
    for (h, point) in forecast.points.iter().enumerate() {
        let line = 100.0 + 5.0 * (20 + h) as f64;
        assert!(point.value > previous, "{:?}", forecast.points);
        assert!(
            (point.value - line).abs() < 0.1 * 5.0 * (h + 1) as f64,
            "step {h}: {} vs {line}",
            point.value
        );
        previous = point.value;
    }
    assert!(forecast.backtest.mase < mase_of(&forecast, Model::Naive));
}

#[test]
fn short_history_is_not_enough_data_with_the_counts() {
    let error = forecast(&daily(vec![1.0, 2.0, f64::NAN, 3.0, 4.0, 5.0]), 3).unwrap_err();
    assert_eq!(
        error,
        NotEnoughData {
            points: 5,
            needed: MIN_HISTORY
        }
    );
    assert_eq!(error.to_string(), "not enough data: 5 points, need 8");
    assert_eq!(forecast(&daily(vec![f64::NAN; 40]), 3).unwrap_err().points, 0);
    assert_eq!(forecast(&daily(vec![]), 3).unwrap_err().points, 0);
}

#[test]
fn intervals_are_nested_and_never_negative_for_small_counts() {
    let values = vec![
        0.0, 1.0, 0.0, 0.0, 3.0, 1.0, 0.0, 2.0, 0.0, 0.0, 1.0, 0.0, 5.0, 0.0, 1.0, 0.0, 0.0, 2.0,
    ];
    let forecast = forecast(&daily(values), 10).unwrap();
    assert_eq!(forecast.points.len(), 10);
    for p in &forecast.points {
        assert!(0.0 <= p.low95 && p.low95 <= p.low80 && p.low80 <= p.value, "{p:?}");
        assert!(p.value <= p.high80 && p.high80 <= p.high95, "{p:?}");
    }
    assert!(
        forecast.points.iter().any(|p| p.high95 > p.value),
        "intervals have width"
    );
}

#[test]
fn intervals_widen_with_the_horizon_for_a_random_walk() {
    let mut random = crate::synthetic::SplitMix64::new(4);
    let mut level = 500.0;
    let values: Vec<f64> = (0..120)
        .map(|_| {
            level += 10.0 * random.normal();
            level
        })
        .collect();
    let series = Series {
        granularity: Granularity::Week,
        start: day(2024, 1, 1),
        values,
    };
    let points = forecast(&series, 8).unwrap().points;
    assert!(
        points[7].high95 - points[7].low95 > points[0].high95 - points[0].low95,
        "{points:?}"
    );
}

#[test]
fn forecast_dates_continue_the_series_buckets() {
    let series = Series {
        granularity: Granularity::Month,
        start: day(2024, 1, 1),
        values: vec![10.0; 14],
    };
    let forecast = forecast(&series, 3).unwrap();
    let dates: Vec<NaiveDate> = forecast.points.iter().map(|p| p.date).collect();
    assert_eq!(dates, vec![day(2025, 3, 1), day(2025, 4, 1), day(2025, 5, 1)]);
    assert_eq!(
        forecast.model,
        Model::Naive,
        "a constant is best forecast by the simplest model"
    );
}

#[test]
fn a_weekly_series_under_two_years_competes_without_seasonal_models() {
    let series = Recipe {
        level: 50.0,
        slope: 0.2,
        season: vec![],
        noise: 5.0,
        seed: 1,
    }
    .series(Granularity::Week, day(2024, 1, 1), 80);
    let forecast = forecast(&series, 4).unwrap();
    let tried: Vec<Model> = forecast.backtest.candidates.iter().map(|(m, _)| *m).collect();
    assert_eq!(tried, vec![Model::Naive, Model::Theta, Model::Holt]);
}

#[test]
fn horizon_zero_gives_no_points_and_huge_horizons_are_capped() {
    let series = daily((0..30).map(f64::from).collect());
    assert!(forecast(&series, 0).unwrap().points.is_empty());
    assert_eq!(forecast(&series, usize::MAX).unwrap().points.len(), MAX_HORIZON);
}

#[test]
fn huge_and_negative_values_stay_finite() {
    let values: Vec<f64> = (0..30).map(|t| if t % 2 == 0 { f64::MAX } else { -f64::MAX }).collect();
    let forecast = forecast(&daily(values), 5).unwrap();
    assert!(
        forecast
            .points
            .iter()
            .all(|p| p.low95.is_finite() && p.high95.is_finite())
    );
}

#[test]
fn a_seasonal_model_on_a_short_history_asks_for_two_seasons() {
    let series = daily((0..12).map(f64::from).collect());
    let error = forecast_with(&series, 3, Model::HoltWinters).unwrap_err();
    assert_eq!(error, NotEnoughData { points: 12, needed: 16 });
    let holt = forecast_with(&series, 3, Model::Holt).unwrap();
    assert_eq!((holt.model, holt.backtest.candidates.len()), (Model::Holt, 1));
}
