//! Leads: incoming requests that the team (or the AI manager) qualifies and turns into deals.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::contacts::Source;
use crate::custom_fields::CustomFieldValues;
use crate::deals::Deal;
use crate::users::double_option;
use crate::{ContactId, DealId, LeadId, Money, PipelineId, StageId, UserId};

/// How promising a lead is, at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    Hot,
    Warm,
    Cold,
}

impl Temperature {
    pub fn as_str(self) -> &'static str {
        match self {
            Temperature::Hot => "hot",
            Temperature::Warm => "warm",
            Temperature::Cold => "cold",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Temperature::Hot, Temperature::Warm, Temperature::Cold]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// Who is talking to the lead right now: the AI manager or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Handler {
    Ai,
    Human,
}

impl Handler {
    pub fn as_str(self) -> &'static str {
        match self {
            Handler::Ai => "ai",
            Handler::Human => "human",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Handler::Ai, Handler::Human].into_iter().find(|h| h.as_str() == s)
    }
}

/// The contact behind a lead, as a card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadContact {
    pub id: ContactId,
    pub name: String,
    /// The first phone as typed, for tap-to-call.
    pub phone: Option<String>,
    /// The first phone in E.164, for WhatsApp links.
    pub phone_e164: Option<String>,
    pub email: Option<String>,
}

/// What a lead's score rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreBasis {
    /// Transparent rule points: data completeness, intent, source, engagement, waiting, age.
    Rules,
    /// The rules blended with a model fitted on the company's own closed leads.
    Fitted,
    /// Set by a person or an integration (`score` or `temperature` in a request); not recomputed
    /// until `score: null` hands it back to Voronka.
    Manual,
}

/// One part of a lead's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreReason {
    /// `completeness`, `intent`, `source`, `engagement`, `waiting`, `staleness`, `amount`,
    /// `base`, or a fitted model's feature (`has_phone`, `intent_ready_to_buy`, …).
    pub code: String,
    /// Points this part adds (negative: takes away).
    pub points: i32,
    pub text_ru: String,
    pub text_en: String,
}

/// How a lead's score was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadScore {
    pub basis: ScoreBasis,
    /// For a fitted basis: the closed leads the company's model learnt from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_leads: Option<u32>,
    /// Largest effect first.
    pub reasons: Vec<ScoreReason>,
    pub scored_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lead {
    pub id: LeadId,
    /// What the card says: the contact's name unless given.
    pub name: String,
    pub contact: LeadContact,
    pub source: Source,
    pub pipeline_id: PipelineId,
    pub stage_id: StageId,
    /// The responsible manager.
    pub owner_id: Option<UserId>,
    /// 0–100, computed by Voronka (see `score_details`) unless set by hand.
    pub score: u8,
    pub temperature: Option<Temperature>,
    /// How the score was reached: its basis and reasons. Given on a single lead (`GET
    /// /api/v1/leads/{id}` and the answers of create and update), not in lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_details: Option<LeadScore>,
    pub handled_by: Handler,
    /// The customer's latest message and when it came.
    pub last_inbound_message: Option<String>,
    /// What the latest inbound message wants, as the classifier read it (`POST /api/v1/ai/classify`
    /// gives the reasons); absent before any inbound message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<crate::ai::Intent>,
    pub last_inbound_at: Option<DateTime<Utc>>,
    /// When the team (or the AI) last answered.
    pub last_outbound_at: Option<DateTime<Utc>>,
    /// Set while the customer's latest message has no answer: the "time without reply" timer starts here.
    pub awaiting_reply_since: Option<DateTime<Utc>>,
    pub amount: Option<Money>,
    pub city: Option<String>,
    pub tags: Vec<String>,
    /// The contact had asked before: this request matched an existing contact.
    pub repeat: bool,
    /// Why it was lost (or won), when it was closed.
    pub close_reason: Option<String>,
    /// The deal made from this lead.
    pub deal_id: Option<DealId>,
    /// Custom field values by key (see `/api/v1/custom-fields`); numbers are decimal strings.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
    pub stage_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new contact given with a lead. A phone or e-mail that matches an existing contact links
/// the lead to that contact instead (and marks it a repeat request).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadContactInput {
    /// Defaults to the phone or e-mail when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
}

