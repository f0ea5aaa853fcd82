//! Managers' work time: weekly schedules, activity sessions and the per-day report derived from
//! them (first in, last out, active and idle time, late start, early leave, overtime).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::UserId;

/// Scheduled hours of one day in the company's time zone, `HH:MM` (24-hour clock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayHours {
    /// e.g. `09:00`.
    pub start: String,
    /// e.g. `18:00`; after `start` (a shift does not cross midnight).
    pub end: String,
}

impl DayHours {
    pub fn new(start: &str, end: &str) -> Self {
        Self {
            start: start.to_owned(),
            end: end.to_owned(),
        }
    }
}

/// A week of scheduled hours; `null` marks a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekSchedule {
    pub monday: Option<DayHours>,
    pub tuesday: Option<DayHours>,
    pub wednesday: Option<DayHours>,
    pub thursday: Option<DayHours>,
    pub friday: Option<DayHours>,
    pub saturday: Option<DayHours>,
    pub sunday: Option<DayHours>,
}

impl Default for WeekSchedule {
    /// Monday to Friday, 09:00–18:00; the weekend off.
    fn default() -> Self {
        let day = || Some(DayHours::new("09:00", "18:00"));
        Self {
            monday: day(),
            tuesday: day(),
            wednesday: day(),
            thursday: day(),
            friday: day(),
            saturday: None,
            sunday: None,
        }
    }
}

impl WeekSchedule {
    /// The days in order Monday → Sunday with their field names.
    pub fn days(&self) -> [(&'static str, &Option<DayHours>); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }

    /// The hours of a weekday, 0 = Monday.
    pub fn on(&self, weekday_from_monday: u32) -> Option<&DayHours> {
        self.days()
            .get(weekday_from_monday as usize)
            .and_then(|(_, hours)| hours.as_ref())
    }
}

/// A user's work schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkSchedule {
    pub user_id: UserId,
    /// The company's IANA time zone the hours are in.
    pub time_zone: String,
    /// True while nobody has set one: the default Monday–Friday 09:00–18:00 applies.
    pub is_default: bool,
    pub days: WeekSchedule,
}

/// `PUT /users/{id}/schedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetWorkSchedule {
    pub days: WeekSchedule,
}

/// One stretch of continuous activity (no gap longer than the idle gap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkSessionSpan {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// One user's day (company time zone). Minutes are whole, rounded down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkDay {
    pub date: NaiveDate,
    /// The scheduled hours; `null` on a day off.
    pub scheduled: Option<DayHours>,
    pub first_in: DateTime<Utc>,
    pub last_out: DateTime<Utc>,
    /// The sessions' total length.
    pub active_minutes: i64,
    /// From first in to last out, minus active time.
    pub idle_minutes: i64,
    /// First in after the scheduled start.
    pub late_minutes: i64,
    /// Last out before the scheduled end.
    pub early_leave_minutes: i64,
    /// Active time outside the scheduled hours, or all of it on a day off.
    pub overtime_minutes: i64,
    pub sessions: Vec<WorkSessionSpan>,
}

/// A user's figures summed over the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkTotals {
    /// Days with any activity.
    pub days_worked: u32,
    /// Scheduled days up to today (and from the user's start date) without any activity.
    pub absent_days: u32,
    pub active_minutes: i64,
    pub idle_minutes: i64,
    pub late_minutes: i64,
    pub early_leave_minutes: i64,
    pub overtime_minutes: i64,
}

/// One user's work time over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserWorkTime {
    pub user_id: UserId,
    pub name: String,
    /// Active within the idle gap before now.
    pub online_now: bool,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub totals: WorkTotals,
    /// Days with activity, oldest first.
    pub days: Vec<WorkDay>,
}

/// `GET /worktime`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkTimeReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: String,
    /// Longer pauses between activity signals than this are idle, not work.
    pub idle_gap_minutes: i64,
    pub users: Vec<UserWorkTime>,
}
