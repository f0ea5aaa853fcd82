//! Landing rows: each row goes through the contacts or leads service (the API's own checks)
//! inside a savepoint of the caller's transaction, so it either lands whole or is rolled back
//! and reported failed with its row number, column, field and reason.

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::Map;
use voronka_types::contacts::{Contact, CreateContact, UpdateContact};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::imports::{ImportKind, ImportReport, ImportRowError};
use voronka_types::leads::CreateLead;
use voronka_types::pipelines::PipelineKind;
use voronka_types::{FieldError, Permission};

use super::file::SheetRow;
use super::mapping::Mapping;
use super::requests;
use crate::auth::principal::Principal;
use crate::contacts;
use crate::custom_fields::values;
use crate::error::{ApiError, ApiResult};
use crate::leads;
use crate::pipelines::entity::pipeline::{self, Entity as Pipelines};
use crate::pipelines::entity::stage;
use crate::startup::AppState;

/// The most row errors a report keeps (the counts stay exact).
pub const MAX_ERRORS: usize = 1_000;

/// Everything needed to land rows of one file for one principal.
pub struct Importer<'a> {
    pub state: &'a AppState,
    pub by: &'a Principal,
    pub kind: ImportKind,
    pub mapping: Mapping,
    /// The stages of the default lead pipeline (for a `stage` column).
    pub stages: Vec<stage::Model>,
}

/// The permission to write what `kind` imports.
pub fn write_permission(kind: ImportKind) -> Permission {
    match kind {
        ImportKind::Contacts => Permission::ContactsWrite,
        ImportKind::Leads => Permission::LeadsWrite,
    }
}

/// 403 unless `by` may import `kind`.
pub fn require(by: &Principal, kind: ImportKind) -> ApiResult<()> {
    by.require(Permission::ImportExport)?;
    by.require(write_permission(kind))
}

impl<'a> Importer<'a> {
    /// Checks `raw_mapping` against the file's `headers` and the company's fields (422 naming
    /// `mapping.<header>`), and loads what rows need.
    pub async fn new(
        state: &'a AppState,
        by: &'a Principal,
        kind: ImportKind,
        raw_mapping: &Map<String, serde_json::Value>,
        headers: &[String],
    ) -> ApiResult<Importer<'a>> {
        require(by, kind)?;
        let tenant = by.tenant()?;
        let entity = match kind {
            ImportKind::Contacts => CustomFieldEntity::Contact,
            ImportKind::Leads => CustomFieldEntity::Lead,
        };
        let fields = values::columns(&state.db, tenant, entity).await?;
        let mapping = super::mapping::resolve(kind, raw_mapping, headers, fields)?;
        let stages = match kind {
            ImportKind::Leads => {
                let default = Pipelines::find()
                    .filter(pipeline::Column::TenantId.eq(tenant.0))
                    .filter(pipeline::Column::Kind.eq(PipelineKind::Lead.as_str()))
                    .filter(pipeline::Column::IsDefault.eq(true))
                    .one(&state.db)
                    .await?;
                match default {
                    Some(p) => crate::pipelines::service::stages(&state.db, p.id).await?,
                    None => Vec::new(),
                }
            }
            ImportKind::Contacts => Vec::new(),
        };
        Ok(Importer {
            state,
            by,
            kind,
            mapping,
            stages,
        })
    }

    /// Lands `rows` inside `txn`, one savepoint each, counting into `tally`. Only a database
    /// failure stops it (the caller's transaction then holds nothing of this call to keep).
    pub async fn land(&self, txn: &DatabaseTransaction, rows: &[SheetRow], tally: &mut Tally) -> ApiResult<()> {
        for row in rows {
            let savepoint = txn.begin().await?;
            let (outcome, columns) = match self.kind {
                ImportKind::Contacts => {
                    let prepared = requests::contact_row(&self.mapping, &row.cells);
                    let outcome = match prepared.errors.is_empty() {
                        true => settle(land_contact(self, &savepoint, prepared.request).await),
                        false => Ok(Outcome::Failed(prepared.errors)),
                    };
                    (outcome, prepared.columns)
                }
                ImportKind::Leads => {
                    let prepared = requests::lead_row(&self.mapping, &self.stages, &row.cells);
                    let outcome = match prepared.errors.is_empty() {
                        true => settle(land_lead(self, &savepoint, prepared.request).await),
                        false => Ok(Outcome::Failed(prepared.errors)),
                    };
                    (outcome, prepared.columns)
                }
            };
            match outcome {
                Ok(Outcome::Failed(_)) | Err(_) => savepoint.rollback().await?,
                Ok(_) => savepoint.commit().await?,
            }
            tally.count(row.number, outcome?, &columns);
        }
        Ok(())
    }
}

/// A row's validation failures and conflicts are its own; anything else stops the import.
fn settle(result: ApiResult<Outcome>) -> ApiResult<Outcome> {
    match result {
        Err(ApiError::Validation(errors)) => Ok(Outcome::Failed(errors)),
        Err(ApiError::Conflict { code, field, detail }) => Ok(Outcome::Failed(vec![FieldError::new(
            field.unwrap_or("row"),
            code,
            detail,
        )])),
        other => other,
    }
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Duplicate,
    Failed(Vec<FieldError>),
}

