//! Sign-in throttling, kept in the database so it holds across server instances: too many
//! failures for one account (since its last success) or from one address within the window
//! answer 429 with `Retry-After`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use super::entities::login_attempt::{self, Entity as LoginAttempts};
use crate::clock;
use crate::config::Config;
use crate::error::{ApiError, ApiResult};

/// 429 when the account or the address has used up its failures.
pub async fn check(db: &impl ConnectionTrait, config: &Config, email: &str, ip: &str) -> ApiResult<()> {
    let now = clock::now();
    let window_start = now - Duration::seconds(config.login_throttle_window_secs);
    let last_success = LoginAttempts::find()
        .filter(login_attempt::Column::Email.eq(email))
        .filter(login_attempt::Column::Succeeded.eq(true))
        .filter(login_attempt::Column::CreatedAt.gte(window_start))
        .order_by_desc(login_attempt::Column::CreatedAt)
        .one(db)
        .await?
        .map(|a| a.created_at);
    let account_since = last_success.map_or(window_start, |s| s.max(window_start));
    let by_account = failures(
        db,
        login_attempt::Column::Email,
        email,
        account_since,
        config.login_max_failures_per_account,
    )
    .await?;
    let by_ip = failures(
        db,
        login_attempt::Column::Ip,
        ip,
        window_start,
        config.login_max_failures_per_ip,
    )
    .await?;
    for (times, max) in [
        (by_account, config.login_max_failures_per_account),
        (by_ip, config.login_max_failures_per_ip),
    ] {
        if times.len() as u64 >= max {
            // The oldest counted failure leaves the window first.
            let oldest = times.iter().min().copied().unwrap_or(now);
            let retry = (oldest + Duration::seconds(config.login_throttle_window_secs) - now)
                .num_seconds()
                .max(1);
            return Err(ApiError::TooManyRequests {
                code: "too_many_attempts",
                retry_after_secs: retry as u64,
            });
        }
    }
    Ok(())
}

/// Times of the most recent failures (at most `max`) for one key since `since`.
async fn failures(
    db: &impl ConnectionTrait,
    column: login_attempt::Column,
    value: &str,
    since: DateTime<Utc>,
    max: u64,
) -> ApiResult<Vec<DateTime<Utc>>> {
    Ok(LoginAttempts::find()
        .select_only()
        .column(login_attempt::Column::CreatedAt)
        .filter(column.eq(value))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::CreatedAt.gt(since))
        .order_by_desc(login_attempt::Column::CreatedAt)
        .limit(max)
        .into_tuple::<DateTime<Utc>>()
        .all(db)
        .await?)
}

pub async fn record(db: &impl ConnectionTrait, email: &str, ip: &str, succeeded: bool) -> ApiResult<()> {
    LoginAttempts::insert(login_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.chars().take(254).collect()),
        ip: Set(ip.to_owned()),
        succeeded: Set(succeeded),
        created_at: Set(clock::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
