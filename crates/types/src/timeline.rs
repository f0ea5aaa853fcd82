//! The story of a lead, deal or contact: notes, logged calls, messages, stage moves, field
//! changes and tasks, newest first.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::FieldChange;
use crate::users::double_option;
use crate::{ContactId, DealId, LeadId, MessageId, NoteId, StageId, TaskId, UserId};

/// A written note, or a call that was logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Note,
    Call,
}

/// Which way a call or message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the customer.
    Inbound,
    /// To the customer.
    Outbound,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Direction::Inbound, Direction::Outbound]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// How a logged call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Answered,
    NoAnswer,
    Busy,
    Voicemail,
}

/// The facts of a logged call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallDetails {
    pub direction: Direction,
    /// Length in seconds (0 when nobody answered).
    #[serde(default)]
    pub duration_secs: u32,
    pub outcome: CallOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: NoteId,
    pub kind: NoteKind,
    pub body: String,
    /// Present on calls.
    pub call: Option<CallDetails>,
    pub lead_id: Option<LeadId>,
    pub deal_id: Option<DealId>,
    pub contact_id: Option<ContactId>,
    pub author_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/notes`: a note (or a logged call, with `call`) on exactly one of a lead, a
/// deal or a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_id: Option<LeadId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_id: Option<DealId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    /// What was said or agreed (may be empty for a call).
    #[serde(default)]
    pub body: String,
    /// Makes this a logged call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<CallDetails>,
}

/// `PATCH /api/v1/notes/{id}` (the author only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<CallDetails>))]
    pub call: Option<Option<CallDetails>>,
}

/// Where a message was sent or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Whatsapp,
    Telegram,
    Instagram,
    Email,
    Sms,
    Website,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Whatsapp,
        Channel::Telegram,
        Channel::Instagram,
        Channel::Email,
        Channel::Sms,
        Channel::Website,
        Channel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Whatsapp => "whatsapp",
            Channel::Telegram => "telegram",
            Channel::Instagram => "instagram",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Website => "website",
            Channel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One message of the conversation with a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: MessageId,
    pub lead_id: LeadId,
    pub contact_id: ContactId,
    pub direction: Direction,
    pub channel: Channel,
    pub body: String,
    /// The person who sent an outbound message; absent for the customer, the AI or an integration.
    pub author_id: Option<UserId>,
    pub sent_at: DateTime<Utc>,
}

/// `POST /api/v1/leads/{id}/messages`: records a message that came in (an integration pushing
/// what the customer wrote) or went out (a manager logging an answer). An inbound message
/// becomes the lead's last message and starts its reply timer; an outbound one stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateMessage {
    pub direction: Direction,
    #[serde(default = "other_channel")]
    pub channel: Channel,
    pub body: String,
    /// When it was sent; now when absent. Not in the future.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
}

fn other_channel() -> Channel {
    Channel::Other
}

/// What happened, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// A note or a logged call.
    Note {
        note: Note,
    },
    Message {
        message: Message,
    },
    StageChange {
        from_stage_id: Option<StageId>,
        to_stage_id: StageId,
    },
    /// Fields changed (from the audit log): `action` such as `lead.updated`.
    FieldChange {
        action: String,
        changes: Vec<FieldChange>,
    },
    Task {
        task_id: TaskId,
        title: String,
        /// `created` or `completed`.
        what: String,
    },
}

/// One entry of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineItem {
    pub at: DateTime<Utc>,
    /// Who did it; absent for the customer, integrations and the system.
    pub actor_id: Option<UserId>,
    /// The record it happened on: `lead`, `deal` or `contact` with its id (a contact's timeline
    /// also shows what happened on its leads and deals).
    pub record_type: String,
    pub record_id: uuid::Uuid,
    pub event: TimelineEvent,
}
