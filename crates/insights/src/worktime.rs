//! Work-time arithmetic: where an activity signal goes (extend the current session, open a new
//! one, split at midnight) and a day's figures against its schedule. Pure: the server supplies
//! the instants, already resolved in the company's time zone.

use chrono::{DateTime, TimeDelta, Utc};

/// A stretch of time, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self { start, end }
    }

    /// Whole seconds, never negative.
    pub fn secs(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    /// Seconds this span shares with `other`.
    pub fn overlap_secs(&self, other: &Span) -> i64 {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (end - start).num_seconds().max(0)
    }
}

/// The user's most recent session as the signal finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastSession {
    pub last_seen_at: DateTime<Utc>,
    /// Closed by a check-out: never extended again.
    pub closed: bool,
}

/// What an activity signal at some instant does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Within the idle gap of the open session, same day: move its end to the signal.
    Extend,
    /// Older than the session's end already (a late or repeated signal): nothing to do.
    Ignore,
    /// A new session starting (and for now ending) at this instant.
    Open { start: DateTime<Utc> },
    /// The open session ran until the local midnight within the gap: it ends at midnight and
    /// a new one starts there, so no session crosses midnight.
    SplitAtMidnight { midnight: DateTime<Utc> },
}

/// Places a signal at `at`; `day_start` is the local midnight that began `at`'s day.
pub fn place(last: Option<LastSession>, at: DateTime<Utc>, idle_gap: TimeDelta, day_start: DateTime<Utc>) -> Placement {
    let Some(last) = last.filter(|l| !l.closed) else {
        return Placement::Open { start: at };
    };
    if at <= last.last_seen_at {
        return if last.last_seen_at >= day_start {
            Placement::Ignore
        } else {
            Placement::Open { start: at }
        };
    }
    if at - last.last_seen_at > idle_gap {
        return Placement::Open { start: at };
    }
    if last.last_seen_at >= day_start {
        Placement::Extend
    } else {
        Placement::SplitAtMidnight { midnight: day_start }
    }
}

/// A day's figures in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayFigures {
    pub active_secs: i64,
    pub idle_secs: i64,
    pub late_secs: i64,
    pub early_leave_secs: i64,
    pub overtime_secs: i64,
}

/// The first start and last end of `sessions`, if any.
pub fn bounds(sessions: &[Span]) -> Option<Span> {
    let start = sessions.iter().map(|s| s.start).min()?;
    let end = sessions.iter().map(|s| s.end).max()?;
    Some(Span::new(start, end))
}

/// A day's figures: active is the sessions' total; idle is first-in to last-out minus active;
/// late is first in after the scheduled start (at most the shift); early leave is last out
/// before the scheduled end (at most the shift); overtime is active time outside the
/// scheduled hours, or all of it on a day off (`scheduled` = `None`).
pub fn day_figures(sessions: &[Span], scheduled: Option<Span>) -> DayFigures {
    let Some(day) = bounds(sessions) else {
        return DayFigures::default();
    };
    let active_secs: i64 = sessions.iter().map(Span::secs).sum();
    let idle_secs = (day.secs() - active_secs).max(0);
    let Some(shift) = scheduled else {
        return DayFigures {
            active_secs,
            idle_secs,
            overtime_secs: active_secs,
            ..DayFigures::default()
        };
    };
    let shift_secs = shift.secs();
    let inside: i64 = sessions.iter().map(|s| s.overlap_secs(&shift)).sum();
    DayFigures {
        active_secs,
        idle_secs,
        late_secs: (day.start - shift.start).num_seconds().clamp(0, shift_secs),
        early_leave_secs: (shift.end - day.end).num_seconds().clamp(0, shift_secs),
        overtime_secs: active_secs - inside,
    }
}

/// Whole minutes of a number of seconds, rounded down.
pub fn minutes(secs: i64) -> i64 {
    secs.div_euclid(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2026-11-23T{hm}:00Z").parse().unwrap()
    }

    fn span(a: &str, b: &str) -> Span {
        Span::new(at(a), at(b))
    }

    const GAP: TimeDelta = TimeDelta::minutes(10);

    #[test]
    fn a_signal_within_the_gap_extends_the_open_session() {
        let last = LastSession {
            last_seen_at: at("09:05"),
            closed: false,
        };
        assert_eq!(place(Some(last), at("09:15"), GAP, at("00:00")), Placement::Extend);
        assert_eq!(place(Some(last), at("09:05"), GAP, at("00:00")), Placement::Ignore);
    }

    #[test]
    fn a_signal_after_the_gap_or_a_check_out_opens_a_new_session() {
        let last = LastSession {
            last_seen_at: at("09:05"),
            closed: false,
        };
        let open = Placement::Open { start: at("09:16") };
        assert_eq!(place(Some(last), at("09:16"), GAP, at("00:00")), open);
        let closed = LastSession { closed: true, ..last };
        assert_eq!(
            place(Some(closed), at("09:06"), GAP, at("00:00")),
            Placement::Open { start: at("09:06") }
        );
        assert_eq!(
            place(None, at("09:06"), GAP, at("00:00")),
            Placement::Open { start: at("09:06") }
        );
    }

    #[test]
    fn a_session_running_past_midnight_is_split_there() {
        let last = LastSession {
            last_seen_at: at("23:55"),
            closed: false,
        };
        let next_midnight: DateTime<Utc> = "2026-11-24T00:00:00Z".parse().unwrap();
        let signal: DateTime<Utc> = "2026-11-24T00:03:00Z".parse().unwrap();
        assert_eq!(
            place(Some(last), signal, GAP, next_midnight),
            Placement::SplitAtMidnight {
                midnight: next_midnight
            }
        );
    }

    #[test]
    fn a_late_start_with_an_idle_gap_and_an_early_leave() {
        let sessions = [span("09:20", "12:00"), span("12:30", "17:45")];
        let figures = day_figures(&sessions, Some(span("09:00", "18:00")));
        assert_eq!(minutes(figures.active_secs), 160 + 315);
        assert_eq!(minutes(figures.idle_secs), 30);
        assert_eq!(minutes(figures.late_secs), 20);
        assert_eq!(minutes(figures.early_leave_secs), 15);
        assert_eq!(figures.overtime_secs, 0);
    }

    #[test]
    fn work_outside_the_shift_is_overtime_and_a_day_off_is_all_overtime() {
        let sessions = [span("08:30", "10:00"), span("17:00", "19:00")];
        let figures = day_figures(&sessions, Some(span("09:00", "18:00")));
        assert_eq!(minutes(figures.overtime_secs), 30 + 60);
        assert_eq!((figures.late_secs, figures.early_leave_secs), (0, 0));
        let off = day_figures(&sessions, None);
        assert_eq!(minutes(off.overtime_secs), 210);
        assert_eq!(off.late_secs, 0);
    }

    #[test]
    fn no_sessions_no_figures() {
        assert_eq!(day_figures(&[], Some(span("09:00", "18:00"))), DayFigures::default());
    }
}
