//! Batches of customers or purchases: every item checked, the valid ones written in one
//! transaction (retried once if a concurrent request created the same external id first),
//! results in the order sent.

use std::future::Future;

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use voronka_types::purchases::{IngestCustomer, IngestItemResult, IngestPurchase, IngestStatus};
use voronka_types::{FieldError, Permission, TenantId};

use super::{customers, fields, purchases};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::entity::contact;
use crate::contacts::lookup;
use crate::error::{ApiError, ApiResult};
use crate::purchases::entity as purchase;
use crate::tenants;
use crate::validation::Checks;

/// One item: written (with what happened) or refused (with its errors, named as sent).
pub type Outcome<T> = Result<(T, IngestStatus), Vec<FieldError>>;

/// Runs `work` in a transaction; once more if it lost a race on a unique external id.
async fn in_transaction<T, F, Fut>(db: &DatabaseConnection, work: F) -> ApiResult<T>
where
    F: Fn(DatabaseTransaction) -> Fut,
    Fut: Future<Output = ApiResult<(T, DatabaseTransaction)>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = work(db.begin().await?).await;
        match result {
            Ok((value, txn)) => {
                txn.commit().await?;
                return Ok(value);
            }
            Err(ApiError::Conflict { code: "conflict", .. }) if attempt < 2 => continue,
            Err(error) => return Err(error),
        }
    }
}

/// Items checked one by one; repeated external ids refused after their first use.
fn checked<I, C>(
    items: Vec<I>,
    id_of: impl Fn(&I) -> &str,
    check: impl Fn(I) -> Result<C, Checks>,
) -> Vec<Result<C, Vec<FieldError>>> {
    let repeated = fields::duplicates_in_batch(items.iter().map(|i| Some(id_of(i).trim())));
    items
        .into_iter()
        .zip(repeated)
        .map(|(item, repeated)| {
            let mut result = check(item).map_err(Checks::into_errors);
            if repeated {
                let mut errors = result.err().unwrap_or_default();
                errors.push(fields::repeated("external_id"));
                result = Err(errors);
            }
            result
        })
        .collect()
}

/// Creates or updates customers by external id.
pub async fn customers(
    db: &DatabaseConnection,
    by: &Principal,
    items: Vec<IngestCustomer>,
) -> ApiResult<Vec<Outcome<contact::Model>>> {
    by.require(Permission::Ingest)?;
    let tenant = by.tenant()?;
    let now = clock::now();
    let region = lookup::region(db, tenant).await?;
    let checked = checked(items, |c| &c.external_id, |c| customers::check(c, region, now));
    in_transaction(db, |txn| {
        let checked = checked.clone();
        async move {
            let mut out = Vec::with_capacity(checked.len());
            for item in checked {
                out.push(match item {
                    Ok(customer) => Ok(customers::upsert(&txn, by, tenant, customer, now).await?),
                    Err(errors) => Err(errors),
                });
            }
            Ok((out, txn))
        }
    })
    .await
}

/// Creates or updates purchases by external id, buyers made as stubs when unknown.
pub async fn purchases(
    db: &DatabaseConnection,
    by: &Principal,
    items: Vec<IngestPurchase>,
) -> ApiResult<Vec<Outcome<purchase::Model>>> {
    by.require(Permission::Ingest)?;
    let tenant: TenantId = by.tenant()?;
    let now = clock::now();
    let currency = tenants::service::currency(db, tenant).await?;
    let checked = checked(items, |p| &p.external_id, |p| purchases::check(p, &currency, now));
    in_transaction(db, |txn| {
        let valid: Vec<purchases::CheckedPurchase> = checked.iter().filter_map(|c| c.as_ref().ok().cloned()).collect();
        async move {
            let written = if valid.is_empty() {
                Vec::new()
            } else {
                purchases::write(&txn, by, tenant, valid, now).await?
            };
            Ok((written, txn))
        }
    })
    .await
    .map(|written| {
        let mut written = written.into_iter();
        checked
            .into_iter()
            .map(|c| match c {
                Ok(_) => written.next().ok_or_else(Vec::new),
                Err(errors) => Err(errors),
            })
            .collect()
    })
}

/// The per-item results of a batch, errors renamed `items[<index>].<field>`.
pub fn results<T>(
    outcomes: Vec<Outcome<T>>,
    describe: impl Fn(&T) -> (uuid::Uuid, Option<voronka_types::ContactId>, String),
    external_ids: Vec<String>,
) -> voronka_types::purchases::IngestBatchResult {
    let mut summary = voronka_types::purchases::IngestBatchResult {
        created: 0,
        updated: 0,
        failed: 0,
        results: Vec::with_capacity(outcomes.len()),
    };
    for (index, (outcome, sent_id)) in outcomes.into_iter().zip(external_ids).enumerate() {
        let result = match outcome {
            Ok((model, status)) => {
                let (id, contact_id, external_id) = describe(&model);
                match status {
                    IngestStatus::Created => summary.created += 1,
                    _ => summary.updated += 1,
                }
                IngestItemResult {
                    index,
                    status,
                    external_id: Some(external_id),
                    id: Some(id),
                    contact_id,
                    errors: Vec::new(),
                }
            }
            Err(errors) => {
                summary.failed += 1;
                IngestItemResult {
                    index,
                    status: IngestStatus::Failed,
                    external_id: Some(sent_id).filter(|s| !s.trim().is_empty()),
                    id: None,
                    contact_id: None,
                    errors: fields::in_batch(index, errors),
                }
            }
        };
        summary.results.push(result);
    }
    summary
}
