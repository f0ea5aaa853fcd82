//! Web forms: a company's site posts visitors' requests to Voronka, which turns each
//! submission into a lead.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contacts::Source;
use crate::users::double_option;
use crate::{FormId, PipelineId, StageId, UserId};

/// The input a form field shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FormFieldKind {
    Text,
    Phone,
    Email,
    Textarea,
    /// One of `options`.
    Select,
}

impl FormFieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FormFieldKind::Text => "text",
            FormFieldKind::Phone => "phone",
            FormFieldKind::Email => "email",
            FormFieldKind::Textarea => "textarea",
            FormFieldKind::Select => "select",
        }
    }
}

/// One input of a form. The `key` says where the answer lands on the lead: `name`, `phone`,
/// `email`, `city`, `message` (or `comment`: the lead's first inbound message), or
/// `cf.<key>` for a custom field of leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    pub key: String,
    /// What the visitor sees next to the input.
    pub label: String,
    pub kind: FormFieldKind,
    #[serde(default)]
    pub required: bool,
    /// The choices of a `select` field (none for other kinds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// Who gets the leads a form brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum OwnerRule {
    /// Nobody: the leads wait unassigned.
    None,
    /// Always the same manager.
    User { user_id: UserId },
    /// Each lead to the next active manager of the list, in turn.
    RoundRobin { user_ids: Vec<UserId> },
}

/// A web form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Form {
    pub id: FormId,
    pub name: String,
    /// In display order.
    pub fields: Vec<FormField>,
    /// The lead pipeline and stage new leads land in.
    pub pipeline_id: PipelineId,
    pub stage_id: StageId,
    pub owner_rule: OwnerRule,
    /// Added to every lead of this form.
    pub tags: Vec<String>,
    pub source: Source,
    /// Sites (`https://example.com`) whose pages may post to the form from the browser.
    pub allowed_origins: Vec<String>,
    /// The hidden spam trap: a submission with this field filled is answered as a success and dropped.
    pub honeypot_field: String,
    pub active: bool,
    /// Shown to the visitor after a submission.
    pub success_message: String,
    /// Where a browser goes after posting the HTML form; a small thank-you page when absent.
    pub redirect_url: Option<String>,
    /// The unguessable part of the public submission address.
    pub public_key: String,
    /// `POST` submissions here (no authentication).
    pub submit_url: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/forms`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateForm {
    pub name: String,
    pub fields: Vec<FormField>,
    /// The default lead pipeline when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    /// The pipeline's first stage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// Nobody when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_rule: Option<OwnerRule>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// `website` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// `_gotcha` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honeypot_field: Option<String>,
    /// `true` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

/// `PATCH /api/v1/forms/{id}`: only present fields change; `redirect_url: null` clears it.
/// A new `pipeline_id` without `stage_id` puts new leads in that pipeline's first stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateForm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FormField>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_rule: Option<OwnerRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honeypot_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub redirect_url: Option<Option<String>>,
}

/// `GET /api/v1/forms/{id}/snippet`: what to paste into the company's site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormSnippet {
    pub submit_url: String,
    /// A plain HTML `<form>` that posts to `submit_url` (works without JavaScript).
    pub html: String,
    /// Optional `<script>` that sends the same form with `fetch` and shows the answer in place.
    pub script: String,
}

/// The answer to a JSON submission (also to one the spam trap caught).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionAccepted {
    pub ok: bool,
    /// The form's success message.
    pub message: String,
}
