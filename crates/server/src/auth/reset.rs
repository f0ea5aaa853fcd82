//! Password reset by e-mailed single-use token; the same link lets a newly invited user set
//! their first password.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

use super::entities::password_reset_token::{self, Entity as ResetTokens};
use super::service::{RequestMeta, find_user_by_email};
use super::tokens::{random_secret, sha256_hex};
use super::{password, sessions};
use crate::audit::{self, AuditActor, AuditEvent};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::mail::OutgoingMail;
use crate::startup::AppState;
use crate::users::entity::{self as user, Entity as Users};
use crate::validation;
use voronka_types::TenantId;

/// Why a link is being sent: the wording and lifetime differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Reset,
    Invitation,
}

/// Creates a token and returns the link to e-mail (inside the caller's transaction).
pub async fn create_link(
    db: &impl ConnectionTrait,
    state: &AppState,
    user_id: Uuid,
    purpose: LinkPurpose,
) -> ApiResult<String> {
    let token = random_secret("pr_", 40);
    let lifetime = match purpose {
        LinkPurpose::Reset => Duration::hours(1),
        LinkPurpose::Invitation => Duration::days(7),
    };
    let now = clock::now();
    ResetTokens::insert(password_reset_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(sha256_hex(&token)),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(format!(
        "{}/reset-password?token={token}",
        state.config.public_url.trim_end_matches('/')
    ))
}

/// E-mails a link; a failure to send is logged, never shown (it would reveal the account).
pub async fn send_link(state: &AppState, to: &str, link: &str, purpose: LinkPurpose) {
    let (subject, body) = match purpose {
        LinkPurpose::Reset => (
            "Reset your Voronka password",
            format!(
                "Someone asked to reset the password of your Voronka account.\n\nSet a new password: {link}\n\nThe link works for one hour. If it was not you, ignore this message."
            ),
        ),
        LinkPurpose::Invitation => (
            "You have been invited to Voronka",
            format!(
                "An account has been created for you in Voronka.\n\nSet your password to sign in: {link}\n\nThe link works for seven days."
            ),
        ),
    };
    let mail = OutgoingMail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        body,
    };
    if let Err(error) = state.mailer.send(mail).await {
        tracing::error!(error = ?error, "could not send e-mail");
    }
}

/// At most this many reset e-mails per account per hour, so the endpoint cannot be used to
/// flood someone's inbox.
pub const MAX_RESETS_PER_HOUR: u64 = 3;

/// Sends a reset link when the e-mail belongs to an active user; answers the same either way.
pub async fn request(state: &AppState, email_raw: &str) -> ApiResult<()> {
    let email = validation::email("email", email_raw).map_err(|e| ApiError::Validation(vec![e]))?;
    let Some(user) = find_user_by_email(&state.db, &email).await? else {
        return Ok(());
    };
    if !user.is_active() {
        return Ok(());
    }
    let recent = ResetTokens::find()
        .filter(password_reset_token::Column::UserId.eq(user.id))
        .filter(password_reset_token::Column::CreatedAt.gt(clock::now() - Duration::hours(1)))
        .count(&state.db)
        .await?;
    if recent >= MAX_RESETS_PER_HOUR {
        tracing::info!(user_id = %user.id, "password reset asked too often: no e-mail sent");
        return Ok(());
    }
    let link = create_link(&state.db, state, user.id, LinkPurpose::Reset).await?;
    send_link(state, &user.email, &link, LinkPurpose::Reset).await;
    Ok(())
}

fn invalid_token() -> ApiError {
    ApiError::field(
        "token",
        "invalid_token",
        "this link is invalid or has expired; ask for a new one",
    )
}

/// Sets a new password with a valid token; every session of the user ends.
pub async fn confirm(state: &AppState, token: &str, new_password: String, meta: &RequestMeta) -> ApiResult<()> {
    let now = clock::now();
    let row = ResetTokens::find()
        .filter(password_reset_token::Column::TokenHash.eq(sha256_hex(token.trim())))
        .one(&state.db)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(invalid_token)?;
    let target = Users::find_by_id(row.user_id)
        .one(&state.db)
        .await?
        .ok_or_else(invalid_token)?;
    validation::password("new_password", &new_password, Some(&target.email))
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let new_hash = password::hash(new_password).await?;
    let txn = state.db.begin().await?;
    let claimed = ResetTokens::update_many()
        .col_expr(password_reset_token::Column::UsedAt, Expr::value(now))
        .filter(password_reset_token::Column::Id.eq(row.id))
        .filter(password_reset_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid_token());
    }
    let mut active: user::ActiveModel = target.clone().into();
    active.password_hash = Set(new_hash);
    active.updated_at = Set(now);
    active.update(&txn).await?;
    sessions::revoke_all_for_user(&txn, target.id).await?;
    if let Some(tenant) = target.tenant_id {
        let actor = AuditActor {
            tenant_id: TenantId(tenant),
            kind: "user",
            id: Some(target.id),
            name: Some(target.name.clone()),
            request_id: meta.request_id.clone(),
            ip: Some(meta.ip.clone()),
        };
        audit::record_as(
            &txn,
            &actor,
            AuditEvent::new("user.password_reset", "user", Some(target.id.to_string())),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
