//! Sign-up, sign-in, password change and two-factor enrolment.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use voronka_types::auth::{AuthSession, ChangePassword, LoginRequest, RegisterRequest, TotpEnrollment};
use voronka_types::users::UserStatus;
use voronka_types::{Role, TenantId, UserId};

use super::principal::Principal;
use super::{password, sessions, throttle, totp};
use crate::audit::{self, AuditActor, AuditEvent};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::users::entity::{self as user, Entity as Users};
use crate::validation::{self, Checks};
use crate::{tenants, worktime};

/// Where a request came from, for throttling and the audit log.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: String,
    pub request_id: Option<String>,
    pub locale: &'static str,
}

pub async fn find_user_by_email(db: &impl ConnectionTrait, email: &str) -> ApiResult<Option<user::Model>> {
    Ok(Users::find().filter(user::Column::Email.eq(email)).one(db).await?)
}

pub fn email_taken() -> ApiError {
    ApiError::conflict(
        "email_taken",
        Some("email"),
        "an account with this e-mail already exists",
    )
}

/// Creates a company and its owner, and signs the owner in.
pub async fn register(state: &AppState, req: RegisterRequest, meta: &RequestMeta) -> ApiResult<AuthSession> {
    let mut checks = Checks::new();
    let company = checks.take(validation::text("company_name", &req.company_name, 200));
    let name = checks.take(validation::text("name", &req.name, 200));
    let email = checks.take(validation::email("email", &req.email));
    checks.take(validation::password("password", &req.password, email.as_deref()));
    checks.finish()?;
    let (Some(company), Some(name), Some(email)) = (company, name, email) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked fields missing")));
    };
    if find_user_by_email(&state.db, &email).await?.is_some() {
        return Err(email_taken());
    }
    let password_hash = password::hash(req.password).await?;
    let txn = state.db.begin().await?;
    let tenant = tenants::service::create(&txn, &company, meta.locale).await?;
    let now = clock::now();
    let owner = user::Model {
        id: UserId::new().0,
        tenant_id: Some(tenant.id),
        email,
        name,
        password_hash,
        role: Role::Owner.as_str().into(),
        status: UserStatus::Active.as_str().into(),
        start_date: Some(now.date_naive()),
        totp_secret: None,
        totp_enabled: false,
        created_at: now,
        updated_at: now,
    };
    user::ActiveModel::from(owner.clone())
        .insert(&txn)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict { .. } => email_taken(),
            other => other,
        })?;
    let actor = AuditActor {
        tenant_id: TenantId(tenant.id),
        kind: "user",
        id: Some(owner.id),
        name: Some(owner.name.clone()),
        request_id: meta.request_id.clone(),
        ip: Some(meta.ip.clone()),
    };
    audit::record_as(
        &txn,
        &actor,
        AuditEvent::new("tenant.registered", "tenant", Some(tenant.id.to_string()))
            .after(json!({ "name": tenant.name, "locale": tenant.locale })),
    )
    .await?;
    audit::record_as(
        &txn,
        &actor,
        AuditEvent::new("user.created", "user", Some(owner.id.to_string())).after(user_audit_view(&owner)),
    )
    .await?;
    let tenant_id = TenantId(tenant.id);
    let user_id = UserId(owner.id);
    let session = sessions::start(&txn, state, owner).await?;
    check_in(&txn, state, tenant_id, user_id).await?;
    crate::reports::periodic::ensure_scheduled(&txn, tenant_id, now).await?;
    txn.commit().await?;
    Ok(session)
}

/// A sign-in opens (or extends) a work session: the check-in of the work-time record.
async fn check_in(db: &impl ConnectionTrait, state: &AppState, tenant: TenantId, user: UserId) -> ApiResult<()> {
    let zone = worktime::activity::zone_of(db, tenant).await?;
    let gap = worktime::activity::idle_gap(&state.config);
    worktime::activity::record(db, tenant, user, zone, clock::now(), gap).await
}

/// The fields of a user that the audit log shows (never secrets).
pub fn user_audit_view(u: &user::Model) -> serde_json::Value {
    json!({
        "name": u.name,
        "email": u.email,
        "role": u.role,
        "status": u.status,
        "start_date": u.start_date,
        "totp_enabled": u.totp_enabled,
    })
}

/// Checks the password (and the 2FA code when enabled) under throttling, then signs in.
pub async fn login(state: &AppState, req: LoginRequest, meta: &RequestMeta) -> ApiResult<AuthSession> {
    let email = validation::email("email", &req.email).map_err(|e| ApiError::Validation(vec![e]))?;
    if req.password.is_empty() {
        return Err(ApiError::field("password", "required", "password is required"));
    }
    throttle::check(&state.db, &state.config, &email, &meta.ip).await?;
    let user = find_user_by_email(&state.db, &email).await?;
    let matches = password::verify(req.password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(user) if matches => user,
        _ => {
            throttle::record(&state.db, &email, &meta.ip, false).await?;
            return Err(ApiError::unauthorized(
                "invalid_credentials",
                "the e-mail or password is wrong",
            ));
        }
    };
    if !user.is_active() {
        return Err(ApiError::forbidden(
            "user_inactive",
            "this account has been deactivated; ask your administrator",
        ));
    }
    if user.totp_enabled {
        let secret = user.totp_secret.clone().unwrap_or_default();
        match req.totp_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => {
                return Err(ApiError::unauthorized(
                    "totp_required",
                    "enter the 6-digit code from your authenticator app",
                ));
            }
            Some(code) if !totp::code_matches(&secret, &user.email, code)? => {
                throttle::record(&state.db, &email, &meta.ip, false).await?;
                return Err(ApiError::Unauthorized {
                    code: "totp_invalid",
                    field: Some("totp_code"),
                    detail: "the code is wrong or has expired".into(),
                });
            }
            Some(_) => {}
        }
    }
    throttle::record(&state.db, &email, &meta.ip, true).await?;
    let checked_in = user.tenant_id.map(|tenant| (TenantId(tenant), UserId(user.id)));
    let session = sessions::start(&state.db, state, user).await?;
    if let Some((tenant, user)) = checked_in {
        check_in(&state.db, state, tenant, user).await?;
    }
    Ok(session)
}

