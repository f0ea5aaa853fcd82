//! Tasks: create, read, change, complete, reopen and delete, within the caller's row scope.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Select, Set, TransactionTrait,
};
use serde_json::json;
use voronka_types::tasks::{CreateTask, Task, TaskStatus, UpdateTask};
use voronka_types::{FieldError, Permission, TaskId, TenantId, UserId};

use super::entity::{self, Column, Entity as Tasks};
use super::fields::{self, MAX_TITLE_CHARS};
use super::{dates, overdue, reminders};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::{Actor, Principal};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, NewNotification};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::validation::{self, Checks};

/// Everything, or only tasks assigned to or created by the caller.
pub(super) fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    RowScope::of(by, Permission::TasksReadAll, Permission::TasksReadOwn)
}

/// The caller's tenant's tasks that the caller may see.
pub(super) fn visible(by: &Principal) -> ApiResult<Select<Tasks>> {
    let mut query = Tasks::find().filter(Column::TenantId.eq(by.tenant()?.0));
    if let Some(me) = read_scope(by)?.owner() {
        query = query.filter(
            Condition::any()
                .add(Column::AssigneeId.eq(me.0))
                .add(Column::CreatedBy.eq(me.0)),
        );
    }
    Ok(query)
}

/// A task the caller may see, or 404.
async fn find_visible(db: &impl ConnectionTrait, by: &Principal, id: TaskId) -> ApiResult<entity::Model> {
    visible(by)?
        .filter(Column::Id.eq(id.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("task"))
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: TaskId) -> ApiResult<Task> {
    Ok(find_visible(db, by, id).await?.into())
}

fn audit_view(m: &entity::Model) -> serde_json::Value {
    json!({
        "title": m.title, "description": m.description, "due_at": m.due_at, "remind_at": m.remind_at,
        "priority": m.priority, "status": m.status, "assignee_id": m.assignee_id, "contact_id": m.contact_id,
        "lead_id": m.lead_id, "deal_id": m.deal_id,
    })
}

fn actor_name(by: &Principal) -> &str {
    match &by.actor {
        Actor::User { name, .. } | Actor::ApiKey { name, .. } | Actor::Form { name, .. } => name,
    }
}

/// Tells `task`'s assignee it is theirs now, unless they gave it to themselves.
async fn notify_assignee(
    db: &impl ConnectionTrait,
    state: &AppState,
    by: &Principal,
    task: &entity::Model,
) -> ApiResult<()> {
    let assignee = UserId(task.assignee_id);
    if by.user_id() == Some(assignee) {
        return Ok(());
    }
    let tenant = TenantId(task.tenant_id);
    let mut body = format!("{} assigned this task to you.", actor_name(by));
    if let Some(due) = task.due_at {
        let zone = dates::tenant_zone(db, tenant).await?;
        body.push_str(&format!(" Due {}.", dates::local_time(zone, due)));
    }
    notifications::notify(
        db,
        Some(&state.mailer),
        NewNotification {
            tenant,
            user: assignee,
            kind: "task.assigned",
            title: format!("New task: {}", task.title),
            body,
            entity_type: "task",
            entity_id: Some(task.id),
        },
    )
    .await?;
    Ok(())
}

pub async fn create(state: &AppState, by: &Principal, req: CreateTask) -> ApiResult<Task> {
    by.require(Permission::TasksWrite)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let title = checks.take(validation::text("title", &req.title, MAX_TITLE_CHARS));
    let description = fields::description(&mut checks, req.description.as_deref());
    let (due_at, remind_at) = (fields::stored_time(req.due_at), fields::stored_time(req.remind_at));
    fields::check_reminder(&mut checks, due_at, remind_at, "remind_at");
    let assignee = req.assignee_id.or(by.user_id());
    match assignee {
        Some(assignee) => fields::check_assignee(&state.db, tenant, assignee, &mut checks).await?,
        None => checks.push(FieldError::new(
            "assignee_id",
            "required",
            "name the user the task is for",
        )),
    }
    if let Some(contact) = req.contact_id {
        fields::check_contact(&state.db, by, contact, &mut checks).await?;
    }
    if let Some(lead) = req.lead_id {
        fields::check_lead(&state.db, by, lead, &mut checks).await?;
    }
    if let Some(deal) = req.deal_id {
        fields::check_deal(&state.db, by, deal, &mut checks).await?;
    }
    checks.finish()?;
    let (Some(title), Some(assignee)) = (title, assignee) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked task fields went missing")));
    };
    let now = clock::now();
    let model = entity::Model {
        id: TaskId::new().0,
        tenant_id: tenant.0,
        search_title: title.to_lowercase(),
        title,
        description,
        due_at,
        remind_at,
        priority: req.priority.unwrap_or_default().as_str().to_owned(),
        status: TaskStatus::Open.as_str().to_owned(),
        assignee_id: assignee.0,
        contact_id: req.contact_id.map(|c| c.0),
        lead_id: req.lead_id.map(|l| l.0),
        deal_id: req.deal_id.map(|d| d.0),
        completed_at: None,
        created_by: by.user_id().map(|u| u.0),
        created_at: now,
        updated_at: now,
    };
    let txn = state.db.begin().await?;
    insert(&txn, state, by, &model).await?;
    txn.commit().await?;
    Ok(model.into())
}

