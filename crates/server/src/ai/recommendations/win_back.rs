//! "Call the customers who stopped buying": buyers in `at_risk` and `cant_lose`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::segments::{CustomerRfm, Segment};
use voronka_insights::summary::median;
use voronka_types::ai::{Recommendation, RecommendationKind, RecommendedAction};
use voronka_types::tasks::TaskPriority;

use super::{Draft, TaskPlan};
use crate::ai::history::{self, History};
use crate::ai::narrative::money;
use crate::ai::window::Company;
use crate::contacts::entity::contact::{Column, Entity as Contacts};
use crate::error::ApiResult;
use crate::money as currency;

/// At most this many call tasks per application, biggest spenders first.
pub const MAX_TASKS: usize = 200;

/// The recommendation, when anyone is slipping away.
pub async fn recommend(
    db: &impl ConnectionTrait,
    company: &Company,
    as_of: NaiveDate,
    history: &History,
    scored: &[CustomerRfm],
) -> ApiResult<Option<Draft>> {
    let mut slipping: Vec<&CustomerRfm> = scored
        .iter()
        .filter(|c| matches!(c.segment, Segment::AtRisk | Segment::CantLose))
        .collect();
    if slipping.is_empty() {
        return Ok(None);
    }
    slipping.sort_by(|a, b| {
        b.monetary_minor
            .cmp(&a.monetary_minor)
            .then(a.customer.cmp(&b.customer))
    });
    let year_ago = as_of - Duration::days(365);
    let mut last_year: HashMap<usize, i64> = HashMap::new();
    let mut all_last_year = 0i64;
    for sale in history.sales.iter().filter(|s| s.day > year_ago && s.day <= as_of) {
        *last_year.entry(sale.customer).or_default() += sale.amount_minor;
        all_last_year += sale.amount_minor;
    }
    let at_stake: i64 = slipping
        .iter()
        .map(|c| last_year.get(&c.customer).copied().unwrap_or(0))
        .sum();
    let n = slipping.len();
    let days = slipping.iter().map(|c| c.recency_days as f64).sum::<f64>() / n as f64;
    let gap = median(&slipping.iter().map(|c| c.typical_gap_days).collect::<Vec<_>>()).unwrap_or(0.0);
    let share = if all_last_year > 0 {
        at_stake as f64 / all_last_year as f64
    } else {
        0.0
    };
    let ids: Vec<Uuid> = slipping.iter().map(|c| history.buyers[c.customer]).collect();
    let owners = owners(db, company, &ids[..ids.len().min(MAX_TASKS)]).await?;
    let names = history::names(db, company, &ids[..ids.len().min(MAX_TASKS)]).await?;
    let ru = company.language == "ru";
    let spent = money(&currency::to_dto(at_stake, &company.currency), company.language);
    let (days, gap) = (days.round(), gap.round());
    let due = company.start_of(company.today + Duration::days(1)) + Duration::hours(12);
    let tasks = slipping
        .iter()
        .take(MAX_TASKS)
        .zip(&ids)
        .map(|(c, id)| TaskPlan {
            title: match (ru, names.get(id)) {
                (true, Some(name)) => format!("Позвонить: {name} давно не покупал(а)"),
                (true, None) => "Позвонить покупателю, который давно не покупал".to_owned(),
                (false, Some(name)) => format!("Call {name}: has not bought for a while"),
                (false, None) => "Call a customer who has not bought for a while".to_owned(),
            },
            description: if ru {
                format!(
                    "Последняя покупка {} ({} дн. назад), обычно раз в {} дн.",
                    c.last_purchase,
                    c.recency_days,
                    c.typical_gap_days.round()
                )
            } else {
                format!(
                    "Last purchase {} ({} days ago); usually every {} days.",
                    c.last_purchase,
                    c.recency_days,
                    c.typical_gap_days.round()
                )
            },
            contact: Some(*id),
            lead: None,
            assignee: owners.get(id).copied(),
            priority: if c.segment == Segment::CantLose {
                TaskPriority::High
            } else {
                TaskPriority::Normal
            },
            due_at: due,
        })
        .collect::<Vec<_>>();
    let recommendation = Recommendation {
        id: "win_back_customers".to_owned(),
        kind: RecommendationKind::WinBackCustomers,
        rank: 0,
        priority: (40.0 + (100.0 * share).min(50.0)).round() as u8,
        title: if ru {
            format!("Позвоните {n} покупателям, которые перестали покупать")
        } else {
            format!("Call {n} customers who stopped buying")
        },
        evidence: if ru {
            format!(
                "{n} покупателей в сегментах «под угрозой» и «нельзя потерять» потратили {spent} за последние 12 месяцев и не покупают в среднем {days} дн., хотя обычно покупали раз в {gap} дн."
            )
        } else {
            format!(
                "{n} customers in “at risk” and “can't lose” spent {spent} in the last 12 months and have not bought for {days} days on average; they used to buy every {gap} days."
            )
        },
        contact_ids: ids.iter().map(|id| (*id).into()).collect(),
        lead_ids: Vec::new(),
        user_id: None,
        source: None,
        action: Some(RecommendedAction {
            kind: "create_call_tasks".to_owned(),
            label: (if ru {
                "Создать задачи на звонок"
            } else {
                "Create call tasks"
            })
            .to_owned(),
            tasks: tasks.len() as u64,
        }),
    };
    Ok(Some(Draft { recommendation, tasks }))
}

async fn owners(db: &impl ConnectionTrait, company: &Company, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, Uuid>> {
    let rows: Vec<(Uuid, Option<Uuid>)> = Contacts::find()
        .select_only()
        .column(Column::Id)
        .column(Column::OwnerId)
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, owner)| owner.map(|o| (id, o)))
        .collect())
}