/// A contact row: a new contact, or, when its phone or e-mail matches an existing contact, the
/// phones, e-mails and tags it lacks and its empty city and custom fields filled in (only for
/// a contact the importer may see; otherwise, and when nothing is new, a duplicate).
async fn land_contact(importer: &Importer<'_>, db: &DatabaseTransaction, req: CreateContact) -> ApiResult<Outcome> {
    let by = importer.by;
    let model = contacts::service::check_new(db, by, req).await?;
    let row = Contact::from(model.clone());
    let Some(existing) = contacts::service::find_by_identities(db, by.tenant()?, &row.phones, &row.emails).await?
    else {
        contacts::service::insert(db, by, model).await?;
        return Ok(Outcome::Created);
    };
    let existing = Contact::from(existing);
    let Some(additions) = additions(&existing, &row) else {
        return Ok(Outcome::Duplicate);
    };
    if contacts::service::find_model(db, by, existing.id).await?.is_none() {
        return Ok(Outcome::Duplicate);
    }
    contacts::service::update_in(db, by, existing.id, additions).await?;
    Ok(Outcome::Updated)
}

/// What `row` adds to `existing`, if anything.
fn additions(existing: &Contact, row: &Contact) -> Option<UpdateContact> {
    let mut update = UpdateContact::default();
    let new_phones: Vec<String> = row
        .phones
        .iter()
        .filter(|p| !existing.phones.iter().any(|e| e.e164 == p.e164))
        .map(|p| p.raw.clone())
        .collect();
    if !new_phones.is_empty() {
        let mut all: Vec<String> = existing.phones.iter().map(|p| p.raw.clone()).collect();
        all.extend(new_phones);
        update.phones = Some(all);
    }
    let new_emails: Vec<&String> = row.emails.iter().filter(|e| !existing.emails.contains(e)).collect();
    if !new_emails.is_empty() {
        update.emails = Some(existing.emails.iter().chain(new_emails).cloned().collect());
    }
    let new_tags: Vec<&String> = row
        .tags
        .iter()
        .filter(|t| !existing.tags.iter().any(|e| e.to_lowercase() == t.to_lowercase()))
        .collect();
    if !new_tags.is_empty() {
        update.tags = Some(existing.tags.iter().chain(new_tags).cloned().collect());
    }
    if existing.city.is_none() && row.city.is_some() {
        update.city = Some(row.city.clone());
    }
    let new_values: Map<String, serde_json::Value> = row
        .custom_fields
        .iter()
        .filter(|(key, _)| !existing.custom_fields.contains_key(*key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if !new_values.is_empty() {
        update.custom_fields = Some(new_values);
    }
    (update != UpdateContact::default()).then_some(update)
}

/// A lead row: always a new lead; one whose contact matched an existing contact is a repeat
/// request (counted as a duplicate).
async fn land_lead(importer: &Importer<'_>, db: &DatabaseTransaction, req: CreateLead) -> ApiResult<Outcome> {
    let lead = leads::service::create_in(db, importer.state, importer.by, req).await?;
    Ok(if lead.repeat {
        Outcome::Duplicate
    } else {
        Outcome::Created
    })
}

/// Counts of rows processed, and the first [`MAX_ERRORS`] row errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub created: u64,
    pub updated: u64,
    pub duplicate: u64,
    pub failed: u64,
    pub errors: Vec<ImportRowError>,
}

impl Tally {
    /// The counts of a report (an import's stored progress) to go on from.
    pub fn from_report(report: &ImportReport) -> Self {
        Self {
            created: report.created,
            updated: report.updated,
            duplicate: report.duplicate,
            failed: report.failed,
            errors: report.errors.clone(),
        }
    }

    pub fn processed(&self) -> u64 {
        self.created + self.updated + self.duplicate + self.failed
    }

    fn count(&mut self, row: u64, outcome: Outcome, columns: &[(String, String)]) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Failed(errors) => {
                self.failed += 1;
                for error in errors {
                    if self.errors.len() >= MAX_ERRORS {
                        break;
                    }
                    self.errors.push(ImportRowError {
                        row,
                        column: requests::column_of(columns, &error.field),
                        field: error.field,
                        code: error.code,
                        message: error.message,
                    });
                }
            }
        }
    }

    /// The report of `total_rows` rows with these counts.
    pub fn report(&self, dry_run: bool, total_rows: u64) -> ImportReport {
        ImportReport {
            dry_run,
            total_rows,
            created: self.created,
            updated: self.updated,
            duplicate: self.duplicate,
            failed: self.failed,
            errors: self.errors.clone(),
        }
    }
}

/// Lands `rows` in transactions of `chunk` rows each, committed one after another; with
/// `dry_run` everything runs in one transaction that is rolled back, so the report also sees
/// repeats between rows of the file.
pub async fn land_all(importer: &Importer<'_>, rows: &[SheetRow], chunk: usize, dry_run: bool) -> ApiResult<Tally> {
    let db = &importer.state.db;
    let mut tally = Tally::default();
    if dry_run {
        let txn = db.begin().await?;
        importer.land(&txn, rows, &mut tally).await?;
        txn.rollback().await?;
        return Ok(tally);
    }
    for part in rows.chunks(chunk.max(1)) {
        let txn = db.begin().await?;
        importer.land(&txn, part, &mut tally).await?;
        txn.commit().await?;
    }
    Ok(tally)
}
