//! `GET /kpi`: reads (manager, instant) pairs of each kind of event in the period with narrow
//! selects (first responses as one GROUP BY per source) and buckets them in Rust in the company's
//! time zone, so day, week and month buckets are exact on both databases and across DST.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_types::kpi::{Granularity, KpiReport, KpiRow};

use super::tally::{Board, Tally, summarise};
use crate::ai::window::Company;
use crate::deals::entity::{Column as DealColumn, Entity as Deals};
use crate::error::ApiResult;
use crate::leads::entity::{Column as LeadColumn, Entity as Leads};
use crate::messages::entity::{Column as MessageColumn, Entity as Messages};
use crate::notes::entity::{Column as NoteColumn, Entity as Notes};
use crate::pipelines::entity::stage_change::{Column as ChangeColumn, Entity as StageChanges};
use crate::tasks::entity::{Column as TaskColumn, Entity as Tasks};
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
    let (start, end) = (company.start_of(period.from), company.end_of(period.to));
    let window = Window {
        company,
        ids: &ids,
        start,
        end,
    };
    let mut board = Board::new(granularity);
    leads(db, &window, &mut board).await?;
    deals(db, &window, &mut board).await?;
    tasks(db, &window, now, &mut board).await?;
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

/// A lead: id, owner, arrival, deal.
type LeadRow = (Uuid, Option<Uuid>, DateTime<Utc>, Option<Uuid>);
/// A closed deal: owner, status, closing time, amount in minor units, currency.
type ClosedDealRow = (Option<Uuid>, String, Option<DateTime<Utc>>, i64, String);
/// A task due: assignee, due time, completion time.
type DueTaskRow = (Uuid, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

struct Window<'a> {
    company: &'a Company,
    ids: &'a [Uuid],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Window<'_> {
    fn day(&self, at: DateTime<Utc>) -> NaiveDate {
        self.company.day_of(at)
    }
}

/// Leads received in the period; taken = with a first human action (any time so far); the
/// response time runs from creation to that action.
async fn leads(db: &impl ConnectionTrait, w: &Window<'_>, board: &mut Board) -> ApiResult<()> {
    let rows: Vec<LeadRow> = Leads::find()
        .select_only()
        .columns([
            LeadColumn::Id,
            LeadColumn::OwnerId,
            LeadColumn::CreatedAt,
            LeadColumn::DealId,
        ])
        .filter(LeadColumn::TenantId.eq(w.company.tenant.0))
        .filter(LeadColumn::OwnerId.is_in(w.ids.iter().copied()))
        .filter(LeadColumn::CreatedAt.gte(w.start))
        .filter(LeadColumn::CreatedAt.lt(w.end))
        .into_tuple()
        .all(db)
        .await?;
    let wanted: HashSet<Uuid> = rows.iter().map(|r| r.0).collect();
    let first = first_responses(db, w, &wanted).await?;
    for (id, owner, created_at, deal) in rows {
        let Some(owner) = owner else { continue };
        let tally = board.at(owner, w.day(created_at));
        tally.leads_received += 1;
        if deal.is_some() {
            tally.leads_with_deal += 1;
        }
        if let Some(responded) = first.get(&id) {
            tally.leads_taken += 1;
            tally
                .response_minutes
                .push(Ord::max((*responded - created_at).num_seconds(), 0) as f64 / 60.0);
        }
    }
    Ok(())
}

/// Each lead's first human action: an outbound message with an author, a note or logged call
/// with an author, or a stage move by a person (not the lead's creation). One GROUP BY each.
async fn first_responses(
    db: &impl ConnectionTrait,
    w: &Window<'_>,
    wanted: &HashSet<Uuid>,
) -> ApiResult<HashMap<Uuid, DateTime<Utc>>> {
    let tenant = w.company.tenant.0;
    let messages: Vec<(Uuid, Option<DateTime<Utc>>)> = Messages::find()
        .select_only()
        .column(MessageColumn::LeadId)
        .column_as(Expr::col(MessageColumn::SentAt).min(), "first")
        .filter(MessageColumn::TenantId.eq(tenant))
        .filter(MessageColumn::Direction.eq("outbound"))
        .filter(MessageColumn::AuthorId.is_not_null())
        .filter(MessageColumn::SentAt.gte(w.start))
        .group_by(MessageColumn::LeadId)
        .into_tuple()
        .all(db)
        .await?;
    let notes: Vec<(Option<Uuid>, Option<DateTime<Utc>>)> = Notes::find()
        .select_only()
        .column(NoteColumn::LeadId)
        .column_as(Expr::col(NoteColumn::CreatedAt).min(), "first")
        .filter(NoteColumn::TenantId.eq(tenant))
        .filter(NoteColumn::LeadId.is_not_null())
        .filter(NoteColumn::AuthorId.is_not_null())
        .filter(NoteColumn::CreatedAt.gte(w.start))
        .group_by(NoteColumn::LeadId)
        .into_tuple()
        .all(db)
        .await?;
    let moves: Vec<(Uuid, Option<DateTime<Utc>>)> = StageChanges::find()
        .select_only()
        .column(ChangeColumn::RecordId)
        .column_as(Expr::col(ChangeColumn::ChangedAt).min(), "first")
        .filter(ChangeColumn::TenantId.eq(tenant))
        .filter(ChangeColumn::Entity.eq("lead"))
        .filter(ChangeColumn::ActorId.is_not_null())
        .filter(ChangeColumn::FromStageId.is_not_null())
        .filter(ChangeColumn::ChangedAt.gte(w.start))
        .group_by(ChangeColumn::RecordId)
        .into_tuple()
        .all(db)
        .await?;
    let mut first: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    let all = messages
        .into_iter()
        .chain(notes.into_iter().filter_map(|(lead, at)| Some((lead?, at))))
        .chain(moves);
    for (lead, at) in all {
        let Some(at) = at else { continue };
        if !wanted.contains(&lead) {
            continue;
        }
        first.entry(lead).and_modify(|t| *t = Ord::min(*t, at)).or_insert(at);
    }
    Ok(first)
}

/// Deals created in the period (by creation day) and won or lost in it (by closing day).
async fn deals(db: &impl ConnectionTrait, w: &Window<'_>, board: &mut Board) -> ApiResult<()> {
    let tenant = w.company.tenant.0;
    let created: Vec<(Option<Uuid>, DateTime<Utc>)> = Deals::find()
        .select_only()
        .columns([DealColumn::OwnerId, DealColumn::CreatedAt])
        .filter(DealColumn::TenantId.eq(tenant))
        .filter(DealColumn::OwnerId.is_in(w.ids.iter().copied()))
        .filter(DealColumn::CreatedAt.gte(w.start))
        .filter(DealColumn::CreatedAt.lt(w.end))
        .into_tuple()
        .all(db)
        .await?;
    for (owner, at) in created {
        if let Some(owner) = owner {
            board.at(owner, w.day(at)).deals_created += 1;
        }
    }
    let closed: Vec<ClosedDealRow> = Deals::find()
        .select_only()
        .columns([
            DealColumn::OwnerId,
            DealColumn::Status,
            DealColumn::ClosedAt,
            DealColumn::AmountMinor,
            DealColumn::Currency,
        ])
        .filter(DealColumn::TenantId.eq(tenant))
        .filter(DealColumn::OwnerId.is_in(w.ids.iter().copied()))
        .filter(DealColumn::Status.is_in(["won", "lost"]))
        .filter(DealColumn::ClosedAt.gte(w.start))
        .filter(DealColumn::ClosedAt.lt(w.end))
        .into_tuple()
        .all(db)
        .await?;
    for (owner, status, closed_at, amount, currency) in closed {
        let (Some(owner), Some(closed_at)) = (owner, closed_at) else {
            continue;
        };
        let tally = board.at(owner, w.day(closed_at));
        if status == "lost" {
            tally.deals_lost += 1;
            continue;
        }
        tally.deals_won += 1;
        if currency == w.company.currency {
            tally.revenue_minor += amount;
        } else {
            tally.deals_won_other_currencies += 1;
        }
    }
    Ok(())
}

/// Tasks completed in the period (by completion day) and tasks due in it that were not done by
/// their due time as of `now` (by due day).
async fn tasks(db: &impl ConnectionTrait, w: &Window<'_>, now: DateTime<Utc>, board: &mut Board) -> ApiResult<()> {
    let tenant = w.company.tenant.0;
    let completed: Vec<(Uuid, Option<DateTime<Utc>>)> = Tasks::find()
        .select_only()
        .columns([TaskColumn::AssigneeId, TaskColumn::CompletedAt])
        .filter(TaskColumn::TenantId.eq(tenant))
        .filter(TaskColumn::AssigneeId.is_in(w.ids.iter().copied()))
        .filter(TaskColumn::Status.eq("completed"))
        .filter(TaskColumn::CompletedAt.gte(w.start))
        .filter(TaskColumn::CompletedAt.lt(w.end))
        .into_tuple()
        .all(db)
        .await?;
    for (assignee, at) in completed {
        if let Some(at) = at {
            board.at(assignee, w.day(at)).tasks_completed += 1;
        }
    }
    let due: Vec<DueTaskRow> = Tasks::find()
        .select_only()
        .columns([TaskColumn::AssigneeId, TaskColumn::DueAt, TaskColumn::CompletedAt])
        .filter(TaskColumn::TenantId.eq(tenant))
        .filter(TaskColumn::AssigneeId.is_in(w.ids.iter().copied()))
        .filter(TaskColumn::DueAt.gte(w.start))
        .filter(TaskColumn::DueAt.lt(Ord::min(w.end, now)))
        .into_tuple()
        .all(db)
        .await?;
    for (assignee, due_at, completed_at) in due {
        let Some(due_at) = due_at else { continue };
        if completed_at.is_none_or(|done| done > due_at) {
            board.at(assignee, w.day(due_at)).tasks_overdue += 1;
        }
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
