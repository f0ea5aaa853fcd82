//! Per-caller request rate limits: a token bucket per key, refilled continuously. Kept in
//! the server's memory, so with several instances each allows the configured rate.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::error::{ApiError, ApiResult};

/// Buckets untouched this long are forgotten (they would be full again anyway).
const IDLE: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// `per_second` requests a second on average, bursts up to `burst`; `per_second = 0` turns
/// the limit off.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<Uuid, Bucket>>,
}

impl RateLimiter {
    pub fn new(per_second: f64, burst: u32) -> Self {
        Self {
            per_second: per_second.max(0.0),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket at `now`; when it is empty, how long until it
    /// holds one again.
    pub fn take_at(&self, key: Uuid, now: Instant) -> Result<(), Duration> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.duration_since(b.at) < IDLE);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second))
        }
    }

    /// [`take_at`](Self::take_at) now, as the API answers it: 429 with `Retry-After`.
    pub fn take(&self, key: Uuid) -> ApiResult<()> {
        self.take_at(key, Instant::now())
            .map_err(|wait| ApiError::TooManyRequests {
                code: "rate_limited",
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_requests_wait_for_the_refill() {
        let limiter = RateLimiter::new(2.0, 3);
        let (key, start) = (Uuid::now_v7(), Instant::now());
        for _ in 0..3 {
            assert!(limiter.take_at(key, start).is_ok());
        }
        let wait = limiter.take_at(key, start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(limiter.take_at(key, start + Duration::from_millis(500)).is_ok());
        assert!(
            limiter.take_at(Uuid::now_v7(), start).is_ok(),
            "other keys have their own bucket"
        );
    }

    #[test]
    fn a_zero_rate_never_limits() {
        let limiter = RateLimiter::new(0.0, 1);
        let key = Uuid::now_v7();
        assert!((0..100).all(|_| limiter.take(key).is_ok()));
    }
}
