//! What the demo team leaves behind besides leads and deals: follow-up tasks on leads (most
//! done, some late, some still open) and a work session on each working day since a manager
//! started. The team's KPI and work time then have something to show. Pure, like
//! [`super::generate`]: the same seed and clock give the same rows.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rand::Rng;
use uuid::Uuid;
use voronka_types::tasks::{TaskPriority, TaskStatus};

use super::generate::{World, id_at};
use crate::leads::entity as lead;
use crate::tasks::entity as task;
use crate::worktime::entity::work_session;

/// A call-back task on two leads in five that have an owner: due 1–72 hours after the lead
/// came; of those already due, 85 % were completed (from two hours early to six hours late).
pub fn follow_up(rng: &mut impl Rng, world: &World, lead: &lead::Model) -> Option<task::Model> {
    let owner = lead.owner_id?;
    if !rng.random_bool(0.4) {
        return None;
    }
    let due = lead.created_at + Duration::minutes(rng.random_range(60..72 * 60));
    let completed_at = (due < world.now && rng.random_bool(0.85)).then(|| {
        let done = due + Duration::minutes(rng.random_range(-120..360));
        done.clamp(lead.created_at, world.now)
    });
    let status = if completed_at.is_some() {
        TaskStatus::Completed
    } else {
        TaskStatus::Open
    };
    let title = if world.russian {
        "Перезвонить клиенту"
    } else {
        "Call the customer back"
    };
    Some(task::Model {
        id: id_at(rng, lead.created_at),
        tenant_id: world.tenant,
        title: title.to_owned(),
        search_title: title.to_lowercase(),
        description: None,
        due_at: Some(due),
        remind_at: None,
        priority: TaskPriority::Normal.as_str().to_owned(),
        status: status.as_str().to_owned(),
        assignee_id: owner,
        contact_id: Some(lead.contact_id),
        lead_id: Some(lead.id),
        deal_id: None,
        completed_at,
        created_by: Some(owner),
        created_at: lead.created_at,
        updated_at: completed_at.unwrap_or(lead.created_at),
    })
}

/// `manager`'s work sessions from `since` to today in `zone`: one per weekday (one in twenty
/// missed), starting around 9:00 and ending around 18:00 local time; today's is still open.
pub fn work_sessions(
    rng: &mut impl Rng,
    world: &World,
    zone: Tz,
    manager: Uuid,
    since: NaiveDate,
) -> Vec<work_session::Model> {
    let today = world.now.with_timezone(&zone).date_naive();
    let at = |day: NaiveDate, minutes: i64| -> Option<DateTime<Utc>> {
        let local = day.and_hms_opt(0, 0, 0)? + Duration::minutes(minutes);
        Some(zone.from_local_datetime(&local).earliest()?.with_timezone(&Utc))
    };
    since
        .iter_days()
        .take_while(|day| *day <= today)
        .filter(|day| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
        .filter_map(|day| {
            if rng.random_bool(0.05) {
                return None;
            }
            let started_at = at(day, 9 * 60 + rng.random_range(-10..40))?;
            let ended_at = at(day, 18 * 60 + rng.random_range(-60..60))?;
            if started_at >= world.now {
                return None;
            }
            let last_seen_at = Ord::min(ended_at, world.now);
            Some(work_session::Model {
                id: id_at(rng, started_at),
                tenant_id: world.tenant,
                user_id: manager,
                day,
                started_at,
                last_seen_at,
                closed_at: (day < today).then_some(last_seen_at),
            })
        })
        .collect()
}