/// `POST /api/v1/leads`: either `contact_id` or `contact`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateLead {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<LeadContactInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The default lead pipeline when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    /// The pipeline's first stage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// The creator (a signed-in user) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<Temperature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled_by: Option<Handler>,
    /// The customer's first message, if the request came with one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Decimal string such as `"150000.00"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// ISO 4217; the company's currency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Custom field values by key, checked against the company's definitions.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
}

/// `PATCH /api/v1/leads/{id}`: only present fields change; `null` clears. Moving on the board:
/// `stage_id` (another column) and/or `after_id` (the card it now follows; `null` = top).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateLead {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<LeadId>))]
    pub after_id: Option<Option<LeadId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub owner_id: Option<Option<UserId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// A score set by hand (0–100): Voronka stops recomputing it; `null` hands scoring back.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>))]
    pub score: Option<Option<u8>>,
    /// A temperature set by hand (also stops the recomputing); `null` hands scoring back.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Temperature>))]
    pub temperature: Option<Option<Temperature>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled_by: Option<Handler>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub amount: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub city: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub close_reason: Option<Option<String>>,
    /// Custom field changes by key: present keys change, `null` clears one, absent keys stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_fields: Option<CustomFieldValues>,
}

/// `POST /api/v1/leads/{id}/convert`: a deal from a qualified lead. Everything is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConvertLead {
    /// The lead's name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The default deal pipeline when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    /// The deal pipeline's first stage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// The lead's amount when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<NaiveDate>,
}

/// The answer of a conversion: the lead (now in its pipeline's won stage) and the new deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConvertedLead {
    pub lead: Lead,
    pub deal: Deal,
}

/// What a bulk operation does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BulkAction {
    /// Give the leads to another manager (`null` = nobody).
    Assign {
        owner_id: Option<UserId>,
    },
    /// Move them to a stage (of the same pipeline as each lead).
    Move {
        stage_id: StageId,
    },
    /// Add and remove tags.
    Tag {
        #[serde(default)]
        add: Vec<String>,
        #[serde(default)]
        remove: Vec<String>,
    },
    Delete,
}

/// `POST /api/v1/leads/bulk`: the selection is `ids`, or every lead matching `filter` (the
/// list endpoint's query parameters as an object). At most 10,000 leads per call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkLeads {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<LeadId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<LeadFilter>,
    /// Custom-field conditions of `filter`, named as the list's query parameters:
    /// `{"cf[budget]": "100", "cf_from[area]": "50", "cf_to[area]": "120"}`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub filter_custom_fields: std::collections::BTreeMap<String, String>,
    #[serde(flatten)]
    pub action: BulkAction,
}

/// How many records a bulk operation changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    pub affected: u64,
}

/// The filters of `GET /api/v1/leads` (also usable as a bulk selection).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LeadFilter {
    /// Part of the name or e-mail, or a phone number in any format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// Open, won or lost, by the kind of the lead's stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::pipelines::StageKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    /// `true`: only leads nobody owns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unassigned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// One tag, any case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<Temperature>,
    /// What the latest inbound message wants, as the classifier read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<crate::ai::Intent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled_by: Option<Handler>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<bool>,
    /// Only leads whose latest message has no answer yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_reply: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_to: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_to: Option<DateTime<Utc>>,
}

/// The order of `GET /api/v1/leads`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeadSort {
    /// Newest first by default.
    #[default]
    Created,
    Updated,
    Score,
    Amount,
    Name,
    /// The customer's latest message.
    LastMessage,
    /// Board order within a stage (manual order kept by moves).
    Position,
}
