//! Applying a recommendation (creating the tasks it proposes, in one transaction) or
//! dismissing it.

use std::collections::HashMap;

use sea_orm::TransactionTrait;
use uuid::Uuid;
use voronka_types::ai::AppliedRecommendation;
use voronka_types::tasks::TaskStatus;
use voronka_types::{Permission, TaskId, UserId};

use super::{Draft, compute, state};
use crate::ai::window::Company;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::tasks::{entity as task, fields, service as tasks};
use crate::validation::Checks;

async fn find(state: &AppState, company: &Company, id: &str) -> ApiResult<Draft> {
    compute(&state.db, company, company.today, clock::now())
        .await?
        .into_iter()
        .find(|d| d.recommendation.id == id)
        .ok_or(ApiError::NotFound("recommendation"))
}

/// Creates the recommendation's tasks (each for the manager of its contact or lead, else for
/// the caller) and hides it.
pub async fn apply(state: &AppState, by: &Principal, company: &Company, id: &str) -> ApiResult<AppliedRecommendation> {
    by.require(Permission::TasksWrite)?;
    let (caller, _) = by.require_user()?;
    let draft = find(state, company, id).await?;
    if draft.tasks.is_empty() {
        return Err(ApiError::conflict(
            "nothing_to_apply",
            None,
            "this recommendation is advice only: it creates no tasks",
        ));
    }
    let mut usable: HashMap<Uuid, bool> = HashMap::new();
    for assignee in draft.tasks.iter().filter_map(|t| t.assignee) {
        if let std::collections::hash_map::Entry::Vacant(slot) = usable.entry(assignee) {
            let mut checks = Checks::new();
            fields::check_assignee(&state.db, company.tenant, UserId(assignee), &mut checks).await?;
            slot.insert(checks.finish().is_ok());
        }
    }
    let now = clock::now();
    let txn = state.db.begin().await?;
    let mut task_ids = Vec::with_capacity(draft.tasks.len());
    for plan in &draft.tasks {
        let assignee = plan
            .assignee
            .filter(|a| usable.get(a).copied().unwrap_or(false))
            .unwrap_or(caller.0);
        let model = task::Model {
            id: TaskId::new().0,
            tenant_id: company.tenant.0,
            search_title: plan.title.to_lowercase(),
            title: plan.title.clone(),
            description: Some(plan.description.clone()),
            due_at: Some(plan.due_at),
            remind_at: None,
            priority: plan.priority.as_str().to_owned(),
            status: TaskStatus::Open.as_str().to_owned(),
            assignee_id: assignee,
            contact_id: plan.contact,
            lead_id: plan.lead,
            deal_id: None,
            completed_at: None,
            created_by: Some(caller.0),
            created_at: now,
            updated_at: now,
        };
        tasks::insert(&txn, state, by, &model).await?;
        task_ids.push(TaskId(model.id));
    }
    state::decide(&txn, company.tenant.0, id, "applied", Some(caller.0), now).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("recommendation.applied", "recommendation", Some(id.to_owned()))
            .after(serde_json::json!({"tasks": task_ids.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(AppliedRecommendation {
        id: id.to_owned(),
        task_ids,
    })
}

/// Hides the recommendation without acting on it.
pub async fn dismiss(state: &AppState, by: &Principal, company: &Company, id: &str) -> ApiResult<()> {
    find(state, company, id).await?;
    let txn = state.db.begin().await?;
    state::decide(
        &txn,
        company.tenant.0,
        id,
        "dismissed",
        by.user_id().map(|u| u.0),
        clock::now(),
    )
    .await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("recommendation.dismissed", "recommendation", Some(id.to_owned())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
