//! The company-local day of an instant, grouped in SQL on PostgreSQL cheaply.
//!
//! `timezone(zone, at)::date` looks the zone up for every row, which costs more than reading
//! the row. Between two changes of its UTC offset a zone is a fixed offset, so the day starts
//! every 24 hours from a known instant and `date_bin('1 day', at, origin)` finds it for a
//! fraction of the cost. The expression is a `CASE` over the zone's offset periods from twelve
//! years ago to two years ahead, newest first (most records are recent). Instants outside them
//! fall back to `timezone`. It answers the instant the local day starts; [`day_of_start`] turns
//! that into the date.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::Value;
use sea_orm::sea_query::{Expr, SimpleExpr};

/// The periods of one UTC offset (seconds east of UTC) in `from..to`: where each begins.
pub fn offset_periods(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, i32)> {
    let offset = |at: DateTime<Utc>| zone.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
    let mut periods = vec![(from, offset(from))];
    let mut at = from;
    while at < to {
        let next = at + Duration::hours(12);
        if offset(next) != periods[periods.len() - 1].1 {
            // The change lies in (at, next], at a whole second: halve down to it.
            let second = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap_or(next);
            let before = offset(at);
            let (mut low, mut high) = (at.timestamp(), next.timestamp() + 1);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if offset(second(middle)) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            periods.push((second(high), offset(second(high))));
        }
        at = next;
    }
    periods
}

/// The SQL for the instant `column`'s local day starts in `zone`, as of `now`.
pub fn day_start_sql(zone: Tz, column: &str, now: DateTime<Utc>) -> SimpleExpr {
    let periods = offset_periods(zone, now - Duration::days(12 * 366), now + Duration::days(2 * 366));
    let epoch = Utc.from_utc_datetime(
        &NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap_or_default()
            .and_time(Default::default()),
    );
    let mut sql = String::from("CASE");
    let mut values: Vec<Value> = Vec::new();
    for (start, offset) in periods.iter().rev() {
        let origin = epoch - Duration::seconds(i64::from(*offset));
        sql.push_str(&format!(
            " WHEN \"{column}\" >= ${} THEN date_bin('1 day', \"{column}\", ${})",
            values.len() + 1,
            values.len() + 2
        ));
        values.push((*start).into());
        values.push(origin.into());
    }
    let name = values.len() + 1;
    sql.push_str(&format!(
        " ELSE timezone(${name}, CAST(CAST(timezone(${name}, \"{column}\") AS date) AS timestamp)) END"
    ));
    values.push(zone.name().into());
    Expr::cust_with_values(sql, values)
}

/// The local date of a day that starts at `start` (noon of it, so a change of offset at
/// midnight cannot tip it into the day before).
pub fn day_of_start(zone: Tz, start: DateTime<Utc>) -> NaiveDate {
    (start + Duration::hours(12)).with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn london_changes_offset_twice_a_year_to_the_second_and_moscow_never() {
        let periods = offset_periods(
            chrono_tz::Europe::London,
            at("2026-01-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        );
        assert_eq!(
            periods,
            vec![
                (at("2026-01-01T00:00:00Z"), 0),
                (at("2026-03-29T01:00:00Z"), 3600),
                (at("2026-10-25T01:00:00Z"), 0),
            ]
        );
        let moscow = offset_periods(
            chrono_tz::Europe::Moscow,
            at("2020-01-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        );
        assert_eq!(moscow, vec![(at("2020-01-01T00:00:00Z"), 3 * 3600)]);
    }

    #[test]
    fn a_day_start_reads_back_as_its_local_date_even_when_midnight_moves() {
        // Santiago moves its clocks at midnight: 2026-09-06 starts at 01:00 local.
        let zone = chrono_tz::America::Santiago;
        assert_eq!(
            day_of_start(zone, at("2026-09-06T04:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 9, 6).unwrap()
        );
        assert_eq!(
            day_of_start(chrono_tz::Asia::Kolkata, at("2026-11-21T18:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
    }
}
