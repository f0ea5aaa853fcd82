use chrono::NaiveDate;

use super::*;
use crate::synthetic::Recipe;

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()
}

fn daily(values: Vec<f64>) -> Series {
    Series {
        granularity: Granularity::Day,
        start: monday(),
        values,
    }
}

fn noise(seed: u64, len: usize) -> Series {
    Recipe {
        level: 100.0,
        slope: 0.0,
        season: vec![],
        noise: 10.0,
        seed,
    }
    .series(Granularity::Day, monday(), len)
}

#[test]
fn strictly_increasing_series_trends_up_significantly() {
    let analysis = analyse(&daily((0..30).map(|t| 10.0 + 3.0 * t as f64).collect()));
    assert_eq!(analysis.direction, Direction::Up);
    assert!(analysis.significant);
    assert!((analysis.slope_per_period - 3.0).abs() < 1e-12);
    assert!((analysis.intercept - 10.0).abs() < 1e-12);
    // slope·(n−1)/mean = 3·29 / 53.5
    assert!((analysis.relative_change.unwrap() - 87.0 / 53.5).abs() < 1e-12);
}

#[test]
fn falling_series_trends_down() {
    let analysis = analyse(&daily((0..40).map(|t| 500.0 - 2.0 * t as f64).collect()));
    assert_eq!(analysis.direction, Direction::Down);
}

#[test]
fn constant_series_is_flat_with_nothing_to_report() {
    let analysis = analyse(&daily(vec![7.0; 60]));
    assert_eq!(analysis.direction, Direction::Flat);
    assert!(!analysis.significant);
    assert_eq!(analysis.p_value, 1.0);
    assert_eq!(analysis.slope_per_period, 0.0);
    assert!(analysis.seasonality.is_empty());
    assert!(analysis.anomalies.is_empty());
}

#[test]
fn white_noise_has_no_trend_no_weekday_pattern_and_no_anomalies() {
    for seed in 1..=5 {
        let analysis = analyse(&noise(seed, 120));
        assert_eq!(analysis.direction, Direction::Flat, "seed {seed}");
        assert!(
            analysis.seasonality.is_empty(),
            "seed {seed}: {:?}",
            analysis.seasonality
        );
        assert!(analysis.anomalies.is_empty(), "seed {seed}: {:?}", analysis.anomalies);
    }
}

#[test]
fn weekday_pattern_is_found_with_its_peak_and_trough() {
    // Mon..Sun effects; Friday (4) busiest, Sunday (6) quietest.
    let season = vec![5.0, 5.0, 10.0, 10.0, 30.0, -20.0, -40.0];
    let series = Recipe {
        level: 100.0,
        slope: 0.5,
        season,
        noise: 5.0,
        seed: 11,
    }
    .series(Granularity::Day, monday(), 56);
    let analysis = analyse(&series);
    let weekday = analysis
        .seasonality
        .iter()
        .find(|s| s.kind == SeasonKind::Weekday)
        .expect("weekday pattern");
    assert_eq!((weekday.peak, weekday.trough), (4, 6));
    assert!(weekday.strength > 0.8, "strength {}", weekday.strength);
    assert_eq!(weekday.profile.len(), 7);
    let mean = weekday.profile.iter().sum::<f64>() / 7.0;
    assert!((mean - 1.0).abs() < 1e-12);
    assert_eq!(analysis.direction, Direction::Up);
}

#[test]
fn month_of_year_pattern_is_found_in_three_years_of_monthly_sales() {
    // December peak (11), February trough (1).
    let season = vec![0.0, -30.0, -10.0, 0.0, 5.0, 5.0, 0.0, -5.0, 0.0, 5.0, 10.0, 40.0];
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let series = Recipe {
        level: 200.0,
        slope: 1.0,
        season,
        noise: 3.0,
        seed: 5,
    }
    .series(Granularity::Month, start, 36);
    let analysis = analyse(&series);
    let months = analysis
        .seasonality
        .iter()
        .find(|s| s.kind == SeasonKind::MonthOfYear)
        .expect("month pattern");
    assert_eq!((months.peak, months.trough), (11, 1));
}

#[test]
fn an_injected_spike_is_the_only_anomaly() {
    let mut series = Recipe {
        level: 100.0,
        slope: 0.3,
        season: vec![10.0, 0.0, 0.0, 5.0, 20.0, -15.0, -20.0],
        noise: 4.0,
        seed: 3,
    }
    .series(Granularity::Day, monday(), 70);
    series.values[40] += 120.0;
    let analysis = analyse(&series);
    assert_eq!(analysis.anomalies.len(), 1, "{:?}", analysis.anomalies);
    let spike = &analysis.anomalies[0];
    assert_eq!(spike.date, series.date(40));
    assert_eq!(spike.value, series.values[40]);
    assert!(spike.value > spike.high && spike.low < spike.expected && spike.score > 3.5);
}

#[test]
fn short_series_get_no_anomalies() {
    let mut values = vec![10.0; 10];
    values[5] = 1000.0;
    assert!(analyse(&daily(values)).anomalies.is_empty());
}

#[test]
fn empty_and_single_point_series_are_flat() {
    let empty = analyse(&daily(vec![]));
    assert_eq!((empty.direction, empty.relative_change), (Direction::Flat, None));
    let single = analyse(&daily(vec![f64::NAN]));
    assert_eq!(single.intercept, 0.0);
}

#[test]
fn huge_values_do_not_overflow() {
    let values: Vec<f64> = (0..30).map(|t| f64::MAX / 2.0 + (t as f64) * 1e300).collect();
    let analysis = analyse(&daily(values));
    assert!(analysis.slope_per_period.is_finite() && analysis.intercept.is_finite());
    assert!(analysis.mann_kendall_z.is_finite());
}

#[test]
fn growth_that_levels_off_with_proportional_weekday_swings_raises_few_false_anomalies() {
    // The seasonal swings grow with the level, so the baseline is multiplicative; the straight
    // trend line misfits the S-curve a little, so allow ~0.5% false alarms but miss no spike.
    let weekday = [1.0, 1.0, 1.1, 1.1, 1.4, 0.8, 0.6];
    let mut false_alarms = 0;
    for seed in 1..=5 {
        let mut random = crate::synthetic::SplitMix64::new(seed);
        let values: Vec<f64> = (0..180)
            .map(|t| {
                let level = 20.0 + 180.0 / (1.0 + (-(t as f64 - 60.0) / 20.0).exp());
                level * weekday[t % 7] * (1.0 + 0.05 * random.normal())
            })
            .collect();
        let mut series = daily(values);
        false_alarms += analyse(&series).anomalies.len();
        series.values[150] *= 2.0;
        let dates: Vec<NaiveDate> = analyse(&series).anomalies.iter().map(|a| a.date).collect();
        assert!(dates.contains(&series.date(150)), "seed {seed}: {dates:?}");
    }
    assert!(false_alarms <= 5, "{false_alarms} false alarms in 900 days");
}
