//! One time-ordered feed per lead, deal or contact, gathered from notes, messages, stage
//! moves, the audit log (field changes) and tasks. Each source contributes at most its latest
//! `PER_SOURCE` entries; the feed is merged newest first and paged with an opaque cursor.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use voronka_types::audit::AuditEntry;
use voronka_types::timeline::{TimelineEvent, TimelineItem};
use voronka_types::{ContactId, DealId, LeadId, Page, TenantId};

use crate::audit::entity::{Column as AuditColumn, Entity as AuditLog};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::messages::entity::{Column as MessageColumn, Entity as Messages};
use crate::notes::entity::{Column as NoteColumn, Entity as Notes};
use crate::pipelines::entity::stage_change::{Column as ChangeColumn, Entity as StageChanges};
use crate::tasks::entity::{Column as TaskColumn, Entity as Tasks};
use crate::{contacts, deals, leads};

/// The most entries read from each source for one feed.
pub const PER_SOURCE: u64 = 1_000;

/// The records whose story a feed tells.
#[derive(Debug, Default)]
struct Records {
    leads: Vec<Uuid>,
    deals: Vec<Uuid>,
    contacts: Vec<Uuid>,
}

impl Records {
    fn kind_of(&self, id: Uuid) -> &'static str {
        if self.leads.contains(&id) {
            "lead"
        } else if self.deals.contains(&id) {
            "deal"
        } else {
            "contact"
        }
    }
}

pub async fn for_lead(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: LeadId,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<TimelineItem>> {
    let lead = leads::service::find_visible(db, by, id).await?;
    let records = Records {
        leads: vec![lead.id],
        ..Default::default()
    };
    feed(db, by.tenant()?, &records, cursor, limit).await
}

pub async fn for_deal(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: DealId,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<TimelineItem>> {
    let deal = deals::service::find_visible(db, by, id).await?;
    let records = Records {
        deals: vec![deal.id],
        ..Default::default()
    };
    feed(db, by.tenant()?, &records, cursor, limit).await
}

/// A contact's story includes what happened on its leads and deals.
pub async fn for_contact(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: ContactId,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<TimelineItem>> {
    let contact = contacts::service::find_model(db, by, id)
        .await?
        .ok_or(ApiError::NotFound("contact"))?;
    let leads: Vec<Uuid> = leads::entity::Entity::find()
        .select_only()
        .column(leads::entity::Column::Id)
        .filter(leads::entity::Column::ContactId.eq(contact.id))
        .into_tuple()
        .all(db)
        .await?;
    let deals: Vec<Uuid> = deals::entity::Entity::find()
        .select_only()
        .column(deals::entity::Column::Id)
        .filter(deals::entity::Column::ContactId.eq(contact.id))
        .into_tuple()
        .all(db)
        .await?;
    let records = Records {
        leads,
        deals,
        contacts: vec![contact.id],
    };
    feed(db, by.tenant()?, &records, cursor, limit).await
}

/// Where a page starts: after the entry with this time and key.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Cursor {
    at: DateTime<Utc>,
    key: String,
}

fn invalid_cursor() -> ApiError {
    ApiError::field("cursor", "invalid_cursor", "the cursor is not one this API gave out")
}

fn decode(cursor: &str) -> ApiResult<Cursor> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid_cursor())?;
    serde_json::from_slice(&bytes).map_err(|_| invalid_cursor())
}

fn encode(at: DateTime<Utc>, key: &str) -> String {
    let cursor = Cursor {
        at,
        key: key.to_owned(),
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor).unwrap_or_default())
}

