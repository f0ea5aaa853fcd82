//! `GET /api/v1/ai/recommendations`: concrete, ranked actions with their evidence, each applied
//! (creating the tasks it proposes) or dismissed through the API. Applied and dismissed ones stay
//! hidden for [`state::HIDDEN_FOR_DAYS`] days.

pub mod apply;
pub(crate) mod handlers;
mod reply;
pub mod state;
mod win_back;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use voronka_insights::sales::Period;
use voronka_insights::segments::{self, CustomerRfm};
use voronka_types::ai::{Recommendation, RecommendationKind, Recommendations};
use voronka_types::tasks::TaskPriority;

use super::history::History;
use super::narrative::percent;
use super::sources;
use super::window::Company;
use crate::error::ApiResult;

/// A task a recommendation proposes.
#[derive(Debug, Clone)]
pub struct TaskPlan {
    pub title: String,
    pub description: String,
    pub contact: Option<Uuid>,
    pub lead: Option<Uuid>,
    /// `None`: the one who applies it.
    pub assignee: Option<Uuid>,
    pub priority: TaskPriority,
    pub due_at: DateTime<Utc>,
}

/// A recommendation and the tasks applying it creates.
#[derive(Debug, Clone)]
pub struct Draft {
    pub recommendation: Recommendation,
    pub tasks: Vec<TaskPlan>,
}

/// A source needs this many leads in the last 90 days to be compared.
pub const MIN_SOURCE_LEADS: u64 = 20;

/// Every recommendation as of `as_of`, hidden ones left out, highest priority first.
pub async fn compute(
    db: &impl ConnectionTrait,
    company: &Company,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Vec<Draft>> {
    let history = History::load(db, company, as_of).await?;
    let scored = segments::score(&history.sales, as_of);
    compute_from(db, company, as_of, now, &history, &scored).await
}

/// [`compute`] from the purchase history up to `as_of` and its buyers scored as of that day
/// (`segments::score`), both already at hand.
pub async fn compute_from(
    db: &impl ConnectionTrait,
    company: &Company,
    as_of: NaiveDate,
    now: DateTime<Utc>,
    history: &History,
    scored: &[CustomerRfm],
) -> ApiResult<Vec<Draft>> {
    let mut drafts = Vec::new();
    if as_of >= company.today {
        drafts.extend(reply::recommend(db, company, now).await?);
    }
    drafts.extend(win_back::recommend(db, company, as_of, history, scored).await?);
    drafts.extend(improve_source(db, company, as_of).await?);
    let hidden = state::hidden(db, company.tenant.0, now).await?;
    drafts.retain(|d| !hidden.contains(&d.recommendation.id));
    drafts.sort_by(|a, b| {
        b.recommendation
            .priority
            .cmp(&a.recommendation.priority)
            .then_with(|| a.recommendation.id.cmp(&b.recommendation.id))
    });
    for (rank, draft) in drafts.iter_mut().enumerate() {
        draft.recommendation.rank = rank as u32 + 1;
    }
    Ok(drafts)
}

/// The list as the API answers it.
pub async fn list(
    db: &impl ConnectionTrait,
    company: &Company,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Recommendations> {
    let items = compute(db, company, as_of, now)
        .await?
        .into_iter()
        .map(|d| d.recommendation)
        .collect();
    Ok(Recommendations { as_of, items })
}

/// "Leads from X convert at 3 % against 11 % from Y": the worst source of the last 90 days
/// against the best, when both have [`MIN_SOURCE_LEADS`] leads and the best converts at least
/// twice as well (and 5 points better).
async fn improve_source(db: &impl ConnectionTrait, company: &Company, as_of: NaiveDate) -> ApiResult<Option<Draft>> {
    let period = Period {
        from: as_of - Duration::days(89),
        to: as_of,
    };
    let sources: Vec<_> = sources::conversion(db, company, period)
        .await?
        .into_iter()
        .filter(|s| s.leads >= MIN_SOURCE_LEADS)
        .collect();
    let best = sources
        .iter()
        .max_by(|a, b| a.conversion.total_cmp(&b.conversion).then(b.source.cmp(&a.source)));
    let worst = sources
        .iter()
        .min_by(|a, b| a.conversion.total_cmp(&b.conversion).then(a.source.cmp(&b.source)));
    let (Some(best), Some(worst)) = (best, worst) else {
        return Ok(None);
    };
    let gap = best.conversion - worst.conversion;
    if best.source == worst.source || best.conversion < 2.0 * worst.conversion || gap < 0.05 {
        return Ok(None);
    }
    let ru = company.language == "ru";
    let (w, b) = (&worst.source, &best.source);
    let (wc, bc) = (percent(worst.conversion), percent(best.conversion));
    Ok(Some(Draft {
        recommendation: Recommendation {
            id: format!("improve_source:{w}"),
            kind: RecommendationKind::ImproveSource,
            rank: 0,
            priority: (30.0 + (100.0 * gap).min(40.0)).round() as u8,
            title: if ru {
                format!("Разберитесь с заявками из «{w}»")
            } else {
                format!("Look into the leads from “{w}”")
            },
            evidence: if ru {
                format!(
                    "За 90 дней заявки из «{w}» конвертируются в {wc} ({} из {}), а из «{b}» — в {bc} ({} из {}). Проверьте таргетинг и первый ответ в этом канале.",
                    worst.won, worst.leads, best.won, best.leads
                )
            } else {
                format!(
                    "Over 90 days leads from “{w}” convert at {wc} ({} of {}) against {bc} from “{b}” ({} of {}). Check that channel's targeting and first reply.",
                    worst.won, worst.leads, best.won, best.leads
                )
            },
            contact_ids: Vec::new(),
            lead_ids: Vec::new(),
            user_id: None,
            source: Some(w.clone()),
            action: None,
        },
        tasks: Vec::new(),
    }))
}
