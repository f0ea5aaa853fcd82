//! In-app notifications: messages to one user, such as a task reminder or an assignment.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::NotificationId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: NotificationId,
    /// What happened, e.g. `task.reminder`, `task.assigned`.
    pub kind: String,
    pub title: String,
    pub body: String,
    /// The kind of object it is about, e.g. `task`.
    pub entity_type: String,
    /// The object it is about (a task id for `entity_type = "task"`).
    pub entity_id: Option<Uuid>,
    /// Absent while unread.
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// `GET /api/v1/notifications/unread-count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// `POST /api/v1/notifications/read-all`: how many were unread until now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkedRead {
    pub marked: u64,
}