async fn feed(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    records: &Records,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<TimelineItem>> {
    let after = cursor.map(decode).transpose()?;
    let mut entries = gather(db, tenant, records).await?;
    entries.sort_by(|a, b| (b.1.at, &b.0).cmp(&(a.1.at, &a.0)));
    let total = entries.len() as u64;
    let start = match &after {
        Some(c) => entries
            .iter()
            .position(|(key, item)| (item.at, key) < (c.at, &c.key))
            .unwrap_or(entries.len()),
        None => 0,
    };
    let page: Vec<(String, TimelineItem)> = entries.into_iter().skip(start).take(limit as usize + 1).collect();
    let next_cursor = (page.len() as u64 > limit)
        .then(|| page.get(limit as usize - 1).map(|(key, item)| encode(item.at, key)))
        .flatten();
    Ok(Page {
        items: page.into_iter().take(limit as usize).map(|(_, item)| item).collect(),
        next_cursor,
        total,
    })
}

fn item(
    at: DateTime<Utc>,
    actor: Option<Uuid>,
    record_type: &str,
    record_id: Uuid,
    event: TimelineEvent,
) -> TimelineItem {
    TimelineItem {
        at,
        actor_id: actor.map(Into::into),
        record_type: record_type.to_owned(),
        record_id,
        event,
    }
}

/// Every entry of the feed with a unique sort key (source and id).
async fn gather(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    records: &Records,
) -> ApiResult<Vec<(String, TimelineItem)>> {
    let mut out = Vec::new();
    let all: Vec<Uuid> = records
        .leads
        .iter()
        .chain(&records.deals)
        .chain(&records.contacts)
        .copied()
        .collect();

    let notes = Notes::find()
        .filter(NoteColumn::TenantId.eq(tenant.0))
        .filter(
            Condition::any()
                .add(NoteColumn::LeadId.is_in(records.leads.clone()))
                .add(NoteColumn::DealId.is_in(records.deals.clone()))
                .add(NoteColumn::ContactId.is_in(records.contacts.clone())),
        )
        .order_by(NoteColumn::CreatedAt, Order::Desc)
        .limit(PER_SOURCE)
        .all(db)
        .await?;
    for note in notes {
        let record = note.lead_id.or(note.deal_id).or(note.contact_id).unwrap_or_default();
        let key = format!("note:{}", note.id);
        let (at, actor) = (note.created_at, note.author_id);
        let event = TimelineEvent::Note { note: note.into() };
        out.push((key, item(at, actor, records.kind_of(record), record, event)));
    }

    let messages = Messages::find()
        .filter(MessageColumn::TenantId.eq(tenant.0))
        .filter(
            Condition::any()
                .add(MessageColumn::LeadId.is_in(records.leads.clone()))
                .add(MessageColumn::ContactId.is_in(records.contacts.clone())),
        )
        .order_by(MessageColumn::SentAt, Order::Desc)
        .limit(PER_SOURCE)
        .all(db)
        .await?;
    for message in messages {
        let key = format!("message:{}", message.id);
        let (at, actor, lead) = (message.sent_at, message.author_id, message.lead_id);
        let event = TimelineEvent::Message {
            message: message.into(),
        };
        out.push((key, item(at, actor, "lead", lead, event)));
    }

    let changes = StageChanges::find()
        .filter(ChangeColumn::TenantId.eq(tenant.0))
        .filter(ChangeColumn::RecordId.is_in(all.clone()))
        .order_by(ChangeColumn::Id, Order::Desc)
        .limit(PER_SOURCE)
        .all(db)
        .await?;
    for change in changes {
        let key = format!("stage:{:020}", change.id);
        let event = TimelineEvent::StageChange {
            from_stage_id: change.from_stage_id.map(Into::into),
            to_stage_id: change.to_stage_id.into(),
        };
        out.push((
            key,
            item(
                change.changed_at,
                change.actor_id,
                &change.entity,
                change.record_id,
                event,
            ),
        ));
    }

    let ids: Vec<String> = all.iter().map(Uuid::to_string).collect();
    let audit = AuditLog::find()
        .filter(AuditColumn::TenantId.eq(tenant.0))
        .filter(AuditColumn::EntityType.is_in(["lead", "deal", "contact"]))
        .filter(AuditColumn::EntityId.is_in(ids))
        .order_by(AuditColumn::CreatedAt, Order::Desc)
        .limit(PER_SOURCE)
        .all(db)
        .await?;
    for entry in audit {
        let record: Uuid = entry
            .entity_id
            .as_deref()
            .and_then(|id| id.parse().ok())
            .unwrap_or_default();
        let key = format!("audit:{}", entry.id);
        let entry = AuditEntry::from(entry);
        let event = TimelineEvent::FieldChange {
            action: entry.action.clone(),
            changes: entry.changes,
        };
        out.push((
            key,
            item(entry.created_at, entry.actor_id, records.kind_of(record), record, event),
        ));
    }

    let tasks = Tasks::find()
        .filter(TaskColumn::TenantId.eq(tenant.0))
        .filter(
            Condition::any()
                .add(TaskColumn::LeadId.is_in(records.leads.clone()))
                .add(TaskColumn::DealId.is_in(records.deals.clone()))
                .add(TaskColumn::ContactId.is_in(records.contacts.clone())),
        )
        .order_by(TaskColumn::CreatedAt, Order::Desc)
        .limit(PER_SOURCE)
        .all(db)
        .await?;
    for task in tasks {
        let record = task.lead_id.or(task.deal_id).or(task.contact_id).unwrap_or_default();
        let kind = records.kind_of(record);
        let created = TimelineEvent::Task {
            task_id: task.id.into(),
            title: task.title.clone(),
            what: "created".into(),
        };
        out.push((
            format!("task:{}:0", task.id),
            item(task.created_at, task.created_by, kind, record, created),
        ));
        if let Some(done) = task.completed_at {
            let completed = TimelineEvent::Task {
                task_id: task.id.into(),
                title: task.title.clone(),
                what: "completed".into(),
            };
            out.push((format!("task:{}:1", task.id), item(done, None, kind, record, completed)));
        }
    }
    Ok(out)
}
