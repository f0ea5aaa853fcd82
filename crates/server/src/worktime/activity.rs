//! Recording activity: check-in (sign-in), heartbeats and check-out (sign-out) become work
//! sessions. The common heartbeat is one conditional UPDATE; only when it matches nothing
//! (first signal of the day, after an idle gap, after midnight) is the latest session read.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;
use voronka_insights::worktime::{LastSession, Placement, place};
use voronka_types::{TenantId, UserId};

use super::entity::work_session::{self, Entity as WorkSessions};
use crate::config::Config;
use crate::error::ApiResult;
use crate::tasks::dates;
use crate::tenants;
use crate::users::entity::Entity as Users;

/// The idle gap configured for the server (`worktime_idle_gap_minutes`, default 10).
pub fn idle_gap(config: &Config) -> TimeDelta {
    TimeDelta::minutes(config.worktime_idle_gap_minutes.max(1))
}

/// The company's time zone (UTC when unknown).
pub async fn zone_of(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Tz> {
    Ok(tenants::service::find(db, tenant)
        .await?
        .and_then(|t| t.time_zone.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC))
}

/// Records that `user` was active at `at`: extends their open session when the last signal is
/// within `gap` on the same local day, otherwise opens a new session (splitting at midnight).
pub async fn record(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user: UserId,
    zone: Tz,
    at: DateTime<Utc>,
    gap: TimeDelta,
) -> ApiResult<()> {
    let day = at.with_timezone(&zone).date_naive();
    let day_start = dates::start_of(zone, day);
    let extended = WorkSessions::update_many()
        .col_expr(work_session::Column::LastSeenAt, Expr::value(at))
        .filter(work_session::Column::UserId.eq(user.0))
        .filter(work_session::Column::Day.eq(day))
        .filter(work_session::Column::ClosedAt.is_null())
        .filter(work_session::Column::LastSeenAt.gte((at - gap).max(day_start)))
        .filter(work_session::Column::LastSeenAt.lte(at))
        .exec(db)
        .await?;
    if extended.rows_affected > 0 {
        return Ok(());
    }
    if covering_session(db, user, at).await? {
        return Ok(());
    }
    let latest = session_before(db, user, at).await?;
    let last = latest.as_ref().map(|s| LastSession {
        last_seen_at: s.last_seen_at,
        closed: s.closed_at.is_some(),
    });
    match place(last, at, gap, day_start) {
        // Matched by nobody above only when a newer signal is already stored: nothing to add.
        Placement::Extend | Placement::Ignore => Ok(()),
        Placement::Open { start } => open(db, tenant, user, day, start, at).await,
        Placement::SplitAtMidnight { midnight } => {
            if let Some(previous) = latest {
                let mut active: work_session::ActiveModel = previous.into();
                active.last_seen_at = Set(midnight);
                active.update(db).await?;
            }
            open(db, tenant, user, day, midnight, at).await
        }
    }
}

/// Records the signal at `at`, then closes the user's open sessions: the next signal opens a
/// new one.
pub async fn check_out(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user: UserId,
    zone: Tz,
    at: DateTime<Utc>,
    gap: TimeDelta,
) -> ApiResult<()> {
    record(db, tenant, user, zone, at, gap).await?;
    WorkSessions::update_many()
        .col_expr(work_session::Column::ClosedAt, Expr::value(at))
        .filter(work_session::Column::UserId.eq(user.0))
        .filter(work_session::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Check-out of a user known only by id (a signed-out refresh token): finds their company.
pub async fn check_out_user(db: &impl ConnectionTrait, user: Uuid, at: DateTime<Utc>, gap: TimeDelta) -> ApiResult<()> {
    let Some(tenant) = Users::find_by_id(user).one(db).await?.and_then(|u| u.tenant_id) else {
        return Ok(());
    };
    let tenant = TenantId(tenant);
    let zone = zone_of(db, tenant).await?;
    check_out(db, tenant, UserId(user), zone, at, gap).await
}

/// Whether a stored session already spans `at` (a repeated or late signal).
async fn covering_session(db: &impl ConnectionTrait, user: UserId, at: DateTime<Utc>) -> ApiResult<bool> {
    Ok(WorkSessions::find()
        .filter(work_session::Column::UserId.eq(user.0))
        .filter(work_session::Column::StartedAt.lte(at))
        .filter(work_session::Column::LastSeenAt.gte(at))
        .one(db)
        .await?
        .is_some())
}

/// The user's latest session that ended by `at`: the one a signal at `at` may extend.
async fn session_before(
    db: &impl ConnectionTrait,
    user: UserId,
    at: DateTime<Utc>,
) -> ApiResult<Option<work_session::Model>> {
    Ok(WorkSessions::find()
        .filter(work_session::Column::UserId.eq(user.0))
        .filter(work_session::Column::LastSeenAt.lte(at))
        .order_by_desc(work_session::Column::LastSeenAt)
        .one(db)
        .await?)
}

async fn open(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user: UserId,
    day: chrono::NaiveDate,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    work_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tenant.0),
        user_id: Set(user.0),
        day: Set(day),
        started_at: Set(start),
        last_seen_at: Set(at),
        closed_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}
