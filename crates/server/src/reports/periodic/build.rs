//! What a periodic report says: the KPI of every user of the company over the period (per day
//! for weekly and monthly reports), won revenue per currency and work-time totals, per manager
//! and for the team.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_types::kpi::{Granularity, KpiRow};
use voronka_types::periodic::{PeriodicKind, PeriodicReportBody, PeriodicRow, PeriodicWork};
use voronka_types::worktime::UserWorkTime;
use voronka_types::{Money, UserId};

use crate::ai::window::Company;
use crate::deals::entity::{Column as DealColumn, Entity as Deals};
use crate::error::ApiResult;
use crate::users::entity::{self as user, Entity as Users};
use crate::{kpi, money, worktime};

/// Won deals per currency, in minor units.
type Revenue = BTreeMap<String, i64>;

/// Builds the report of `kind` over `period` for every user of the company, as of `now`;
/// `gap` is the idle gap of the work-time figures.
pub async fn body(
    db: &impl ConnectionTrait,
    company: &Company,
    kind: PeriodicKind,
    period: Period,
    now: DateTime<Utc>,
    gap: TimeDelta,
) -> ApiResult<PeriodicReportBody> {
    let users = Users::find()
        .filter(user::Column::TenantId.eq(company.tenant.0))
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let kpi = kpi::service::build(db, company, users.clone(), period, Granularity::Day, now).await?;
    let work = worktime::report::build(db, company.tenant, users, period, now, gap).await?;
    let mut work: HashMap<UserId, PeriodicWork> = work.users.iter().map(|u| (u.user_id, totals(u))).collect();
    let mut revenue = revenue(db, company, period).await?;
    let (mut team_work, mut team_revenue) = (PeriodicWork::default(), Revenue::new());
    let managers = kpi
        .managers
        .into_iter()
        .map(|row| {
            let id = row.user_id;
            let work = id.and_then(|id| work.remove(&id)).unwrap_or_default();
            let revenue = id.and_then(|id| revenue.remove(&id.0)).unwrap_or_default();
            team_work.merge(&work);
            for (currency, minor) in &revenue {
                *team_revenue.entry(currency.clone()).or_default() += minor;
            }
            periodic_row(row, kind, work, &revenue)
        })
        .collect();
    Ok(PeriodicReportBody {
        time_zone: kpi.time_zone,
        currency: kpi.currency,
        team: Some(periodic_row(kpi.team, kind, team_work, &team_revenue)),
        managers,
    })
}

fn periodic_row(row: KpiRow, kind: PeriodicKind, work: PeriodicWork, revenue: &Revenue) -> PeriodicRow {
    PeriodicRow {
        user_id: row.user_id,
        name: row.name,
        kpi: row.total,
        revenue_won_by_currency: revenue_dto(revenue),
        days: if kind == PeriodicKind::Daily {
            Vec::new()
        } else {
            row.buckets
        },
        work,
    }
}

fn revenue_dto(revenue: &Revenue) -> Vec<Money> {
    revenue
        .iter()
        .map(|(currency, minor)| money::to_dto(*minor, currency))
        .collect()
}

/// A user's work-time totals, with the days started late and left early counted.
fn totals(u: &UserWorkTime) -> PeriodicWork {
    let count =
        |minutes: fn(&voronka_types::worktime::WorkDay) -> i64| u.days.iter().filter(|d| minutes(d) > 0).count() as u32;
    PeriodicWork {
        days_worked: u.totals.days_worked,
        absent_days: u.totals.absent_days,
        active_minutes: u.totals.active_minutes,
        idle_minutes: u.totals.idle_minutes,
        overtime_minutes: u.totals.overtime_minutes,
        late_days: count(|d| d.late_minutes),
        early_leave_days: count(|d| d.early_leave_minutes),
    }
}

/// Deals won in the period (by closing time) per owner and currency.
async fn revenue(db: &impl ConnectionTrait, company: &Company, period: Period) -> ApiResult<HashMap<Uuid, Revenue>> {
    let won: Vec<(Option<Uuid>, i64, String)> = Deals::find()
        .select_only()
        .columns([DealColumn::OwnerId, DealColumn::AmountMinor, DealColumn::Currency])
        .filter(DealColumn::TenantId.eq(company.tenant.0))
        .filter(DealColumn::Status.eq("won"))
        .filter(DealColumn::ClosedAt.gte(company.start_of(period.from)))
        .filter(DealColumn::ClosedAt.lt(company.end_of(period.to)))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_owner: HashMap<Uuid, Revenue> = HashMap::new();
    for (owner, minor, currency) in won {
        let Some(owner) = owner else { continue };
        *by_owner.entry(owner).or_default().entry(currency).or_default() += minor;
    }
    Ok(by_owner)
}
