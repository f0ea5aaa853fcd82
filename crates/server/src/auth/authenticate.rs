//! Turns a presented credential into a [`Principal`]: checks the token or key, that the user
//! is still active, and loads the permissions their role has right now.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use voronka_types::{Role, TenantId, UserId};

use super::principal::{Actor, Credential, Principal};
use crate::api_keys;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::rbac;
use crate::startup::AppState;
use crate::users::entity::Entity as Users;

pub async fn authenticate(state: &AppState, credential: Credential) -> ApiResult<Principal> {
    match credential {
        Credential::AccessToken(token) => {
            let claims = state.tokens.verify_access(&token)?;
            let user = Users::find_by_id(claims.sub)
                .one(&state.db)
                .await?
                .ok_or_else(|| ApiError::unauthorized("unauthorized", "this account no longer exists"))?;
            if !user.is_active() {
                return Err(ApiError::unauthorized(
                    "user_inactive",
                    "this account has been deactivated",
                ));
            }
            let role = user.role();
            let tenant_id = user.tenant_id.map(TenantId);
            let permissions = match tenant_id {
                Some(tenant) if role != Role::PlatformAdmin => {
                    rbac::service::permissions_for(&state.db, tenant, role).await?
                }
                _ => Default::default(),
            };
            Ok(Principal {
                tenant_id,
                actor: Actor::User {
                    id: UserId(user.id),
                    name: user.name,
                    role,
                },
                permissions,
                request_id: None,
                ip: None,
            })
        }
        Credential::ApiKey(secret) => {
            let hash = api_keys::service::hash_secret(&secret);
            // Remembered a few seconds (`memo`); `last_used_at` is touched when looked up.
            let key = match crate::memo::API_KEYS.get(&hash) {
                Some(key) => key,
                None => {
                    let key = api_keys::entity::Entity::find()
                        .filter(api_keys::entity::Column::SecretHash.eq(hash.clone()))
                        .filter(api_keys::entity::Column::RevokedAt.is_null())
                        .one(&state.db)
                        .await?
                        .ok_or_else(|| {
                            ApiError::unauthorized("invalid_api_key", "the API key is unknown or revoked")
                        })?;
                    api_keys::service::touch_last_used(&state.db, &key, clock::now()).await?;
                    crate::memo::API_KEYS.put(hash, key.clone());
                    key
                }
            };
            Ok(Principal {
                tenant_id: Some(TenantId(key.tenant_id)),
                permissions: key.scopes().into_iter().collect(),
                actor: Actor::ApiKey {
                    id: key.id.into(),
                    name: key.name,
                },
                request_id: None,
                ip: None,
            })
        }
    }
}
