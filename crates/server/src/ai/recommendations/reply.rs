//! "Reply to your hot leads": managers whose hot leads wait long for an answer. It reads the
//! leads as they are now, so it is given only when the analysis is as of today.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_types::ai::{Recommendation, RecommendationKind, RecommendedAction};
use voronka_types::tasks::TaskPriority;

use super::{Draft, TaskPlan};
use crate::ai::window::Company;
use crate::error::ApiResult;
use crate::leads::entity::{Column, Entity as Leads};
use crate::users::entity::{Column as UserColumn, Entity as Users};

/// Hot leads waiting less than this on average are fine.
pub const SLOW_HOURS: f64 = 1.0;

type Waiting = (Uuid, String, Uuid, DateTime<Utc>);
/// Lead id, name, manager, last inbound message.
type Row = (Uuid, String, Option<Uuid>, Option<DateTime<Utc>>);

/// One recommendation per manager whose hot leads wait on average [`SLOW_HOURS`] or more.
pub async fn recommend(db: &impl ConnectionTrait, company: &Company, now: DateTime<Utc>) -> ApiResult<Vec<Draft>> {
    let rows: Vec<Row> = Leads::find()
        .select_only()
        .column(Column::Id)
        .column(Column::Name)
        .column(Column::OwnerId)
        .column(Column::LastInboundAt)
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Status.eq("open"))
        .filter(Column::Temperature.eq("hot"))
        .filter(Column::OwnerId.is_not_null())
        .filter(Column::LastInboundAt.is_not_null())
        .filter(
            Condition::any()
                .add(Column::LastOutboundAt.is_null())
                .add(Expr::col(Column::LastOutboundAt).lt(Expr::col(Column::LastInboundAt))),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut by_owner: BTreeMap<Uuid, Vec<Waiting>> = BTreeMap::new();
    for (id, name, owner, since) in rows {
        if let (Some(owner), Some(since)) = (owner, since) {
            by_owner.entry(owner).or_default().push((id, name, owner, since));
        }
    }
    let owners: Vec<Uuid> = by_owner.keys().copied().collect();
    let names: BTreeMap<Uuid, String> = Users::find()
        .select_only()
        .column(UserColumn::Id)
        .column(UserColumn::Name)
        .filter(UserColumn::Id.is_in(owners))
        .filter(UserColumn::TenantId.eq(company.tenant.0))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ru = company.language == "ru";
    let mut drafts = Vec::new();
    for (owner, waiting) in by_owner {
        let hours: Vec<f64> = waiting
            .iter()
            .map(|w| Ord::max((now - w.3).num_minutes(), 0) as f64 / 60.0)
            .collect();
        let average = hours.iter().sum::<f64>() / hours.len() as f64;
        if average < SLOW_HOURS {
            continue;
        }
        let longest = hours.iter().copied().fold(0.0, f64::max);
        let who = names.get(&owner).cloned().unwrap_or_default();
        let k = waiting.len();
        let (average, longest) = (round1(average), round1(longest));
        let tasks = waiting
            .iter()
            .map(|(lead, name, owner, _)| TaskPlan {
                title: if ru {
                    format!("Ответить на заявку: {name}")
                } else {
                    format!("Reply to the lead: {name}")
                },
                description: (if ru {
                    "Горячая заявка ждёт ответа."
                } else {
                    "A hot lead is waiting for an answer."
                })
                .to_owned(),
                contact: None,
                lead: Some(*lead),
                assignee: Some(*owner),
                priority: TaskPriority::Urgent,
                due_at: now + Duration::hours(1),
            })
            .collect();
        drafts.push(Draft {
            recommendation: Recommendation {
                id: format!("reply_faster:{owner}"),
                kind: RecommendationKind::ReplyFaster,
                rank: 0,
                priority: (60.0 + (5.0 * average).min(40.0)).round() as u8,
                title: if ru { format!("{who}: ответьте горячим заявкам") } else { format!("{who}: reply to hot leads") },
                evidence: if ru {
                    format!("У {who} {k} горячих заявок ждут ответа в среднем {average} ч (дольше всех — {longest} ч).")
                } else {
                    format!("{who} has {k} hot leads waiting for a reply for {average} h on average (the longest {longest} h).")
                },
                contact_ids: Vec::new(),
                lead_ids: waiting.iter().map(|w| w.0.into()).collect(),
                user_id: Some(owner.into()),
                source: None,
                action: Some(RecommendedAction {
                    kind: "create_reply_tasks".to_owned(),
                    label: (if ru { "Поставить задачи на ответ" } else { "Create reply tasks" }).to_owned(),
                    tasks: k as u64,
                }),
            },
            tasks,
        });
    }
    Ok(drafts)
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
