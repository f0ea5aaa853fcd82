//! Importing contacts and leads from CSV or spreadsheet files, and the reports imports give.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ImportId, UserId};

/// What the rows of an imported file become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Contacts,
    Leads,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Contacts => "contacts",
            ImportKind::Leads => "leads",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ImportKind::Contacts, ImportKind::Leads]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where a background import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Stored, waiting for the background worker.
    Queued,
    /// Rows are being processed; `processed_rows` grows after each chunk.
    Running,
    /// Every row landed or was reported failed.
    Done,
    /// Stopped before the end (see `failure`); rows processed so far stay as they are.
    Failed,
}

impl ImportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportStatus::Queued => "queued",
            ImportStatus::Running => "running",
            ImportStatus::Done => "done",
            ImportStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ImportStatus::Queued,
            ImportStatus::Running,
            ImportStatus::Done,
            ImportStatus::Failed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Why one row of a file did not land.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    /// The row as a spreadsheet numbers it: the header is row 1.
    pub row: u64,
    /// The file's column the bad value came from, when it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The field as the API names it (`phones[0]`, `custom_fields.budget`, `stage`).
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The outcome of an import, row by row counted: each row is `created`, `updated`,
/// `duplicate` or `failed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Nothing was written: the counts say what an import would do.
    pub dry_run: bool,
    /// Data rows in the file (the header and blank rows not counted).
    pub total_rows: u64,
    /// Contacts: new contacts. Leads: new leads with a new contact.
    pub created: u64,
    /// Contacts only: the row matched an existing contact (by phone or e-mail) and added
    /// phones, e-mails or tags it lacked, or filled its empty city or custom fields.
    pub updated: u64,
    /// Contacts: the row matched an existing contact and brought nothing new (no second
    /// contact is made). Leads: a new lead linked to the existing contact its phone or e-mail
    /// matched, marked as a repeat request.
    pub duplicate: u64,
    pub failed: u64,
    /// The failed rows' reasons, in row order (the first 1,000).
    pub errors: Vec<ImportRowError>,
}

/// A file imported in the background (`202` from an import endpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Import {
    pub id: ImportId,
    pub kind: ImportKind,
    pub status: ImportStatus,
    pub file_name: Option<String>,
    /// Who started it (absent for an API key).
    pub created_by: Option<UserId>,
    /// Rows processed so far (of `report.total_rows`).
    pub processed_rows: u64,
    /// The counts so far; final once `status` is `done`.
    pub report: ImportReport,
    /// Why a `failed` import stopped.
    pub failure: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}
