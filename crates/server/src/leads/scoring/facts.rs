//! The plain facts a lead's score reads, loaded for many leads at once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;
use voronka_insights::classify::Intent;
use voronka_insights::score::LeadFacts;
use voronka_types::TenantId;

use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::error::ApiResult;
use crate::leads::card::awaiting_reply_since;
use crate::leads::entity::Model;
use crate::messages::entity::{self as message, Entity as Messages};
use crate::notes::entity::{self as note, Entity as Notes};

/// The facts of each row, in order; `at` gives the moment each lead is seen at (now for open
/// leads; the close for a closed lead the outcome model learns from).
pub async fn load(
    db: &impl ConnectionTrait,
    tenant: Uuid,
    rows: &[Model],
    at: impl Fn(&Model) -> DateTime<Utc>,
) -> ApiResult<Vec<LeadFacts>> {
    let qualification: Vec<String> = crate::ai::classify::qualification_fields(db, TenantId(tenant))
        .await?
        .into_iter()
        .map(|f| f.key)
        .collect();
    let mut contact_ids: Vec<Uuid> = rows.iter().map(|r| r.contact_id).collect();
    contact_ids.sort();
    contact_ids.dedup();
    let mut contacts: HashMap<Uuid, contact::Model> = HashMap::new();
    for chunk in contact_ids.chunks(500) {
        for c in Contacts::find()
            .filter(contact::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            contacts.insert(c.id, c);
        }
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut inbound: HashMap<Uuid, u32> = HashMap::new();
    let mut outbound: HashMap<Uuid, u32> = HashMap::new();
    let mut notes: HashMap<Uuid, u32> = HashMap::new();
    for chunk in ids.chunks(500) {
        let counted: Vec<(Uuid, String, i64)> = Messages::find()
            .select_only()
            .column(message::Column::LeadId)
            .column(message::Column::Direction)
            .column_as(message::Column::Id.count(), "n")
            .filter(message::Column::LeadId.is_in(chunk.iter().copied()))
            .group_by(message::Column::LeadId)
            .group_by(message::Column::Direction)
            .into_tuple()
            .all(db)
            .await?;
        for (lead, direction, n) in counted {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            match direction.as_str() {
                "inbound" => inbound.insert(lead, n),
                _ => outbound.insert(lead, n),
            };
        }
        let counted: Vec<(Option<Uuid>, i64)> = Notes::find()
            .select_only()
            .column(note::Column::LeadId)
            .column_as(note::Column::Id.count(), "n")
            .filter(note::Column::LeadId.is_in(chunk.iter().copied()))
            .group_by(note::Column::LeadId)
            .into_tuple()
            .all(db)
            .await?;
        for (lead, n) in counted {
            if let Some(lead) = lead {
                notes.insert(lead, u32::try_from(n).unwrap_or(u32::MAX));
            }
        }
    }
    Ok(rows
        .iter()
        .map(|row| {
            let contact = contacts.get(&row.contact_id);
            let at = at(row);
            facts_of(
                row,
                contact,
                &qualification,
                Counts {
                    inbound: inbound.get(&row.id).copied().unwrap_or(0),
                    outbound: outbound.get(&row.id).copied().unwrap_or(0),
                    notes: notes.get(&row.id).copied().unwrap_or(0),
                },
                at,
            )
        })
        .collect())
}

/// A lead's conversation and activity counts.
pub struct Counts {
    pub inbound: u32,
    pub outbound: u32,
    pub notes: u32,
}

fn hours(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_seconds().max(0) as f64) / 3600.0
}

fn json_list_is_empty(json: &str) -> bool {
    serde_json::from_str::<Vec<serde_json::Value>>(json).map_or(true, |v| v.is_empty())
}

/// One lead's facts (pure: what the loader feeds the score).
pub fn facts_of(
    row: &Model,
    contact: Option<&contact::Model>,
    qualification: &[String],
    counts: Counts,
    at: DateTime<Utc>,
) -> LeadFacts {
    let filled: HashSet<&str> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&row.custom_fields)
        .map(|values| {
            values
                .iter()
                .filter(|(_, v)| match v {
                    serde_json::Value::Null => false,
                    serde_json::Value::String(s) => !s.trim().is_empty(),
                    serde_json::Value::Array(a) => !a.is_empty(),
                    _ => true,
                })
                .filter_map(|(k, _)| qualification.iter().find(|q| *q == k).map(String::as_str))
                .collect()
        })
        .unwrap_or_default();
    LeadFacts {
        has_name: contact.is_some_and(|c| !c.name.trim().is_empty()),
        has_phone: contact.is_some_and(|c| !json_list_is_empty(&c.phones)),
        has_email: contact.is_some_and(|c| !json_list_is_empty(&c.emails)),
        has_city: row.city.is_some() || contact.is_some_and(|c| c.city.is_some()),
        qualification_filled: filled.len(),
        qualification_total: qualification.len(),
        intent: row
            .intent
            .as_deref()
            .and_then(|i| serde_json::from_value::<Intent>(serde_json::Value::String(i.to_owned())).ok()),
        source: row.source.clone(),
        inbound_messages: counts.inbound,
        outbound_messages: counts.outbound,
        notes_and_calls: counts.notes,
        hours_without_reply: awaiting_reply_since(row)
            .filter(|since| *since <= at)
            .map(|since| hours(since, at)),
        age_hours: hours(row.created_at, at),
        amount_minor: row.amount_minor,
    }
}
