//! Sign-in sessions: an access token plus a rotating refresh token. Each sign-in starts a
//! token family; presenting a refresh token that was already used revokes the whole family
//! (it was stolen or replayed).

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;
use voronka_types::auth::AuthSession;

use super::entities::refresh_token::{self, Entity as RefreshTokens};
use super::tokens::{random_secret, sha256_hex};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::users::entity::{Entity as Users, Model as UserModel};

/// Starts a new session (a new token family) for `user`.
pub async fn start(db: &impl ConnectionTrait, state: &AppState, user: UserModel) -> ApiResult<AuthSession> {
    issue(db, state, user, Uuid::now_v7()).await
}

async fn issue(
    db: &impl ConnectionTrait,
    state: &AppState,
    user: UserModel,
    family_id: Uuid,
) -> ApiResult<AuthSession> {
    let refresh_token = random_secret("rt_", 48);
    let now = clock::now();
    RefreshTokens::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        family_id: Set(family_id),
        token_hash: Set(sha256_hex(&refresh_token)),
        expires_at: Set(now + Duration::days(state.config.refresh_token_ttl_days)),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    let access_token = state.tokens.issue_access(user.id, user.tenant_id)?;
    Ok(AuthSession {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl_secs,
        user: user.into(),
    })
}

fn invalid() -> ApiError {
    ApiError::unauthorized("invalid_refresh_token", "the session has ended; sign in again")
}

/// Exchanges a refresh token for a new session in the same family.
pub async fn rotate(db: &impl ConnectionTrait, state: &AppState, presented: &str) -> ApiResult<AuthSession> {
    let now = clock::now();
    let token = RefreshTokens::find()
        .filter(refresh_token::Column::TokenHash.eq(sha256_hex(presented)))
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Err(invalid());
    }
    // Mark used only if nobody else did first: a second use means replay.
    let claimed = RefreshTokens::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        revoke_family(db, token.family_id).await?;
        tracing::warn!(user_id = %token.user_id, "refresh token reused: session family revoked");
        return Err(ApiError::unauthorized(
            "refresh_token_reused",
            "this refresh token was already used; the session has been ended for safety",
        ));
    }
    let user = Users::find_by_id(token.user_id).one(db).await?.ok_or_else(invalid)?;
    if !user.is_active() {
        revoke_family(db, token.family_id).await?;
        return Err(ApiError::unauthorized(
            "user_inactive",
            "this account has been deactivated",
        ));
    }
    issue(db, state, user, token.family_id).await
}

/// Signs out the session the refresh token belongs to and answers its user (for the work-time
/// check-out). Unknown tokens are ignored.
pub async fn end(db: &impl ConnectionTrait, presented: &str) -> ApiResult<Option<Uuid>> {
    let Some(token) = RefreshTokens::find()
        .filter(refresh_token::Column::TokenHash.eq(sha256_hex(presented)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    revoke_family(db, token.family_id).await?;
    Ok(Some(token.user_id))
}

async fn revoke_family(db: &impl ConnectionTrait, family_id: Uuid) -> ApiResult<()> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (deactivation, password change or reset).
pub async fn revoke_all_for_user(db: &impl ConnectionTrait, user_id: Uuid) -> ApiResult<()> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
