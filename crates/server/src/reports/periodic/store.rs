//! Keeping periodic reports (insert-or-ignore on company, kind and period start) and reading
//! them back as the caller may see them: the whole report with the team permission, a
//! manager's own row without the team totals otherwise.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionSession, TransactionTrait, TryInsertResult,
};
use voronka_insights::sales::Period;
use voronka_types::periodic::{PeriodicKind, PeriodicReport, PeriodicReportBody, PeriodicReportSummary};
use voronka_types::{Page, PeriodicReportId, Permission, TenantId, UserId};

use super::entity::{self, Column, Entity as Reports};
use super::{build, deliver};
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::mail::Mailer;
use crate::pagination;
use crate::worktime::schedule::TEAM_PERMISSION;

/// Builds and keeps the report of `kind` over `period` unless the company has it already; a
/// new report is announced to the owners and heads of sales in the same transaction. Answers
/// the new report's id, or `None` when it existed (another run got there first).
pub async fn generate(
    db: &(impl ConnectionTrait + TransactionTrait),
    mailer: Option<&Mailer>,
    company: &Company,
    kind: PeriodicKind,
    period: Period,
    now: DateTime<Utc>,
    gap: TimeDelta,
) -> ApiResult<Option<PeriodicReportId>> {
    let body = build::body(db, company, kind, period, now, gap).await?;
    let id = PeriodicReportId::new();
    let row = entity::Model {
        id: id.0,
        company_id: company.tenant.0,
        kind: kind.as_str().to_owned(),
        period_from: period.from,
        period_to: period.to,
        body: serde_json::to_string(&body).map_err(|e| ApiError::Internal(e.into()))?,
        created_at: clock::now(),
    };
    let txn = db.begin().await?;
    let inserted = Reports::insert(entity::ActiveModel::from(row))
        .on_conflict_do_nothing_on([Column::CompanyId, Column::Kind, Column::PeriodFrom])
        .exec_without_returning(&txn)
        .await?;
    if !matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        return Ok(None);
    }
    deliver::announce(&txn, mailer, company, kind, period, id).await?;
    txn.commit().await?;
    Ok(Some(id))
}

/// Who reads a report, and so how much of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Holds the KPI team permission: the whole report.
    Team,
    /// A salesperson: their own row, no team totals.
    Own(UserId),
}

/// The caller's view: the team permission sees all; a user who owns records (`leads.read.own`)
/// sees their own row; anyone else (guests, API keys) is refused (403).
pub fn viewer(principal: &Principal) -> ApiResult<Viewer> {
    principal.tenant()?;
    if principal.has(TEAM_PERMISSION) {
        return Ok(Viewer::Team);
    }
    principal.require(Permission::LeadsReadOwn)?;
    let (me, _) = principal.require_user()?;
    Ok(Viewer::Own(me))
}

/// A stored report as `viewer` sees it.
pub fn view(row: entity::Model, viewer: Viewer) -> ApiResult<PeriodicReport> {
    let kind = PeriodicKind::parse(&row.kind)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown report kind `{}`", row.kind)))?;
    let mut body: PeriodicReportBody = serde_json::from_str(&row.body).map_err(|e| ApiError::Internal(e.into()))?;
    if let Viewer::Own(me) = viewer {
        body.team = None;
        body.managers.retain(|m| m.user_id == Some(me));
    }
    let headline = match viewer {
        Viewer::Team => body.team.as_ref(),
        Viewer::Own(_) => body.managers.first(),
    };
    let summary = PeriodicReportSummary {
        id: PeriodicReportId(row.id),
        kind,
        from: row.period_from,
        to: row.period_to,
        created_at: row.created_at,
        leads_received: headline.map_or(0, |r| r.kpi.leads_received),
        deals_won: headline.map_or(0, |r| r.kpi.deals_won),
        revenue_won: headline.map(|r| r.revenue_won_by_currency.clone()).unwrap_or_default(),
        active_hours: headline.map_or(0.0, |r| r.kpi.active_hours),
    };
    Ok(PeriodicReport { summary, body })
}

/// One report of the caller's company as they may see it; another company's is 404.
pub async fn get(db: &impl ConnectionTrait, principal: &Principal, id: PeriodicReportId) -> ApiResult<PeriodicReport> {
    let viewer = viewer(principal)?;
    let row = find(db, principal.tenant()?, id).await?;
    view(row, viewer)
}

async fn find(db: &impl ConnectionTrait, tenant: TenantId, id: PeriodicReportId) -> ApiResult<entity::Model> {
    Reports::find_by_id(id.0)
        .filter(Column::CompanyId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("report"))
}

/// The company's reports, newest period first (then newest made), optionally of one kind.
pub async fn list(
    db: &impl ConnectionTrait,
    principal: &Principal,
    kind: Option<PeriodicKind>,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<PeriodicReportSummary>> {
    let viewer = viewer(principal)?;
    let tenant = principal.tenant()?;
    let mut query = Reports::find().filter(Column::CompanyId.eq(tenant.0));
    if let Some(kind) = kind {
        query = query.filter(Column::Kind.eq(kind.as_str()));
    }
    let total = query.clone().count(db).await?;
    if let Some(cursor) = cursor {
        let last = pagination::decode_cursor(cursor)?;
        let after = match find(db, tenant, PeriodicReportId(last)).await {
            Err(ApiError::NotFound(_)) => {
                return Err(ApiError::field(
                    "cursor",
                    "invalid_cursor",
                    "the cursor is not one this API gave out",
                ));
            }
            other => other?,
        };
        query = query.filter(
            Condition::any().add(Column::PeriodFrom.lt(after.period_from)).add(
                Condition::all()
                    .add(Column::PeriodFrom.eq(after.period_from))
                    .add(Column::Id.lt(after.id)),
            ),
        );
    }
    let mut rows = query
        .order_by_desc(Column::PeriodFrom)
        .order_by_desc(Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| pagination::encode_cursor(row.id))
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|row| view(row, viewer).map(|r| r.summary))
        .collect::<ApiResult<_>>()?;
    Ok(Page {
        items,
        next_cursor,
        total,
    })
}
