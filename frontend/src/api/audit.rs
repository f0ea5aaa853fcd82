//! `/audit-log`: who changed what, when.

use voronka_types::audit::AuditEntry;
use voronka_types::{Page, Problem};

use super::client::Call;

/// `GET /audit-log`: one page, newest first. `cursor` is the previous page's `next_cursor`.
pub async fn list_audit_log(cursor: Option<String>) -> Result<Page<AuditEntry>, Problem> {
    Call::get("/audit-log")
        .query("cursor", cursor)
        .query("limit", Some(50))
        .fetch()
        .await
}
