//! `/api-keys`: keys for integrators.

use voronka_types::api_keys::{ApiKey, CreateApiKey, CreatedApiKey};
use voronka_types::{ApiKeyId, Problem};

use super::client::Call;

/// `GET /api-keys`.
pub async fn list_api_keys() -> Result<Vec<ApiKey>, Problem> {
    Call::get("/api-keys").fetch().await
}

/// `POST /api-keys`: the answer holds the secret, the only time it is shown.
pub async fn create_api_key(request: &CreateApiKey) -> Result<CreatedApiKey, Problem> {
    Call::post("/api-keys").json(request)?.fetch().await
}

/// `DELETE /api-keys/{id}`: revokes a key at once.
pub async fn revoke_api_key(id: ApiKeyId) -> Result<(), Problem> {
    Call::delete(format!("/api-keys/{id}")).fetch_empty().await
}
