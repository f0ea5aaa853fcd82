//! `GET /kpi/funnel`: the records of one pipeline created in the period, walked through their
//! stage history. Conversion counts a record as having reached a stage when it entered it or
//! any later stage (lost stages aside); time in a stage counts completed stays only.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_insights::summary::{median, quantile};
use voronka_types::kpi::{DropOffReason, FunnelReport, FunnelStage, SourceConversion};
use voronka_types::pipelines::StageKind;
use voronka_types::{Permission, PipelineId, StageId};

use super::tally::ratio;
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::deals::entity::{Column as DealColumn, Entity as Deals};
use crate::error::ApiResult;
use crate::leads::entity::{Column as LeadColumn, Entity as Leads};
use crate::pipelines::entity::stage::{self, Entity as Stages};
use crate::pipelines::entity::stage_change::{Column as ChangeColumn, Entity as StageChanges};
use crate::pipelines::service as pipelines;
use crate::rbac::scope::RowScope;

/// A record of the funnel: its current stage, status, close reason and (leads) source.
#[derive(Debug, Clone)]
pub struct FunnelRecord {
    pub id: Uuid,
    pub stage_id: Uuid,
    pub status: String,
    pub close_reason: Option<String>,
    pub source: Option<String>,
}

/// Builds the funnel of `pipeline` over the records created in `period` that the caller may
/// read (all, or their own by `leads.read.*` / `deals.read.*`).
pub async fn build(
    db: &impl ConnectionTrait,
    principal: &Principal,
    company: &Company,
    pipeline: PipelineId,
    period: Period,
) -> ApiResult<FunnelReport> {
    let found = pipelines::find(db, company.tenant, pipeline).await?;
    let entity = found.kind.as_str();
    let owner = if entity == "deal" {
        RowScope::of(principal, Permission::DealsReadAll, Permission::DealsReadOwn)?
    } else {
        RowScope::of(principal, Permission::LeadsReadAll, Permission::LeadsReadOwn)?
    }
    .owner();
    let (start, end) = (company.start_of(period.from), company.end_of(period.to));
    let stages = Stages::find()
        .filter(stage::Column::TenantId.eq(company.tenant.0))
        .filter(stage::Column::PipelineId.eq(found.id))
        .order_by_asc(stage::Column::Position)
        .all(db)
        .await?;
    let records: Vec<FunnelRecord> = if entity == "deal" {
        let mut query = Deals::find()
            .filter(DealColumn::TenantId.eq(company.tenant.0))
            .filter(DealColumn::PipelineId.eq(found.id))
            .filter(DealColumn::CreatedAt.gte(start))
            .filter(DealColumn::CreatedAt.lt(end));
        if let Some(owner) = owner {
            query = query.filter(DealColumn::OwnerId.eq(owner.0));
        }
        query
            .all(db)
            .await?
            .into_iter()
            .map(|d| FunnelRecord {
                id: d.id,
                stage_id: d.stage_id,
                status: d.status,
                close_reason: d.close_reason,
                source: None,
            })
            .collect()
    } else {
        let mut query = Leads::find()
            .filter(LeadColumn::TenantId.eq(company.tenant.0))
            .filter(LeadColumn::PipelineId.eq(found.id))
            .filter(LeadColumn::CreatedAt.gte(start))
            .filter(LeadColumn::CreatedAt.lt(end));
        if let Some(owner) = owner {
            query = query.filter(LeadColumn::OwnerId.eq(owner.0));
        }
        query
            .all(db)
            .await?
            .into_iter()
            .map(|l| FunnelRecord {
                id: l.id,
                stage_id: l.stage_id,
                status: l.status,
                close_reason: l.close_reason,
                source: Some(l.source),
            })
            .collect()
    };
    let changes: Vec<(Uuid, Uuid, DateTime<Utc>)> = StageChanges::find()
        .select_only()
        .columns([ChangeColumn::RecordId, ChangeColumn::ToStageId, ChangeColumn::ChangedAt])
        .filter(ChangeColumn::TenantId.eq(company.tenant.0))
        .filter(ChangeColumn::Entity.eq(entity))
        .filter(ChangeColumn::PipelineId.eq(found.id))
        .filter(ChangeColumn::ChangedAt.gte(start))
        .order_by_asc(ChangeColumn::ChangedAt)
        .order_by_asc(ChangeColumn::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut history: HashMap<Uuid, Vec<(Uuid, DateTime<Utc>)>> = HashMap::new();
    for (record, to_stage, at) in changes {
        history.entry(record).or_default().push((to_stage, at));
    }
    let funnel_stages: Vec<(Uuid, String, u32)> = stages
        .iter()
        .filter(|s| s.kind() != StageKind::Lost)
        .map(|s| (s.id, s.name.clone(), s.position.max(0) as u32))
        .collect();
    Ok(FunnelReport {
        pipeline_id: pipeline,
        from: period.from,
        to: period.to,
        records: records.len() as u64,
        stages: walk(&funnel_stages, &records, &history),
        drop_off_reasons: drop_offs(&records),
        sources: sources(&records),
    })
}

/// Conversion and time in stage over `stages` (funnel order, lost stages left out).
pub fn walk(
    stages: &[(Uuid, String, u32)],
    records: &[FunnelRecord],
    history: &HashMap<Uuid, Vec<(Uuid, DateTime<Utc>)>>,
) -> Vec<FunnelStage> {
    let index: HashMap<Uuid, usize> = stages.iter().enumerate().map(|(i, s)| (s.0, i)).collect();
    let mut reached = vec![0u64; stages.len()];
    let mut stays: Vec<Vec<f64>> = vec![Vec::new(); stages.len()];
    for record in records {
        let visits = history.get(&record.id).map(Vec::as_slice).unwrap_or_default();
        let furthest = visits
            .iter()
            .map(|(stage, _)| *stage)
            .chain(std::iter::once(record.stage_id))
            .filter_map(|stage| index.get(&stage).copied())
            .max();
        if let Some(furthest) = furthest {
            for count in reached.iter_mut().take(furthest + 1) {
                *count += 1;
            }
        }
        for pair in visits.windows(2) {
            if let Some(&i) = index.get(&pair[0].0) {
                stays[i].push((pair[1].1 - pair[0].1).num_seconds().max(0) as f64 / 3600.0);
            }
        }
    }
    stages
        .iter()
        .enumerate()
        .map(|(i, (id, name, position))| {
            let went_on = reached.get(i + 1).copied();
            FunnelStage {
                stage_id: StageId(*id),
                name: name.clone(),
                position: *position,
                reached: reached[i],
                went_on: went_on.unwrap_or(0),
                conversion: went_on.and_then(|next| ratio(next, reached[i])),
                median_hours: median(&stays[i]).map(round2),
                p90_hours: quantile(&stays[i], 0.9).map(round2),
            }
        })
        .collect()
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Lost records by close reason, most frequent first.
fn drop_offs(records: &[FunnelRecord]) -> Vec<DropOffReason> {
    let mut counts: BTreeMap<Option<String>, u64> = BTreeMap::new();
    for record in records.iter().filter(|r| r.status == "lost") {
        *counts.entry(record.close_reason.clone()).or_default() += 1;
    }
    let mut reasons: Vec<DropOffReason> = counts
        .into_iter()
        .map(|(reason, count)| DropOffReason { reason, count })
        .collect();
    reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    reasons
}

/// Leads by source with won ÷ all, busiest first (empty for deal pipelines).
fn sources(records: &[FunnelRecord]) -> Vec<SourceConversion> {
    let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for record in records {
        let Some(source) = &record.source else { continue };
        let entry = counts.entry(source.clone()).or_default();
        entry.0 += 1;
        if record.status == "won" {
            entry.1 += 1;
        }
    }
    let mut sources: Vec<SourceConversion> = counts
        .into_iter()
        .map(|(source, (leads, won))| SourceConversion {
            source,
            leads,
            won,
            conversion: ratio(won, leads),
        })
        .collect();
    sources.sort_by(|a, b| b.leads.cmp(&a.leads).then_with(|| a.source.cmp(&b.source)));
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_700_000_000 + h * 3600, 0).unwrap()
    }

    #[test]
    fn records_reach_every_stage_up_to_their_furthest_and_stays_are_timed() {
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let stages: Vec<(Uuid, String, u32)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, format!("s{i}"), i as u32))
            .collect();
        let record = |stage: Uuid| FunnelRecord {
            id: Uuid::now_v7(),
            stage_id: stage,
            status: "open".into(),
            close_reason: None,
            source: None,
        };
        let (a, b, c) = (record(ids[2]), record(ids[1]), record(ids[0]));
        let mut history = HashMap::new();
        history.insert(a.id, vec![(ids[0], at(0)), (ids[1], at(2)), (ids[2], at(6))]);
        history.insert(b.id, vec![(ids[0], at(0)), (ids[1], at(4))]);
        let funnel = walk(&stages, &[a, b, c], &history);
        let reached: Vec<u64> = funnel.iter().map(|s| s.reached).collect();
        assert_eq!(reached, [3, 2, 1]);
        assert_eq!(funnel[0].conversion, Some(0.6667));
        assert_eq!(funnel[1].conversion, Some(0.5));
        assert_eq!(funnel[2].conversion, None);
        assert_eq!(funnel[0].median_hours, Some(3.0));
        assert_eq!(funnel[1].median_hours, Some(4.0));
    }
}
