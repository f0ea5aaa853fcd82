//! The current time as the database keeps it: UTC, microsecond precision (PostgreSQL's), so a
//! value answered right after a write equals the one read back later.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

pub fn now() -> DateTime<Utc> {
    truncate(Utc::now())
}

/// A time as the database keeps it (microseconds), so it compares equal once read back.
pub fn truncate(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_has_no_sub_microsecond_part() {
        assert_eq!(super::now().timestamp_subsec_nanos() % 1000, 0);
    }
}
