//! `GET /api/v1/ai/segments`: RFM segments of the buyers as of a day, with the buyers of one
//! segment (or all) paged biggest spenders first.

use sea_orm::ConnectionTrait;
use uuid::Uuid;
use voronka_insights::segments::{self, CustomerRfm, RiskLevel as Risk, Segment as Rfm, SegmentSummary as Summary};
use voronka_types::Page;
use voronka_types::ai::{RiskLevel, Segment, SegmentCustomer, SegmentSummary, Segments};

use super::history::{self, History};
use super::window::Company;
use crate::error::{ApiError, ApiResult};
use crate::money;
use crate::pagination;

/// What to list.
pub struct SegmentRequest {
    pub as_of: chrono::NaiveDate,
    pub segment: Option<Segment>,
    pub cursor: Option<String>,
    pub limit: u64,
}

pub fn segment_dto(segment: Rfm) -> Segment {
    match segment {
        Rfm::Champions => Segment::Champions,
        Rfm::Loyal => Segment::Loyal,
        Rfm::PotentialLoyalists => Segment::PotentialLoyalists,
        Rfm::New => Segment::New,
        Rfm::Promising => Segment::Promising,
        Rfm::NeedAttention => Segment::NeedAttention,
        Rfm::AboutToSleep => Segment::AboutToSleep,
        Rfm::AtRisk => Segment::AtRisk,
        Rfm::CantLose => Segment::CantLose,
        Rfm::Hibernating => Segment::Hibernating,
        Rfm::Lost => Segment::Lost,
    }
}

fn risk_dto(risk: Risk) -> RiskLevel {
    match risk {
        Risk::Low => RiskLevel::Low,
        Risk::Medium => RiskLevel::Medium,
        Risk::High => RiskLevel::High,
    }
}

/// The summaries as the API shows them.
pub fn summaries(summaries: &[Summary], currency: &str) -> Vec<SegmentSummary> {
    summaries
        .iter()
        .map(|s| SegmentSummary {
            segment: segment_dto(s.segment),
            customers: s.customers,
            revenue: money::to_dto(s.revenue_minor, currency),
            revenue_share: s.revenue_share,
        })
        .collect()
}

/// Scores every buyer and pages the asked segment.
pub async fn list(db: &impl ConnectionTrait, company: &Company, request: SegmentRequest) -> ApiResult<Segments> {
    let history = History::load(db, company, request.as_of).await?;
    let scored = segments::score(&history.sales, request.as_of);
    let mut members: Vec<&CustomerRfm> = scored
        .iter()
        .filter(|c| request.segment.is_none_or(|s| segment_dto(c.segment) == s))
        .collect();
    members.sort_by(|a, b| {
        b.monetary_minor
            .cmp(&a.monetary_minor)
            .then_with(|| history.buyers[a.customer].cmp(&history.buyers[b.customer]))
    });
    let start = match &request.cursor {
        None => 0,
        Some(cursor) => {
            let last = pagination::decode_cursor(cursor)?;
            members
                .iter()
                .position(|c| history.buyers[c.customer] == last)
                .map(|at| at + 1)
                .ok_or_else(|| {
                    ApiError::field(
                        "cursor",
                        "invalid_cursor",
                        "the buyer this cursor points at is no longer in the list",
                    )
                })?
        }
    };
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    let page: Vec<&CustomerRfm> = members.iter().skip(start).take(limit).copied().collect();
    let ids: Vec<Uuid> = page.iter().map(|c| history.buyers[c.customer]).collect();
    let names = history::names(db, company, &ids).await?;
    let next_cursor = (start + page.len() < members.len())
        .then(|| ids.last().map(|id| pagination::encode_cursor(*id)))
        .flatten();
    let items = page
        .iter()
        .zip(&ids)
        .map(|(c, id)| SegmentCustomer {
            contact_id: (*id).into(),
            name: names.get(id).cloned().unwrap_or_default(),
            segment: segment_dto(c.segment),
            recency_score: c.r,
            frequency_score: c.f,
            monetary_score: c.m,
            last_purchase: c.last_purchase,
            days_since_last_purchase: c.recency_days,
            orders: c.frequency,
            total: money::to_dto(c.monetary_minor, &company.currency),
            typical_gap_days: c.typical_gap_days,
            own_rhythm: c.own_rhythm,
            churn_risk: c.churn_risk,
            risk_level: risk_dto(c.risk_level),
        })
        .collect();
    Ok(Segments {
        as_of: request.as_of,
        currency: company.currency.clone(),
        segments: summaries(&segments::summarise(&scored), &company.currency),
        customers: Page {
            items,
            next_cursor,
            total: members.len() as u64,
        },
    })
}
