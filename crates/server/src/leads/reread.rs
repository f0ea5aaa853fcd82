//! A lead's message read again by the company's LLM, in the background (job `leads.reread`).
//!
//! A lead that arrives with a message (a form, a messenger, the API) and every inbound message
//! is classified by the rules in the transaction that stores it, so nothing waits for a model.
//! When the server has an LLM configured, the same transaction queues this job: it asks the LLM
//! (within the company's switch and monthly budget, falling back silently to the rules' reading
//! already stored), and when the LLM answered it sets the lead's intent from the merged reading,
//! fills the fields nobody gave (never overwriting one) and rescores the lead. A newer message
//! queued its own job, so a job whose message is no longer the lead's last does nothing.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;
use voronka_types::TenantId;
use voronka_types::ai::LeadClassification;

use super::entity::{self, Column, Entity as Leads};
use crate::custom_fields::values;
use crate::error::ApiResult;
use crate::jobs::{self, Job, JobError, NewJob};
use crate::startup::AppState;
use crate::{ai, clock, leads};

pub const JOB_KIND: &str = "leads.reread";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    lead_id: Uuid,
    /// The message read, to tell whether a newer one has arrived since.
    message: String,
}

/// Queues the reading of `message`, the lead's newest inbound one, when the server has an LLM.
pub async fn queue(state: &AppState, db: &impl ConnectionTrait, lead: &entity::Model, message: &str) -> ApiResult<()> {
    if state.llm.is_none() {
        return Ok(());
    }
    let payload = json!(Payload {
        lead_id: lead.id,
        message: message.to_owned(),
    });
    jobs::enqueue(
        db,
        NewJob::new(JOB_KIND, Some(TenantId(lead.tenant_id)), payload, clock::now()).max_attempts(3),
    )
    .await?;
    Ok(())
}

/// Runs a `leads.reread` job.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let Some(lead) = current(&state.db, &payload).await? else {
        return Ok(());
    };
    let tenant = TenantId(lead.tenant_id);
    let reading = ai::classify::classify_text(state.llm.as_ref(), &state.db, tenant, &payload.message).await?;
    if let Some(status) = &reading.llm_status {
        tracing::debug!(lead_id = %lead.id, status, "the rules' reading stays");
        return Ok(());
    }
    let txn = state.db.begin().await?;
    let Some(lead) = current(&txn, &payload).await? else {
        return Ok(());
    };
    let lead = apply(&txn, lead, reading).await?;
    leads::scoring::rescore_one(&txn, lead, clock::now()).await?;
    txn.commit().await?;
    Ok(())
}

/// The lead while `payload.message` is still its last inbound message.
async fn current(db: &impl ConnectionTrait, payload: &Payload) -> ApiResult<Option<entity::Model>> {
    Ok(Leads::find()
        .filter(Column::Id.eq(payload.lead_id))
        .one(db)
        .await?
        .filter(|lead| lead.last_inbound_message.as_deref() == Some(payload.message.as_str())))
}

/// Sets the intent read and fills the city and qualification fields the lead has no value in.
async fn apply(
    db: &impl ConnectionTrait,
    lead: entity::Model,
    reading: LeadClassification,
) -> ApiResult<entity::Model> {
    let tenant = TenantId(lead.tenant_id);
    let current = values::from_column(&lead.custom_fields);
    let found = leads::enrich::fill(
        db,
        tenant,
        reading.extracted.city,
        reading.extracted.custom_fields,
        lead.city.is_some(),
        &current,
    )
    .await?;
    let mut active: entity::ActiveModel = lead.clone().into();
    active.intent = Set(Some(reading.intent.as_str().to_owned()));
    found.write(db, &lead, current, &mut active).await?;
    active.updated_at = Set(clock::now());
    Ok(active.update(db).await?)
}
