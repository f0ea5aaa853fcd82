//! The `webhook.deliver` job: POSTs one delivery, signed the Standard Webhooks way, records
//! the outcome in the delivery log, and retries on the schedule below (about a day). After the
//! last attempt the delivery is failed and its subscription switched off with a reason.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, ExprTrait, QueryFilter, TransactionTrait};
use serde::{Deserialize, Serialize};
use voronka_types::WebhookDeliveryId;
use voronka_types::webhooks::DeliveryStatus;

use super::entity::delivery::{self as log, Entity as Deliveries};
use super::entity::subscription::{self, Entity as Subscriptions};
use super::{signing, target};
use crate::clock;
use crate::jobs::{Job, JobError};
use crate::startup::AppState;

pub const JOB_KIND: &str = "webhook.deliver";

/// How long to wait after each failed attempt: the Standard Webhooks schedule (about 28 hours
/// in all), each delay with ±10 % jitter so failed receivers are not hit in waves.
pub const RETRY_SCHEDULE: [Duration; 7] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(5 * 60 * 60),
    Duration::from_secs(10 * 60 * 60),
    Duration::from_secs(10 * 60 * 60),
];
/// Attempts a delivery gets: the first and one per retry.
pub const MAX_ATTEMPTS: i32 = RETRY_SCHEDULE.len() as i32 + 1;
/// The queue's limit sits one above, so an attempt whose worker died still reaches
/// [`run`], which then records the delivery as failed instead of leaving it pending.
pub const JOB_MAX_ATTEMPTS: u32 = MAX_ATTEMPTS as u32 + 1;
/// How long one attempt may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const USER_AGENT: &str = concat!("Voronka-Webhooks/", env!("CARGO_PKG_VERSION"));

/// What a delivery job carries.
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    pub delivery_id: WebhookDeliveryId,
}

/// Makes rustls use *ring* in this process (reqwest is built without a provider of its own).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The HTTP client for attempts: no redirects, no proxy, a timeout, and (unless private
/// targets are allowed) a resolver that only answers public addresses.
fn client(allow_private: bool) -> Result<&'static reqwest::Client, JobError> {
    static STRICT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    static PERMISSIVE: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    let cell = if allow_private { &PERMISSIVE } else { &STRICT };
    cell.get_or_init(|| match build_client(allow_private) {
        Ok(client) => Some(client),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "cannot build the webhook HTTP client");
            None
        }
    })
    .as_ref()
    .ok_or_else(|| JobError::Retry(anyhow::anyhow!("the webhook HTTP client is unavailable")))
}

fn build_client(allow_private: bool) -> anyhow::Result<reqwest::Client> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .user_agent(USER_AGENT);
    if !allow_private {
        builder = builder.dns_resolver(target::PublicOnly);
    }
    Ok(builder.build()?)
}

/// The wait after failed attempt number `attempt` (1-based), with jitter.
pub fn retry_delay(attempt: i32) -> Duration {
    let index = usize::try_from(attempt.saturating_sub(1)).unwrap_or(0);
    let base = RETRY_SCHEDULE[index.min(RETRY_SCHEDULE.len() - 1)];
    base.mul_f64(rand::rng().random_range(0.9..=1.1))
}

/// How one attempt went.
struct Attempt {
    code: Option<u16>,
    latency_ms: i64,
    error: Option<String>,
}

/// Sends the delivery once.
async fn attempt(
    state: &AppState,
    subscription: &subscription::Model,
    delivery: &log::Model,
) -> Result<Attempt, JobError> {
    let allow_private = state.config.allow_private_webhook_targets;
    let refused = |error: String| Attempt {
        code: None,
        latency_ms: 0,
        error: Some(error),
    };
    let url = match Url::parse(&subscription.url) {
        Ok(url) => url,
        Err(e) => return Ok(refused(format!("the URL cannot be read: {e}"))),
    };
    if !allow_private && let Some(ip) = target::literal_ip(&url).filter(|ip| target::is_forbidden(*ip)) {
        return Ok(refused(format!("{ip} is not a public address; refused")));
    }
    let id = delivery.id.to_string();
    let timestamp = clock::now().timestamp();
    let signature =
        signing::sign(&subscription.secret, &id, timestamp, &delivery.payload).map_err(JobError::Permanent)?;
    let started = Instant::now();
    let sent = client(allow_private)?
        .post(url)
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .header(CONTENT_TYPE, "application/json")
        .body(delivery.payload.clone())
        .send()
        .await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    Ok(match sent {
        Ok(response) if response.status().is_success() => Attempt {
            code: Some(response.status().as_u16()),
            latency_ms,
            error: None,
        },
        Ok(response) => Attempt {
            code: Some(response.status().as_u16()),
            latency_ms,
            error: Some(format!("the receiver answered {}", response.status())),
        },
        Err(error) => Attempt {
            code: None,
            latency_ms,
            error: Some(error_chain(&error)),
        },
    })
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(1000).collect()
}

