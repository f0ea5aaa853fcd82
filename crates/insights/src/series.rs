//! Time series of a sales metric in calendar buckets (days, weeks, months).
//!
//! The server sums purchases, leads or revenue per bucket in the tenant's time zone and hands the
//! result over as a [`Series`]: consecutive buckets, missing ones filled with 0, never skipped, so
//! that index arithmetic (seasons, lags, forecast dates) is plain counting.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The width of one bucket of a [`Series`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl Granularity {
    /// Start of the bucket containing `date` (weeks start on Monday, months on the 1st).
    pub fn bucket_start(self, date: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => date,
            Granularity::Week => {
                let back = u64::from(date.weekday().num_days_from_monday());
                date.checked_sub_days(Days::new(back)).unwrap_or(NaiveDate::MIN)
            }
            Granularity::Month => date.with_day(1).unwrap_or(date),
        }
    }

    /// The bucket start `n` buckets after `start` (n may be 0). `start` is first moved to the
    /// start of its own bucket. Dates beyond chrono's range saturate at [`NaiveDate::MAX`].
    pub fn step(self, start: NaiveDate, n: u32) -> NaiveDate {
        let start = self.bucket_start(start);
        let stepped = match self {
            Granularity::Day => start.checked_add_days(Days::new(u64::from(n))),
            Granularity::Week => start.checked_add_days(Days::new(u64::from(n) * 7)),
            Granularity::Month => start.checked_add_months(Months::new(n)),
        };
        stepped.unwrap_or(NaiveDate::MAX)
    }

    /// Natural season length in buckets: day → 7 (weekday), week → 52, month → 12.
    pub fn season_length(self) -> usize {
        match self {
            Granularity::Day => 7,
            Granularity::Week => 52,
            Granularity::Month => 12,
        }
    }

    /// How many buckets lie between the bucket of `from` and the bucket of `to`
    /// (0 when they share a bucket, negative when `to` is earlier).
    fn buckets_between(self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (from, to) = (self.bucket_start(from), self.bucket_start(to));
        match self {
            Granularity::Day => (to - from).num_days(),
            Granularity::Week => (to - from).num_days() / 7,
            Granularity::Month => {
                let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
                months(to) - months(from)
            }
        }
    }
}

/// Consecutive buckets from `start` (a bucket start); missing buckets are 0, never skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Width of each bucket.
    pub granularity: Granularity,
    /// Start of the first bucket (a bucket start of `granularity`).
    pub start: NaiveDate,
    /// One value per bucket, in order.
    pub values: Vec<f64>,
}

impl Series {
    /// Builds a series covering [from, to] (inclusive dates) from (date, value) observations:
    /// each observation is added to its bucket; buckets with none are 0.
    ///
    /// Observations dated outside [from, to] and non-finite values are ignored. When `to` is
    /// before `from` the series is empty (starting at the bucket of `from`).
    pub fn from_observations(
        granularity: Granularity,
        from: NaiveDate,
        to: NaiveDate,
        observations: impl IntoIterator<Item = (NaiveDate, f64)>,
    ) -> Series {
        let start = granularity.bucket_start(from);
        let buckets = granularity.buckets_between(from, to);
        let len = if to < from {
            0
        } else {
            usize::try_from(buckets + 1).unwrap_or(0)
        };
        let mut values = vec![0.0; len];
        for (date, value) in observations {
            if date < from || date > to || !value.is_finite() {
                continue;
            }
            let index = granularity.buckets_between(start, date);
            if let Some(slot) = usize::try_from(index).ok().and_then(|i| values.get_mut(i)) {
                *slot += value;
            }
        }
        Series {
            granularity,
            start,
            values,
        }
    }

    /// Bucket start of `values[index]` (also valid past the end, for forecast dates).
    pub fn date(&self, index: usize) -> NaiveDate {
        self.granularity
            .step(self.start, u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// Number of buckets.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the series has no buckets.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        // 2026-11-22 is a Sunday.
        assert_eq!(Granularity::Week.bucket_start(day(2026, 11, 22)), day(2026, 11, 16));
        assert_eq!(Granularity::Week.bucket_start(day(2026, 11, 16)), day(2026, 11, 16));
        assert_eq!(Granularity::Month.bucket_start(day(2026, 11, 22)), day(2026, 11, 1));
        assert_eq!(Granularity::Day.bucket_start(day(2026, 11, 22)), day(2026, 11, 22));
    }

    #[test]
    fn stepping_counts_whole_buckets_across_year_ends_and_leap_days() {
        assert_eq!(Granularity::Day.step(day(2024, 2, 28), 1), day(2024, 2, 29));
        assert_eq!(Granularity::Day.step(day(2024, 2, 28), 0), day(2024, 2, 28));
        assert_eq!(Granularity::Week.step(day(2025, 12, 29), 1), day(2026, 1, 5));
        assert_eq!(Granularity::Month.step(day(2023, 11, 1), 3), day(2024, 2, 1));
        assert_eq!(Granularity::Month.step(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(Granularity::Day.step(NaiveDate::MAX, u32::MAX), NaiveDate::MAX);
    }

    #[test]
    fn daily_series_sums_observations_and_fills_gaps_with_zeros() {
        let observations = [(day(2024, 2, 28), 5.0), (day(2024, 2, 28), 2.5), (day(2024, 3, 1), 1.0)];
        let series = Series::from_observations(Granularity::Day, day(2024, 2, 27), day(2024, 3, 2), observations);
        // 2024 is a leap year: 27, 28, 29 Feb, 1, 2 Mar.
        assert_eq!(series.values, vec![0.0, 7.5, 0.0, 1.0, 0.0]);
        assert_eq!(series.date(2), day(2024, 2, 29));
        assert_eq!(series.len(), 5);
    }

    #[test]
    fn weekly_series_puts_sunday_in_the_week_of_the_previous_monday() {
        // Mon 2026-11-09 .. Sun 2026-11-22 is two weeks.
        let observations = [
            (day(2026, 11, 15), 1.0),
            (day(2026, 11, 16), 10.0),
            (day(2026, 11, 22), 100.0),
        ];
        let series = Series::from_observations(Granularity::Week, day(2026, 11, 9), day(2026, 11, 22), observations);
        assert_eq!(series.start, day(2026, 11, 9));
        assert_eq!(series.values, vec![1.0, 110.0]);
    }

    #[test]
    fn monthly_series_spans_partial_months_and_ignores_outside_dates() {
        let observations = [
            (day(2023, 12, 31), 1.0),
            (day(2024, 1, 15), 2.0),
            (day(2024, 2, 29), 3.0),
            (day(2024, 4, 2), 4.0),
            (day(2024, 4, 20), f64::NAN),
        ];
        let series = Series::from_observations(Granularity::Month, day(2024, 1, 10), day(2024, 4, 10), observations);
        assert_eq!(series.start, day(2024, 1, 1));
        assert_eq!(series.values, vec![2.0, 3.0, 0.0, 4.0]);
        assert_eq!(series.date(3), day(2024, 4, 1));
    }

    #[test]
    fn reversed_range_gives_an_empty_series() {
        let series = Series::from_observations(Granularity::Day, day(2024, 3, 1), day(2024, 2, 1), []);
        assert!(series.is_empty());
    }
}
