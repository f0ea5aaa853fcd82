//! The `notes` table: notes and logged calls.

use sea_orm::entity::prelude::*;
use voronka_types::timeline::{CallDetails, CallOutcome, Direction, Note, NoteKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// `note` or `call`.
    pub kind: String,
    pub body: String,
    pub call_direction: Option<String>,
    pub call_duration_secs: Option<i32>,
    pub call_outcome: Option<String>,
    pub lead_id: Option<Uuid>,
    pub deal_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub fn outcome_str(outcome: CallOutcome) -> &'static str {
    match outcome {
        CallOutcome::Answered => "answered",
        CallOutcome::NoAnswer => "no_answer",
        CallOutcome::Busy => "busy",
        CallOutcome::Voicemail => "voicemail",
    }
}

fn parse_outcome(s: &str) -> CallOutcome {
    match s {
        "no_answer" => CallOutcome::NoAnswer,
        "busy" => CallOutcome::Busy,
        "voicemail" => CallOutcome::Voicemail,
        _ => CallOutcome::Answered,
    }
}

impl From<Model> for Note {
    fn from(m: Model) -> Self {
        let call = match (m.kind.as_str(), m.call_direction.as_deref()) {
            ("call", Some(direction)) => Some(CallDetails {
                direction: Direction::parse(direction).unwrap_or(Direction::Outbound),
                duration_secs: m.call_duration_secs.unwrap_or(0).max(0) as u32,
                outcome: parse_outcome(m.call_outcome.as_deref().unwrap_or_default()),
            }),
            _ => None,
        };
        Note {
            id: m.id.into(),
            kind: if call.is_some() { NoteKind::Call } else { NoteKind::Note },
            body: m.body,
            call,
            lead_id: m.lead_id.map(Into::into),
            deal_id: m.deal_id.map(Into::into),
            contact_id: m.contact_id.map(Into::into),
            author_id: m.author_id.map(Into::into),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
