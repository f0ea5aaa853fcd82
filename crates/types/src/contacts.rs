//! Contacts (people) and companies: the customer base.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::custom_fields::CustomFieldValues;
use crate::users::double_option;
use crate::{CompanyId, ContactId, UserId};

/// Where a contact or lead came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Manual,
    Website,
    Whatsapp,
    Telegram,
    Instagram,
    Email,
    Phone,
    Api,
    Import,
    Partner,
    Referral,
    Other,
}

impl Source {
    pub const ALL: [Source; 12] = [
        Source::Manual,
        Source::Website,
        Source::Whatsapp,
        Source::Telegram,
        Source::Instagram,
        Source::Email,
        Source::Phone,
        Source::Api,
        Source::Import,
        Source::Partner,
        Source::Referral,
        Source::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Website => "website",
            Source::Whatsapp => "whatsapp",
            Source::Telegram => "telegram",
            Source::Instagram => "instagram",
            Source::Email => "email",
            Source::Phone => "phone",
            Source::Api => "api",
            Source::Import => "import",
            Source::Partner => "partner",
            Source::Referral => "referral",
            Source::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A phone number as typed (`raw`, kept for display) and normalised to E.164 (`e164`, used
/// for matching and search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phone {
    pub raw: String,
    pub e164: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    pub phones: Vec<Phone>,
    /// Lower-cased.
    pub emails: Vec<String>,
    pub company_id: Option<CompanyId>,
    pub city: Option<String>,
    pub source: Source,
    pub tags: Vec<String>,
    /// The responsible manager.
    pub owner_id: Option<UserId>,
    /// Custom field values by key (see `/api/v1/custom-fields`); numbers are decimal strings.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
    /// The customer's id in the company's own system (set through `/api/v1/ingest/customers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Attributes the company's own system sent with the customer.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub attributes: crate::purchases::Attributes,
    /// Purchase figures; present when one contact is read (`GET /contacts/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchases: Option<crate::purchases::PurchaseStats>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/contacts`. Phones in any common format; without a country code the
/// company's default region applies. `owner_id` defaults to the creator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateContact {
    pub name: String,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<CompanyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    /// Custom field values by key, checked against the company's definitions.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
}

/// `PATCH /api/v1/contacts/{id}`: only present fields change; lists are replaced whole;
/// `null` clears an optional field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateContact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<CompanyId>))]
    pub company_id: Option<Option<CompanyId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub city: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub owner_id: Option<Option<UserId>>,
    /// Custom field changes by key: present keys change, `null` clears one, absent keys stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_fields: Option<CustomFieldValues>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    /// Lower-cased domain such as `stroyplus.ru`.
    pub domain: Option<String>,
    pub owner_id: Option<UserId>,
    /// How many contacts work there.
    pub contact_count: u64,
    /// Custom field values by key (see `/api/v1/custom-fields`); numbers are decimal strings.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/companies`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateCompany {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserId>,
    /// Custom field values by key, checked against the company's definitions.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: CustomFieldValues,
}

/// `PATCH /api/v1/companies/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateCompany {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub domain: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub owner_id: Option<Option<UserId>>,
    /// Custom field changes by key: present keys change, `null` clears one, absent keys stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_fields: Option<CustomFieldValues>,
}

/// Why contacts look like the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same phone number (E.164).
    Phone,
    /// The same e-mail.
    Email,
    /// The same name, ignoring case, word order, `ё`/`е` and punctuation.
    Name,
}

/// Contacts that are likely one person, and what they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateGroup {
    pub reason: DuplicateReason,
    /// The shared phone, e-mail or normalised name.
    pub value: String,
    /// Oldest first: the usual one to keep.
    pub contacts: Vec<Contact>,
}

/// `POST /api/v1/contacts/{id}/merge`: `other_id` is merged into `{id}` and deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeContacts {
    pub other_id: ContactId,
}

/// The order of `GET /api/v1/contacts` and `GET /api/v1/companies`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    /// Newest first by default.
    #[default]
    Created,
    Updated,
    /// A→Z by default.
    Name,
}
