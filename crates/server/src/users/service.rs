//! The team of a tenant: listing, inviting, changing role and status.

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, Order, QueryFilter, Set,
    TransactionTrait,
};
use uuid::Uuid;
use voronka_types::users::{CreateUser, UpdateUser, User, UserStatus};
use voronka_types::{Page, Permission, Role, TenantId, UserId};

use super::entity::{self as user, Entity as Users};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::auth::reset::{self, LinkPurpose};
use crate::auth::service::{email_taken, find_user_by_email, user_audit_view};
use crate::auth::{password, sessions};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::pagination;
use crate::search;
use crate::startup::AppState;
use crate::validation::{self, Checks};

/// A user of the caller's tenant, or 404 (also for other tenants' users).
pub async fn find_in_tenant(db: &impl ConnectionTrait, tenant: TenantId, id: UserId) -> ApiResult<user::Model> {
    Users::find_by_id(id.0)
        .filter(user::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("user"))
}

/// Records a field error on `owner_id` unless `owner` is a user of `tenant`: records can only
/// be handed to colleagues.
pub async fn check_owner(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    owner: UserId,
    checks: &mut Checks,
) -> ApiResult<()> {
    if Users::find_by_id(owner.0)
        .filter(user::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .is_none()
    {
        checks.push(voronka_types::FieldError::new(
            "owner_id",
            "unknown_user",
            "no such user in your company",
        ));
    }
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    /// Part of the name or e-mail.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
}

/// The tenant's users, oldest first, keyset-paged.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    filter: UserFilter,
    cursor: Option<Uuid>,
    limit: u64,
) -> ApiResult<Page<User>> {
    let mut query = Users::find().filter(user::Column::TenantId.eq(tenant.0));
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let term = q.to_lowercase();
        query = query.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user::Column::Name))).like(search::contains(&term)))
                .add(Expr::col(user::Column::Email).like(search::contains(&term))),
        );
    }
    if let Some(role) = filter.role {
        query = query.filter(user::Column::Role.eq(role.as_str()));
    }
    if let Some(status) = filter.status {
        query = query.filter(user::Column::Status.eq(status.as_str()));
    }
    pagination::keyset_page(db, query, user::Column::Id, |row| row.id, Order::Asc, cursor, limit).await
}

/// Only the owner hands out or touches the owner role; nobody assigns platform_admin here.
fn check_role_grant(by: &Principal, role: Role, field: &str) -> ApiResult<()> {
    if role == Role::PlatformAdmin {
        return Err(ApiError::field(
            field,
            "unknown_role",
            "platform_admin cannot be assigned inside a company",
        ));
    }
    if role == Role::Owner && by.role() != Some(Role::Owner) {
        return Err(ApiError::forbidden(
            "owner_only",
            "only the owner can make someone an owner",
        ));
    }
    Ok(())
}

/// Adds a user to the caller's tenant. Without a password the user is e-mailed a link to set one.
pub async fn create(state: &AppState, by: &Principal, req: CreateUser) -> ApiResult<User> {
    by.require(Permission::UsersManage)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, 200));
    let email = checks.take(validation::email("email", &req.email));
    if let Some(password) = &req.password {
        checks.take(validation::password("password", password, email.as_deref()));
    }
    checks.finish()?;
    check_role_grant(by, req.role, "role")?;
    let (Some(name), Some(email)) = (name, email) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked fields missing")));
    };
    if find_user_by_email(&state.db, &email).await?.is_some() {
        return Err(email_taken());
    }
    let invited = req.password.is_none();
    // An invited user has no usable password until they follow the link.
    let password_hash = match req.password {
        Some(password) => password::hash(password).await?,
        None => format!("!invited:{}", Uuid::now_v7()),
    };
    let now = clock::now();
    let model = user::Model {
        id: UserId::new().0,
        tenant_id: Some(tenant.0),
        email,
        name,
        password_hash,
        role: req.role.as_str().into(),
        status: req.status.unwrap_or(UserStatus::Active).as_str().into(),
        start_date: req.start_date,
        totp_secret: None,
        totp_enabled: false,
        created_at: now,
        updated_at: now,
    };
    let txn = state.db.begin().await?;
    user::ActiveModel::from(model.clone())
        .insert(&txn)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict { .. } => email_taken(),
            other => other,
        })?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("user.created", "user", Some(model.id.to_string())).after(user_audit_view(&model)),
    )
    .await?;
    let link = if invited {
        Some(reset::create_link(&txn, state, model.id, LinkPurpose::Invitation).await?)
    } else {
        None
    };
    txn.commit().await?;
    if let Some(link) = link {
        reset::send_link(state, &model.email, &link, LinkPurpose::Invitation).await;
    }
    Ok(model.into())
}

/// Applies a partial update. Users may rename themselves; everything else needs
/// `users.manage`. Nobody changes their own role or status (no self-lockout), only the
/// owner touches owners, and deactivation ends the user's sessions at once.
pub async fn update(state: &AppState, by: &Principal, id: UserId, req: UpdateUser) -> ApiResult<User> {
    let tenant = by.tenant()?;
    let is_self = by.user_id() == Some(id);
    let only_name = req.role.is_none() && req.status.is_none() && req.start_date.is_none();
    if !(is_self && only_name) {
        by.require(Permission::UsersManage)?;
    }
    let txn = state.db.begin().await?;
    let target = find_in_tenant(&txn, tenant, id).await?;
    if is_self && (req.role.is_some_and(|r| r != target.role()) || req.status.is_some_and(|s| s != target.status())) {
        return Err(ApiError::field(
            if req.role.is_some() { "role" } else { "status" },
            "cannot_change_self",
            "you cannot change your own role or status",
        ));
    }
    if target.role() == Role::Owner && !is_self && by.role() != Some(Role::Owner) {
        return Err(ApiError::forbidden("owner_only", "only the owner can change an owner"));
    }
    let mut checks = Checks::new();
    let name = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 200)));
    checks.finish()?;
    if let Some(role) = req.role {
        check_role_grant(by, role, "role")?;
    }
    let before = user_audit_view(&target);
    let mut active: user::ActiveModel = target.clone().into();
    if let Some(name) = name {
        active.name = Set(name);
    }
    if let Some(role) = req.role {
        active.role = Set(role.as_str().into());
    }
    if let Some(status) = req.status {
        active.status = Set(status.as_str().into());
    }
    if let Some(start_date) = req.start_date {
        active.start_date = Set(start_date);
    }
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    if !updated.is_active() && target.is_active() {
        sessions::revoke_all_for_user(&txn, updated.id).await?;
    }
    let after = user_audit_view(&updated);
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("user.updated", "user", Some(updated.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated.into())
}
