//! A lead as the API shows it: the row plus a summary of its contact.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use voronka_types::contacts::{Contact, Source};
use voronka_types::leads::{Handler, Lead, LeadContact, Temperature};

use super::entity::Model;
use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::error::ApiResult;
use crate::money;

fn summary(contact_id: Uuid, contact: Option<&contact::Model>) -> LeadContact {
    match contact {
        Some(m) => {
            let c = Contact::from(m.clone());
            let phone = c.phones.first();
            LeadContact {
                id: c.id,
                name: c.name,
                phone: phone.map(|p| p.raw.clone()),
                phone_e164: phone.map(|p| p.e164.clone()),
                email: c.emails.first().cloned(),
            }
        }
        None => LeadContact {
            id: contact_id.into(),
            name: String::new(),
            phone: None,
            phone_e164: None,
            email: None,
        },
    }
}

/// Since when the customer's latest message waits for an answer, if it does.
pub fn awaiting_reply_since(m: &Model) -> Option<chrono::DateTime<chrono::Utc>> {
    match (m.last_inbound_at, m.last_outbound_at) {
        (Some(inbound), Some(outbound)) if outbound >= inbound => None,
        (inbound, _) => inbound,
    }
}

/// The lead as lists show it (without `score_details`).
pub fn to_dto(m: Model, contact: Option<&contact::Model>) -> Lead {
    let awaiting_reply_since = awaiting_reply_since(&m);
    Lead {
        id: m.id.into(),
        contact: summary(m.contact_id, contact),
        name: m.name,
        source: Source::parse(&m.source).unwrap_or(Source::Other),
        pipeline_id: m.pipeline_id.into(),
        stage_id: m.stage_id.into(),
        owner_id: m.owner_id.map(Into::into),
        score: m.score.clamp(0, 100) as u8,
        temperature: m.temperature.as_deref().and_then(Temperature::parse),
        score_details: None,
        handled_by: Handler::parse(&m.handled_by).unwrap_or(Handler::Human),
        intent: m.intent.as_deref().and_then(voronka_types::ai::Intent::parse),
        last_inbound_message: m.last_inbound_message,
        last_inbound_at: m.last_inbound_at,
        last_outbound_at: m.last_outbound_at,
        awaiting_reply_since,
        amount: m
            .amount_minor
            .zip(m.currency.as_deref())
            .map(|(minor, currency)| money::to_dto(minor, currency)),
        city: m.city,
        tags: serde_json::from_str(&m.tags).unwrap_or_default(),
        repeat: m.repeat,
        close_reason: m.close_reason,
        deal_id: m.deal_id.map(Into::into),
        custom_fields: crate::custom_fields::values::from_column(&m.custom_fields),
        stage_changed_at: m.stage_changed_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// Leads with their contacts, read in one query.
pub async fn with_contacts(db: &impl ConnectionTrait, rows: Vec<Model>) -> ApiResult<Vec<Lead>> {
    let mut ids: Vec<Uuid> = rows.iter().map(|r| r.contact_id).collect();
    ids.sort();
    ids.dedup();
    let contacts: HashMap<Uuid, contact::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        Contacts::find()
            .filter(contact::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let contact = contacts.get(&row.contact_id);
            to_dto(row, contact)
        })
        .collect())
}

/// One lead with its contact and how its score was reached.
pub async fn one(db: &impl ConnectionTrait, row: Model) -> ApiResult<Lead> {
    let details = super::scoring::explained(&row);
    let mut lead = with_contacts(db, vec![row]).await?.remove(0);
    lead.score_details = details;
    Ok(lead)
}
