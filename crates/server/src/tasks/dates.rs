//! Days as the company lives them: its time zone (`tenants.time_zone`, an IANA name) decides
//! where "today" starts and how times read in messages.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;
use voronka_types::TenantId;

use crate::error::ApiResult;
use crate::tenants;

/// The tenant's zone; UTC when unset or unknown.
pub async fn tenant_zone(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Tz> {
    let zone = tenants::service::find(db, tenant)
        .await?
        .map(|t| t.time_zone)
        .unwrap_or_default();
    Ok(zone.parse::<Tz>().unwrap_or(Tz::UTC))
}

/// The first instant of `day` in `zone`. Where a DST change skips midnight, the day starts at
/// the first local time that exists.
pub fn start_of(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    (0..=3)
        .find_map(|hours| {
            zone.from_local_datetime(&(midnight + TimeDelta::hours(hours)))
                .earliest()
        })
        .map(|start| start.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// Where today starts and tomorrow starts, in `zone`, as of `now`.
pub fn today(zone: Tz, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = now.with_timezone(&zone).date_naive();
    let next = day.succ_opt().unwrap_or(day);
    (start_of(zone, day), start_of(zone, next))
}

/// `2026-11-23 15:00 (Europe/Moscow)`.
pub fn local_time(zone: Tz, at: DateTime<Utc>) -> String {
    format!("{} ({})", at.with_timezone(&zone).format("%Y-%m-%d %H:%M"), zone.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn today_follows_the_company_time_zone() {
        // 01:30 in Moscow on the 23rd is still the 22nd in UTC.
        let now = utc("2026-11-22T22:30:00Z");
        assert_eq!(
            today(chrono_tz::Europe::Moscow, now),
            (utc("2026-11-22T21:00:00Z"), utc("2026-11-23T21:00:00Z"))
        );
        assert_eq!(
            today(Tz::UTC, now),
            (utc("2026-11-22T00:00:00Z"), utc("2026-11-23T00:00:00Z"))
        );
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_by_dst_starts_at_one() {
        // São Paulo moved its clocks from 00:00 to 01:00 on 2018-11-04.
        let (start, end) = today(chrono_tz::America::Sao_Paulo, utc("2018-11-04T12:00:00Z"));
        assert_eq!(start, utc("2018-11-04T03:00:00Z"));
        assert_eq!(end, utc("2018-11-05T02:00:00Z"));
    }

    #[test]
    fn times_read_in_the_company_zone() {
        assert_eq!(
            local_time(chrono_tz::Europe::Moscow, utc("2026-11-23T12:00:00Z")),
            "2026-11-23 15:00 (Europe/Moscow)"
        );
    }
}
