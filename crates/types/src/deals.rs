//! Deals: sales in progress, with money, an expected close date and a won/lost outcome.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::custom_fields::CustomFieldValues;
use crate::pipelines::StageKind;
use crate::users::double_option;
use crate::{CompanyId, ContactId, DealId, LeadId, Money, PipelineId, StageId, UserId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deal {
    pub id: DealId,
    pub title: String,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    /// The lead it was converted from.
    pub lead_id: Option<LeadId>,
    pub pipeline_id: PipelineId,
    pub stage_id: StageId,
    /// Open, won or lost: the kind of its stage.
    pub status: StageKind,
    pub owner_id: Option<UserId>,
    pub amount: Money,
    pub expected_close_date: Option<NaiveDate>,
    /// Chance of winning, 0–100.
    pub probability: Option<u8>,
    /// Why it was won or lost.
    pub close_reason: Option<String>,
    /// When it reached a won or lost stage.
    pub closed_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    /// Custom field values by key (see `/api/v1/custom-fields`); numbers are decimal strings.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
    pub stage_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/deals`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDeal {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    /// The contact's company when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<CompanyId>,
    /// The default deal pipeline when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    /// The pipeline's first stage when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    /// The creator when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    /// Decimal string such as `"150000.00"`; `"0"` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// ISO 4217; the company's currency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Custom field values by key, checked against the company's definitions.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
}

/// `PATCH /api/v1/deals/{id}`: only present fields change; `null` clears. Board moves as for
/// leads: `stage_id` and/or `after_id`. Moving to a lost stage needs a `close_reason`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateDeal {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DealId>))]
    pub after_id: Option<Option<DealId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<ContactId>))]
    pub contact_id: Option<Option<ContactId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<CompanyId>))]
    pub company_id: Option<Option<CompanyId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub owner_id: Option<Option<UserId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub expected_close_date: Option<Option<NaiveDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>))]
    pub probability: Option<Option<u8>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub close_reason: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Custom field changes by key: present keys change, `null` clears one, absent keys stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_fields: Option<CustomFieldValues>,
}

/// The filters of `GET /api/v1/deals` and the deal board.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DealFilter {
    /// Part of the title, or the contact's name, e-mail or phone (any format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_id: Option<PipelineId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<StageId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StageKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<CompanyId>,
    /// One tag, any case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Amount range in the currency's units (decimal strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_to: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_to: Option<DateTime<Utc>>,
}

/// The order of `GET /api/v1/deals`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DealSort {
    #[default]
    Created,
    Updated,
    Amount,
    Title,
    ExpectedClose,
    Position,
}
