//! Users of a tenant.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Permission, Role, TenantId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Inactive,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
        }
    }

    pub fn parse(s: &str) -> Option<UserStatus> {
        match s {
            "active" => Some(UserStatus::Active),
            "inactive" => Some(UserStatus::Inactive),
            _ => None,
        }
    }
}

/// A user as the API shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: UserId,
    /// Absent for platform admins.
    pub tenant_id: Option<TenantId>,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub status: UserStatus,
    pub start_date: Option<NaiveDate>,
    pub totp_enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The tenant as its members see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    /// Interface and default data language: `en` or `ru`.
    #[serde(default)]
    pub locale: String,
    /// IANA time zone (`Europe/Moscow`): days of reports and task filters.
    #[serde(default)]
    pub time_zone: String,
    /// ISO 4217 currency of amounts entered without one.
    #[serde(default)]
    pub currency: String,
    /// ISO 3166 country (`RU`) that phone numbers without a country code belong to; absent:
    /// Russia for Russian-speaking companies, none otherwise.
    #[serde(default)]
    pub phone_region: Option<String>,
    /// Whether the AI assistant may use the server's LLM for this company (report narrative,
    /// lead classification); it has effect only when the server has an LLM configured.
    #[serde(default = "enabled")]
    pub ai_llm_enabled: bool,
    /// The company's monthly LLM token budget; absent: the server's default
    /// (`VORONKA_LLM_MONTHLY_TOKENS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_llm_monthly_tokens: Option<u64>,
    pub created_at: DateTime<Utc>,
}

fn enabled() -> bool {
    true
}

/// `PATCH /api/v1/settings`: only present fields change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub phone_region: Option<Option<String>>,
    /// Let the AI assistant use the server's LLM for this company (`false`: rules only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_llm_enabled: Option<bool>,
    /// The company's monthly LLM token budget, 0–1,000,000,000; `null`: the server's default.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u64>))]
    pub ai_llm_monthly_tokens: Option<Option<u64>>,
}

/// `GET /api/v1/me`: who is signed in, their company and what they may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: User,
    pub tenant: Option<Tenant>,
    pub permissions: Vec<Permission>,
}

/// `POST /api/v1/users`. Without `password` the new user gets an e-mail link to set one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUser {
    pub name: String,
    pub email: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `PATCH /api/v1/users/{id}`: only the fields present change. `start_date: null` clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    pub start_date: Option<Option<NaiveDate>>,
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`) in PATCH bodies.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}
