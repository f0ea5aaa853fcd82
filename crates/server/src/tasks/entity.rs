//! The `tasks` table.

use sea_orm::entity::prelude::*;
use voronka_types::tasks::{Task, TaskPriority, TaskStatus};

use crate::clock;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub title: String,
    /// The title lower-cased here (Unicode-aware; SQLite's `lower()` only knows ASCII).
    pub search_title: String,
    pub description: Option<String>,
    pub due_at: Option<ChronoDateTimeUtc>,
    pub remind_at: Option<ChronoDateTimeUtc>,
    pub priority: String,
    pub status: String,
    pub assignee_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
    pub completed_at: Option<ChronoDateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> TaskStatus {
        TaskStatus::parse(&self.status).unwrap_or(TaskStatus::Open)
    }

    pub fn is_open(&self) -> bool {
        self.status() == TaskStatus::Open
    }
}

impl From<Model> for Task {
    fn from(m: Model) -> Self {
        let status = m.status();
        Self {
            id: m.id.into(),
            overdue: status == TaskStatus::Open && m.due_at.is_some_and(|due| due < clock::now()),
            title: m.title,
            description: m.description,
            due_at: m.due_at,
            remind_at: m.remind_at,
            priority: TaskPriority::parse(&m.priority).unwrap_or_default(),
            status,
            assignee_id: m.assignee_id.into(),
            contact_id: m.contact_id.map(Into::into),
            lead_id: m.lead_id.map(Into::into),
            deal_id: m.deal_id.map(Into::into),
            completed_at: m.completed_at,
            created_by: m.created_by.map(Into::into),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