/// Stores a checked task in the caller's transaction: schedules its reminder and overdue
/// notice, tells the assignee, audits it.
pub async fn insert(
    db: &impl ConnectionTrait,
    state: &AppState,
    by: &Principal,
    model: &entity::Model,
) -> ApiResult<()> {
    Tasks::insert(entity::ActiveModel::from(model.clone()))
        .exec_without_returning(db)
        .await?;
    reminders::schedule(db, model).await?;
    overdue::schedule(db, model).await?;
    notify_assignee(db, state, by, model).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("task.created", "task", Some(model.id.to_string())).after(audit_view(model)),
    )
    .await
}

pub async fn update(state: &AppState, by: &Principal, id: TaskId, req: UpdateTask) -> ApiResult<Task> {
    by.require(Permission::TasksWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    let mut checks = Checks::new();
    let mut active: entity::ActiveModel = current.clone().into();
    if let Some(title) = req
        .title
        .as_deref()
        .and_then(|t| checks.take(validation::text("title", t, MAX_TITLE_CHARS)))
    {
        active.search_title = Set(title.to_lowercase());
        active.title = Set(title);
    }
    if let Some(description) = &req.description {
        active.description = Set(fields::description(&mut checks, description.as_deref()));
    }
    let due_at = req.due_at.map(fields::stored_time).unwrap_or(current.due_at);
    let remind_at = req.remind_at.map(fields::stored_time).unwrap_or(current.remind_at);
    let changed_field = if req.remind_at.is_some() { "remind_at" } else { "due_at" };
    fields::check_reminder(&mut checks, due_at, remind_at, changed_field);
    active.due_at = Set(due_at);
    active.remind_at = Set(remind_at);
    if let Some(priority) = req.priority {
        active.priority = Set(priority.as_str().to_owned());
    }
    if let Some(assignee) = req.assignee_id {
        fields::check_assignee(&txn, tenant, assignee, &mut checks).await?;
        active.assignee_id = Set(assignee.0);
    }
    if let Some(contact) = req.contact_id {
        if let Some(contact) = contact {
            fields::check_contact(&txn, by, contact, &mut checks).await?;
        }
        active.contact_id = Set(contact.map(|c| c.0));
    }
    if let Some(lead) = req.lead_id {
        if let Some(lead) = lead {
            fields::check_lead(&txn, by, lead, &mut checks).await?;
        }
        active.lead_id = Set(lead.map(|l| l.0));
    }
    if let Some(deal) = req.deal_id {
        if let Some(deal) = deal {
            fields::check_deal(&txn, by, deal, &mut checks).await?;
        }
        active.deal_id = Set(deal.map(|d| d.0));
    }
    checks.finish()?;
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    if updated.remind_at.is_some() && updated.remind_at != current.remind_at {
        reminders::schedule(&txn, &updated).await?;
    }
    if updated.due_at.is_some() && updated.due_at != current.due_at {
        overdue::schedule(&txn, &updated).await?;
    }
    if updated.assignee_id != current.assignee_id {
        notify_assignee(&txn, state, by, &updated).await?;
    }
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("task.updated", "task", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated.into())
}

/// Completes or reopens a task; doing it twice changes nothing the second time.
pub async fn set_status(state: &AppState, by: &Principal, id: TaskId, status: TaskStatus) -> ApiResult<Task> {
    by.require(Permission::TasksWrite)?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    if current.status() == status {
        return Ok(current.into());
    }
    let now = clock::now();
    let mut active: entity::ActiveModel = current.clone().into();
    active.status = Set(status.as_str().to_owned());
    active.completed_at = Set((status == TaskStatus::Completed).then_some(now));
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    // A task reopened after its due time is overdue at once (a pending check covers the rest).
    if status == TaskStatus::Open && updated.due_at.is_some_and(|due| due <= now) {
        overdue::schedule(&txn, &updated).await?;
    }
    let action = match status {
        TaskStatus::Completed => "task.completed",
        TaskStatus::Open => "task.reopened",
    };
    audit::record(
        &txn,
        by,
        AuditEvent::new(action, "task", Some(current.id.to_string()))
            .before(audit_view(&current))
            .after(audit_view(&updated)),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// Deletes a task; its pending reminder finds nothing and does nothing.
pub async fn delete(state: &AppState, by: &Principal, id: TaskId) -> ApiResult<()> {
    by.require(Permission::TasksWrite)?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    Tasks::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("task.deleted", "task", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
