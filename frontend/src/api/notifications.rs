//! `/notifications`: the bell's count, the latest messages, marking them read.

use voronka_types::notifications::{MarkedRead, Notification, UnreadCount};
use voronka_types::{NotificationId, Page, Problem};

use super::client::Call;

/// `GET /notifications?limit=…`: the caller's latest notifications, newest first.
pub async fn latest(limit: u32) -> Result<Page<Notification>, Problem> {
    Call::get("/notifications").query("limit", Some(limit)).fetch().await
}

/// `GET /notifications/unread-count`.
pub async fn unread_count() -> Result<UnreadCount, Problem> {
    Call::get("/notifications/unread-count").fetch().await
}

/// `POST /notifications/{id}/read`.
pub async fn mark_read(id: NotificationId) -> Result<Notification, Problem> {
    Call::post(format!("/notifications/{id}/read")).fetch().await
}

/// `POST /notifications/read-all`.
pub async fn mark_all_read() -> Result<MarkedRead, Problem> {
    Call::post("/notifications/read-all").fetch().await
}
