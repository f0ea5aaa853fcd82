//! Creating, listing, using and revoking API keys.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use voronka_types::api_keys::{ApiKey, CreateApiKey, CreatedApiKey};
use voronka_types::{ApiKeyId, FieldError, TenantId};

use super::KEY_PREFIX;
use super::entity::{self, Entity as ApiKeys};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::auth::tokens::{random_secret, sha256_hex};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::validation::{self, Checks};

/// How much of the key is kept in clear to recognise it.
const VISIBLE_CHARS: usize = KEY_PREFIX.len() + 6;

pub fn hash_secret(secret: &str) -> String {
    sha256_hex(secret)
}

/// Records use, at most once a minute per key to spare the database.
pub async fn touch_last_used(db: &impl ConnectionTrait, key: &entity::Model, now: DateTime<Utc>) -> ApiResult<()> {
    if key.last_used_at.is_some_and(|t| now - t < Duration::seconds(60)) {
        return Ok(());
    }
    ApiKeys::update_many()
        .col_expr(entity::Column::LastUsedAt, Expr::value(now))
        .filter(entity::Column::Id.eq(key.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Active keys of the tenant, newest first.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Vec<ApiKey>> {
    Ok(ApiKeys::find()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::RevokedAt.is_null())
        .order_by_desc(entity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Creates a key holding `scopes`, each of which the creator must hold too.
pub async fn create(db: &impl ConnectionTrait, by: &Principal, req: CreateApiKey) -> ApiResult<CreatedApiKey> {
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, 100));
    if req.scopes.is_empty() {
        checks.push(FieldError::new("scopes", "required", "choose at least one scope"));
    }
    for (i, scope) in req.scopes.iter().enumerate() {
        if !by.has(*scope) {
            checks.push(FieldError::new(
                format!("scopes[{i}]"),
                "scope_not_held",
                format!("you cannot grant `{scope}`: you do not have it yourself"),
            ));
        }
    }
    checks.finish()?;
    let name = name.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("checked name missing")))?;
    let mut scopes = req.scopes;
    scopes.sort();
    scopes.dedup();
    let secret = random_secret(KEY_PREFIX, 40);
    let model = entity::Model {
        id: ApiKeyId::new().0,
        tenant_id: tenant.0,
        name,
        prefix: secret.chars().take(VISIBLE_CHARS).collect(),
        secret_hash: hash_secret(&secret),
        scopes: scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "),
        created_by: by.user_id().map(|u| u.0),
        created_at: clock::now(),
        last_used_at: None,
        revoked_at: None,
    };
    ApiKeys::insert(entity::ActiveModel {
        id: Set(model.id),
        tenant_id: Set(model.tenant_id),
        name: Set(model.name.clone()),
        prefix: Set(model.prefix.clone()),
        secret_hash: Set(model.secret_hash.clone()),
        scopes: Set(model.scopes.clone()),
        created_by: Set(model.created_by),
        created_at: Set(model.created_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    audit::record(
        db,
        by,
        AuditEvent::new("api_key.created", "api_key", Some(model.id.to_string()))
            .after(json!({ "name": model.name, "prefix": model.prefix, "scopes": scopes })),
    )
    .await?;
    Ok(CreatedApiKey {
        key: model.into(),
        secret,
    })
}

/// Revokes a key of the caller's tenant; it stops working with the next request.
pub async fn revoke(db: &impl ConnectionTrait, by: &Principal, id: ApiKeyId) -> ApiResult<()> {
    let tenant = by.tenant()?;
    let key = ApiKeys::find_by_id(id.0)
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("API key"))?;
    ApiKeys::update_many()
        .col_expr(entity::Column::RevokedAt, Expr::value(clock::now()))
        .filter(entity::Column::Id.eq(key.id))
        .exec(db)
        .await?;
    audit::record(
        db,
        by,
        AuditEvent::new("api_key.revoked", "api_key", Some(key.id.to_string()))
            .before(json!({ "name": key.name, "prefix": key.prefix, "revoked": false }))
            .after(json!({ "name": key.name, "prefix": key.prefix, "revoked": true })),
    )
    .await?;
    Ok(())
}
