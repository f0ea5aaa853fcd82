//! `GET /kpi`: counts each kind of event in the period per manager and company-local day and
//! buckets the days into days, weeks or months in Rust, so the buckets are exact on both
//! databases and across DST. On PostgreSQL the days come from the roll-up (`rollup`), only
//! the tasks overdue from today on are counted; SQLite counts everything from the tables
//! (`days`, grouped by the instant).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_types::kpi::{Granularity, KpiReport, KpiRow};

use super::days::{self, Window};
use super::rollup;
use super::tally::{Board, Tally, summarise};
use crate::ai::window::Company;
use crate::error::ApiResult;
use crate::users::entity as user;
use crate::worktime::entity::work_session::{Column as SessionColumn, Entity as WorkSessions};

/// Builds the KPI of `managers` over `period` as of `now`.
pub async fn build(
    db: &impl ConnectionTrait,
    company: &Company,
    managers: Vec<user::Model>,
    period: Period,
    granularity: Granularity,
    now: DateTime<Utc>,
) -> ApiResult<KpiReport> {
    let ids: Vec<Uuid> = managers.iter().map(|m| m.id).collect();
    let mut board = Board::new(granularity);
    let window = Window {
        company,
        ids: &ids,
        start: company.start_of(period.from),
        end: company.end_of(period.to),
    };
    if rollup::kept_by(db) {
        // PostgreSQL: the roll-up, except the tasks overdue from today on, which change as
        // the day goes on and are counted from the tables.
        let today = company.day_of(now);
        rollup::add(db, company, &ids, period, today, &mut board).await?;
        let from_today = Window {
            start: company.start_of(Ord::max(period.from, today)),
            ..window
        };
        if from_today.start < from_today.end {
            overdue_tasks(db, &from_today, now, &mut board).await?;
        }
    } else {
        leads(db, &window, &mut board).await?;
        deals(db, &window, &mut board).await?;
        tasks(db, &window, now, &mut board).await?;
    }
    active_time(db, &window, period, &mut board).await?;

    let currency = company.currency.as_str();
    let mut team = std::collections::BTreeMap::<NaiveDate, Tally>::new();
    let rows = managers
        .into_iter()
        .map(|m| {
            let buckets = board.buckets_of(m.id).cloned().unwrap_or_default();
            for (start, tally) in &buckets {
                team.entry(*start).or_default().merge(tally);
            }
            let (total, buckets) = summarise(&buckets, currency);
            KpiRow {
                user_id: Some(m.id.into()),
                name: m.name,
                total: total.figures(currency),
                buckets,
            }
        })
        .collect();
    let (team_total, team_buckets) = summarise(&team, currency);
    Ok(KpiReport {
        from: period.from,
        to: period.to,
        granularity,
        time_zone: company.zone.name().to_owned(),
        currency: company.currency.clone(),
        managers: rows,
        team: KpiRow {
            user_id: None,
            name: "team".into(),
            total: team_total.figures(currency),
            buckets: team_buckets,
        },
    })
}

/// Leads received in the period; taken = with a first human action (any time so far, kept in
/// `leads.first_response_at`); the response time runs from arrival to that action.
async fn leads(db: &impl ConnectionTrait, w: &Window<'_>, board: &mut Board) -> ApiResult<()> {
    for (owner, day, leads) in days::leads(db, w).await? {
        let tally = board.at(owner, day);
        tally.leads_received += leads.received;
        tally.leads_with_deal += leads.with_deal;
        tally.leads_taken += leads.waits_secs.len() as u64;
        tally
            .response_minutes
            .extend(leads.waits_secs.iter().map(|secs| *secs as f64 / 60.0));
    }
    Ok(())
}

/// Deals created in the period (by creation day) and won or lost in it (by closing day).
async fn deals(db: &impl ConnectionTrait, w: &Window<'_>, board: &mut Board) -> ApiResult<()> {
    for created in days::deals_created(db, w).await? {
        board.at(created.who, created.day).deals_created += created.count;
    }
    for closed in days::deals_closed(db, w).await? {
        let tally = board.at(closed.who, closed.day);
        if !closed.won {
            tally.deals_lost += closed.count;
            continue;
        }
        tally.deals_won += closed.count;
        if closed.currency == w.company.currency {
            tally.revenue_minor += closed.amount_minor;
        } else {
            tally.deals_won_other_currencies += closed.count;
        }
    }
    Ok(())
}

/// Tasks completed in the period (by completion day) and tasks due in it that were not done by
/// their due time as of `now` (by due day).
async fn tasks(db: &impl ConnectionTrait, w: &Window<'_>, now: DateTime<Utc>, board: &mut Board) -> ApiResult<()> {
    for done in days::tasks_completed(db, w).await? {
        board.at(done.who, done.day).tasks_completed += done.count;
    }
    overdue_tasks(db, w, now, board).await
}

/// Tasks due in the window before `now` that were not done by their due time (by due day).
async fn overdue_tasks(
    db: &impl ConnectionTrait,
    w: &Window<'_>,
    now: DateTime<Utc>,
    board: &mut Board,
) -> ApiResult<()> {
    for late in days::tasks_overdue(db, w, now).await? {
        board.at(late.who, late.day).tasks_overdue += late.count;
    }
    Ok(())
}

/// Active time from the work sessions of the period's days.
async fn active_time(db: &impl ConnectionTrait, w: &Window<'_>, period: Period, board: &mut Board) -> ApiResult<()> {
    let sessions: Vec<(Uuid, NaiveDate, DateTime<Utc>, DateTime<Utc>)> = WorkSessions::find()
        .select_only()
        .columns([
            SessionColumn::UserId,
            SessionColumn::Day,
            SessionColumn::StartedAt,
            SessionColumn::LastSeenAt,
        ])
        .filter(SessionColumn::TenantId.eq(w.company.tenant.0))
        .filter(SessionColumn::UserId.is_in(w.ids.iter().copied()))
        .filter(SessionColumn::Day.gte(period.from))
        .filter(SessionColumn::Day.lte(period.to))
        .into_tuple()
        .all(db)
        .await?;
    for (user, day, start, end) in sessions {
        board.at(user, day).active_secs += Ord::max((end - start).num_seconds(), 0);
    }
    Ok(())
}
