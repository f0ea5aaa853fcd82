//! What every analysis needs to know about the company (time zone, currency, language) and the
//! days it looks at, checked from the query.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;
use voronka_insights::sales::Period;
use voronka_types::TenantId;

use crate::error::{ApiError, ApiResult};
use crate::tasks::dates;
use crate::{clock, tenants};

/// The longest period an analysis reads at once: three years.
pub const MAX_DAYS: i64 = 3 * 366;

/// The company as the analyses see it.
#[derive(Debug, Clone)]
pub struct Company {
    pub tenant: TenantId,
    pub zone: Tz,
    /// ISO 4217: the figures are in it.
    pub currency: String,
    /// `ru` or `en`.
    pub language: &'static str,
    /// Today in the company's time zone.
    pub today: NaiveDate,
}

impl Company {
    pub async fn load(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Company> {
        let found = tenants::service::find(db, tenant)
            .await?
            .ok_or_else(|| ApiError::NotFound("company"))?;
        let zone = found.time_zone.parse::<Tz>().unwrap_or(Tz::UTC);
        Ok(Company {
            tenant,
            zone,
            currency: found.currency,
            language: if found.locale == "ru" { "ru" } else { "en" },
            today: clock::now().with_timezone(&zone).date_naive(),
        })
    }

    /// The first instant of `day` in the company's time zone.
    pub fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        dates::start_of(self.zone, day)
    }

    /// The first instant after `day` ends.
    pub fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        self.start_of(day + Duration::days(1))
    }

    /// The company's day of an instant.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }
}

/// `from`/`to` of a query: `to` defaults to `as_of` (itself today by default), `from` to the
/// 30 days ending at `to`; `from` after `to` or a period longer than [`MAX_DAYS`] is refused.
pub fn period(from: Option<NaiveDate>, to: Option<NaiveDate>, today: NaiveDate) -> ApiResult<Period> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(29));
    if from > to {
        return Err(ApiError::field("from", "after_to", "must not be after `to`"));
    }
    let period = Period { from, to };
    if period.days() > MAX_DAYS {
        return Err(ApiError::field(
            "to",
            "period_too_long",
            format!(
                "a period may span at most {MAX_DAYS} days; this one spans {}",
                period.days()
            ),
        ));
    }
    Ok(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    #[test]
    fn the_default_period_is_the_thirty_days_ending_today() {
        let p = period(None, None, day("2026-11-22")).unwrap();
        assert_eq!((p.from, p.to), (day("2026-10-24"), day("2026-11-22")));
        let p = period(None, Some(day("2026-03-31")), day("2026-11-22")).unwrap();
        assert_eq!(p.from, day("2026-03-02"));
    }

    #[test]
    fn reversed_and_overlong_periods_name_the_field() {
        let today = day("2026-11-22");
        let reversed = period(Some(day("2026-05-02")), Some(day("2026-05-01")), today).unwrap_err();
        assert_eq!(reversed.problem().errors[0].field, "from");
        let long = period(Some(day("2020-01-01")), Some(day("2026-01-01")), today).unwrap_err();
        assert_eq!(long.problem().errors[0].field, "to");
    }
}
