//! API keys for integrators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{ApiKeyId, Permission, UserId};

/// `POST /api/v1/api-keys`. Scopes are permissions; a key can hold only what its creator has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApiKey {
    pub name: String,
    pub scopes: Vec<Permission>,
}

/// A key as listed: never the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    /// The first characters of the key, to recognise it (`vk_live_ab12cd`).
    pub prefix: String,
    pub scopes: Vec<Permission>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Answer of `POST /api/v1/api-keys`: the only time the full key is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    /// The secret (`vk_live_…`). Store it now: it cannot be shown again.
    pub secret: String,
}