/// The job handler.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let Some(delivery) = Deliveries::find_by_id(payload.delivery_id.0).one(&state.db).await? else {
        return Ok(()); // deleted with its subscription
    };
    let current = delivery.job_id == Some(job.id.0) && delivery.status == DeliveryStatus::Pending.as_str();
    let subscription = Subscriptions::find_by_id(delivery.subscription_id)
        .one(&state.db)
        .await?;
    let Some(subscription) = subscription.filter(|_| current) else {
        return Ok(()); // a re-send took over, or the delivery is settled
    };
    let outcome = if !subscription.active {
        Attempt {
            code: None,
            latency_ms: 0,
            error: Some("the webhook is switched off".into()),
        }
    } else if job.attempt > MAX_ATTEMPTS {
        Attempt {
            code: None,
            latency_ms: 0,
            error: Some("the last attempt never finished".into()),
        }
    } else {
        attempt(state, &subscription, &delivery).await?
    };
    let last = job.attempt >= MAX_ATTEMPTS || !subscription.active;
    record(state, &subscription, &delivery, &outcome, last).await?;
    match outcome.error {
        None => Ok(()),
        Some(error) if last => Err(JobError::Permanent(anyhow::anyhow!(error))),
        Some(error) => Err(JobError::RetryIn(retry_delay(job.attempt), anyhow::anyhow!(error))),
    }
}

/// Writes the attempt to the delivery log and the subscription's failure flags.
async fn record(
    state: &AppState,
    subscription: &subscription::Model,
    delivery: &log::Model,
    outcome: &Attempt,
    last: bool,
) -> Result<(), JobError> {
    let now = clock::now();
    let txn = state.db.begin().await?;
    let status = match (&outcome.error, last) {
        (None, _) => DeliveryStatus::Delivered,
        (Some(_), true) => DeliveryStatus::Failed,
        (Some(_), false) => DeliveryStatus::Pending,
    };
    let mut update = Deliveries::update_many()
        .col_expr(log::Column::Status, Expr::value(status.as_str()))
        .col_expr(log::Column::LastResponseCode, Expr::value(outcome.code.map(i32::from)))
        .col_expr(log::Column::LastLatencyMs, Expr::value(outcome.latency_ms))
        .col_expr(log::Column::LastError, Expr::value(outcome.error.clone()))
        .col_expr(log::Column::LastAttemptAt, Expr::value(now))
        .col_expr(log::Column::UpdatedAt, Expr::value(now));
    if subscription.active {
        update = update.col_expr(log::Column::Attempts, Expr::col(log::Column::Attempts).add(1));
    }
    if status != DeliveryStatus::Pending {
        update = update.col_expr(log::Column::JobId, Expr::value(None::<uuid::Uuid>));
    }
    if status == DeliveryStatus::Delivered {
        update = update.col_expr(log::Column::DeliveredAt, Expr::value(now));
    }
    update.filter(log::Column::Id.eq(delivery.id)).exec(&txn).await?;
    let flags = Subscriptions::update_many().filter(subscription::Column::Id.eq(subscription.id));
    match status {
        DeliveryStatus::Delivered => {
            flags
                .col_expr(
                    subscription::Column::FailingSince,
                    Expr::value(None::<chrono::DateTime<chrono::Utc>>),
                )
                .filter(subscription::Column::FailingSince.is_not_null())
                .exec(&txn)
                .await?;
        }
        _ if !subscription.active => {}
        DeliveryStatus::Pending => {
            flags
                .col_expr(subscription::Column::FailingSince, Expr::value(now))
                .filter(subscription::Column::FailingSince.is_null())
                .exec(&txn)
                .await?;
        }
        DeliveryStatus::Failed => {
            let reason = format!(
                "switched off after delivery {} failed {MAX_ATTEMPTS} attempts over about a day; last error: {}",
                delivery.id,
                outcome.error.as_deref().unwrap_or("unknown")
            );
            flags
                .col_expr(subscription::Column::Active, Expr::value(false))
                .col_expr(subscription::Column::DisabledReason, Expr::value(reason))
                .col_expr(
                    subscription::Column::FailingSince,
                    Expr::value(subscription.failing_since.unwrap_or(now)),
                )
                .col_expr(subscription::Column::UpdatedAt, Expr::value(now))
                .exec(&txn)
                .await?;
            tracing::warn!(webhook_id = %subscription.id, "webhook switched off after a delivery failed for a day");
        }
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_follow_the_schedule_with_jitter_and_last_about_a_day() {
        for (attempt, base) in RETRY_SCHEDULE.iter().enumerate() {
            let delay = retry_delay(attempt as i32 + 1);
            assert!(
                delay >= base.mul_f64(0.9) && delay <= base.mul_f64(1.1),
                "{delay:?} vs {base:?}"
            );
        }
        let total: Duration = RETRY_SCHEDULE.iter().sum();
        assert!(total > Duration::from_secs(24 * 3600) && total < Duration::from_secs(30 * 3600));
        assert!(
            retry_delay(100) <= RETRY_SCHEDULE[6].mul_f64(1.1),
            "later retries keep the last delay"
        );
    }
}