async fn load_self(db: &impl ConnectionTrait, principal: &Principal) -> ApiResult<user::Model> {
    let (id, _) = principal.require_user()?;
    Users::find_by_id(id.0).one(db).await?.ok_or(ApiError::NotFound("user"))
}

/// Changes the caller's password, ends all their sessions and starts a fresh one.
pub async fn change_password(state: &AppState, principal: &Principal, req: ChangePassword) -> ApiResult<AuthSession> {
    let me = load_self(&state.db, principal).await?;
    validation::password("new_password", &req.new_password, Some(&me.email))
        .map_err(|e| ApiError::Validation(vec![e]))?;
    if !password::verify(req.current_password, Some(me.password_hash.clone())).await? {
        return Err(ApiError::field(
            "current_password",
            "incorrect",
            "the current password is wrong",
        ));
    }
    let new_hash = password::hash(req.new_password).await?;
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = me.clone().into();
    active.password_hash = Set(new_hash);
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    sessions::revoke_all_for_user(&txn, me.id).await?;
    audit::record(
        &txn,
        principal,
        AuditEvent::new("user.password_changed", "user", Some(me.id.to_string())),
    )
    .await?;
    let session = sessions::start(&txn, state, updated).await?;
    txn.commit().await?;
    Ok(session)
}

/// Starts 2FA enrolment: a new secret, pending until confirmed with a code.
pub async fn enroll_totp(state: &AppState, principal: &Principal) -> ApiResult<TotpEnrollment> {
    let me = load_self(&state.db, principal).await?;
    if me.totp_enabled {
        return Err(ApiError::conflict(
            "totp_already_enabled",
            None,
            "two-factor sign-in is already on; disable it first",
        ));
    }
    let secret = totp::new_secret();
    let otpauth_uri = totp::otpauth_uri(&secret, &me.email)?;
    let mut active: user::ActiveModel = me.into();
    active.totp_secret = Set(Some(secret.clone()));
    active.updated_at = Set(clock::now());
    active.update(&state.db).await?;
    Ok(TotpEnrollment { secret, otpauth_uri })
}

/// Turns 2FA on once the user proves their app generates the right codes.
pub async fn confirm_totp(state: &AppState, principal: &Principal, code: &str) -> ApiResult<()> {
    let me = load_self(&state.db, principal).await?;
    if me.totp_enabled {
        return Err(ApiError::conflict(
            "totp_already_enabled",
            None,
            "two-factor sign-in is already on",
        ));
    }
    let Some(secret) = me.totp_secret.clone() else {
        return Err(ApiError::conflict("totp_not_enrolled", None, "start enrolment first"));
    };
    if !totp::code_matches(&secret, &me.email, code)? {
        return Err(ApiError::field(
            "code",
            "totp_invalid",
            "the code is wrong or has expired",
        ));
    }
    set_totp(state, principal, me, true, Some(secret)).await
}

/// Turns 2FA off; needs the password and a current code.
pub async fn disable_totp(state: &AppState, principal: &Principal, password_raw: String, code: &str) -> ApiResult<()> {
    let me = load_self(&state.db, principal).await?;
    if !me.totp_enabled {
        return Err(ApiError::conflict(
            "totp_not_enabled",
            None,
            "two-factor sign-in is not on",
        ));
    }
    if !password::verify(password_raw, Some(me.password_hash.clone())).await? {
        return Err(ApiError::field("password", "incorrect", "the password is wrong"));
    }
    let secret = me.totp_secret.clone().unwrap_or_default();
    if !totp::code_matches(&secret, &me.email, code)? {
        return Err(ApiError::field(
            "code",
            "totp_invalid",
            "the code is wrong or has expired",
        ));
    }
    set_totp(state, principal, me, false, None).await
}

async fn set_totp(
    state: &AppState,
    principal: &Principal,
    me: user::Model,
    enabled: bool,
    secret: Option<String>,
) -> ApiResult<()> {
    let txn = state.db.begin().await?;
    let before = user_audit_view(&me);
    let mut active: user::ActiveModel = me.into();
    active.totp_enabled = Set(enabled);
    active.totp_secret = Set(secret);
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    let action = if enabled {
        "user.totp_enabled"
    } else {
        "user.totp_disabled"
    };
    audit::record(
        &txn,
        principal,
        AuditEvent::new(action, "user", Some(updated.id.to_string()))
            .before(before)
            .after(user_audit_view(&updated)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
