//! The per-address limit on public submissions: at most N per minute per client address
//! and form. Kept in this process's memory (a restart forgets it; several instances each
//! count on their own), which is enough to blunt a flood from one address.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

/// The window every count runs over.
const WINDOW_SECS: i64 = 60;
/// Past this many tracked (form, address) pairs, finished windows are swept away.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    started: DateTime<Utc>,
    count: u32,
}

/// Counts submissions per (form, client address) in fixed one-minute windows.
#[derive(Debug)]
pub struct SubmissionLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<(Uuid, String), Window>>,
}

impl SubmissionLimiter {
    /// `per_minute` 0 turns the limit off.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one submission; `Err(seconds)` when the address is over the limit and must
    /// wait that long.
    pub fn check(&self, form: Uuid, client: &str, now: DateTime<Utc>) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let window = TimeDelta::seconds(WINDOW_SECS);
        // A poisoned lock only means another request panicked mid-count: the map is still usable.
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, w| now - w.started < window);
        }
        let entry = windows
            .entry((form, client.to_owned()))
            .or_insert(Window { started: now, count: 0 });
        if now - entry.started >= window {
            *entry = Window { started: now, count: 0 };
        }
        if entry.count >= self.per_minute {
            let left = (entry.started + window - now).num_seconds();
            return Err(u64::try_from(left).unwrap_or(0).max(1));
        }
        entry.count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_over_the_limit_waits_for_the_window_to_end() {
        let limiter = SubmissionLimiter::new(2);
        let form = Uuid::now_v7();
        let start = Utc::now();
        assert!(limiter.check(form, "10.0.0.1", start).is_ok());
        assert!(limiter.check(form, "10.0.0.1", start).is_ok());
        let wait = limiter
            .check(form, "10.0.0.1", start + TimeDelta::seconds(15))
            .unwrap_err();
        assert_eq!(wait, 45);
        assert!(
            limiter.check(form, "10.0.0.2", start).is_ok(),
            "another address counts apart"
        );
        assert!(
            limiter.check(Uuid::now_v7(), "10.0.0.1", start).is_ok(),
            "another form counts apart"
        );
        assert!(limiter.check(form, "10.0.0.1", start + TimeDelta::seconds(60)).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = SubmissionLimiter::new(0);
        let form = Uuid::now_v7();
        for _ in 0..100 {
            assert!(limiter.check(form, "10.0.0.1", Utc::now()).is_ok());
        }
    }
}
