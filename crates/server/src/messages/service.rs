//! Recording the conversation with a lead: an inbound message becomes the lead's last message
//! and starts its reply timer; an outbound one stops the timer.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use voronka_types::timeline::{Channel, CreateMessage, Direction, Message};
use voronka_types::{FieldError, LeadId, MessageId, Permission, TenantId};

use super::entity::{self, Entity as Messages};
use crate::ai;
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::ApiResult;
use crate::leads;
use crate::startup::AppState;
use crate::validation::Checks;

pub const MAX_BODY: usize = 10_000;

/// Stores one message of a lead's conversation and keeps the lead's last-message fields in
/// step (inside the caller's transaction).
pub async fn insert(
    db: &impl ConnectionTrait,
    lead: &leads::entity::Model,
    direction: Direction,
    channel: Channel,
    body: String,
    author: Option<uuid::Uuid>,
    sent_at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<entity::Model> {
    let model = entity::Model {
        id: MessageId::new().0,
        tenant_id: lead.tenant_id,
        lead_id: lead.id,
        contact_id: lead.contact_id,
        direction: direction.as_str().into(),
        channel: channel.as_str().into(),
        body,
        author_id: author,
        sent_at,
        created_at: clock::now(),
    };
    entity::ActiveModel::from(model.clone()).insert(db).await?;
    Ok(model)
}

pub async fn record(state: &AppState, by: &Principal, id: LeadId, req: CreateMessage) -> ApiResult<Message> {
    by.require(Permission::LeadsWrite)?;
    let txn = state.db.begin().await?;
    let lead = leads::service::find_visible(&txn, by, id).await?;
    let mut checks = Checks::new();
    let body = req.body.trim().to_owned();
    if body.is_empty() {
        checks.push(FieldError::new("body", "required", "the message is empty"));
    } else if body.chars().count() > MAX_BODY {
        checks.push(FieldError::new(
            "body",
            "too_long",
            format!("at most {MAX_BODY} characters"),
        ));
    }
    let now = clock::now();
    let sent_at = req.sent_at.map(clock::truncate).unwrap_or(now);
    if sent_at > now {
        checks.push(FieldError::new(
            "sent_at",
            "in_the_future",
            "a message cannot be sent later than now",
        ));
    }
    checks.finish()?;
    let author = match req.direction {
        Direction::Outbound => by.user_id().map(|u| u.0),
        Direction::Inbound => None,
    };
    let message = insert(&txn, &lead, req.direction, req.channel, body.clone(), author, sent_at).await?;
    let mut active: leads::entity::ActiveModel = lead.clone().into();
    let mut newest_inbound = None;
    match req.direction {
        Direction::Inbound if lead.last_inbound_at.is_none_or(|at| at <= sent_at) => {
            let current = crate::custom_fields::values::from_column(&lead.custom_fields);
            let found =
                leads::enrich::from_message(&txn, TenantId(lead.tenant_id), &body, lead.city.is_some(), &current)
                    .await?;
            found.write(&txn, &lead, current, &mut active).await?;
            active.intent = Set(Some(ai::classify::intent_of(&body).as_str().to_owned()));
            active.last_inbound_message = Set(Some(body.clone()));
            active.last_inbound_at = Set(Some(sent_at));
            newest_inbound = Some(body);
        }
        Direction::Outbound if lead.last_outbound_at.is_none_or(|at| at <= sent_at) => {
            active.last_outbound_at = Set(Some(sent_at));
        }
        _ => {}
    }
    active.updated_at = Set(now);
    let lead = active.update(&txn).await?;
    if let Some(text) = newest_inbound {
        leads::reread::queue(state, &txn, &lead, &text).await?;
    }
    leads::scoring::rescore_one(&txn, lead, now).await?;
    txn.commit().await?;
    Ok(message.into())
}

/// A lead's conversation, oldest first (at most the latest 500 messages).
pub async fn list(state: &AppState, by: &Principal, id: LeadId) -> ApiResult<Vec<Message>> {
    let lead = leads::service::find_visible(&state.db, by, id).await?;
    let mut rows = Messages::find()
        .filter(entity::Column::LeadId.eq(lead.id))
        .order_by(entity::Column::SentAt, Order::Desc)
        .order_by(entity::Column::Id, Order::Desc)
        .limit(500)
        .all(&state.db)
        .await?;
    rows.reverse();
    Ok(rows.into_iter().map(Into::into).collect())
}
