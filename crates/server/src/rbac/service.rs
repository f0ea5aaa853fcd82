//! Reading and editing a tenant's role → permission matrix.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use voronka_types::roles::RolePermissions;
use voronka_types::{Permission, Role, TenantId};

use super::defaults::default_permissions;
use super::entity::{self, Entity as RolePermission};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};

/// Writes the default matrix for a new tenant.
pub async fn seed_defaults(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<()> {
    let rows: Vec<entity::ActiveModel> = Role::TENANT_ROLES
        .into_iter()
        .flat_map(|role| default_permissions(role).into_iter().map(move |p| (role, p)))
        .map(|(role, permission)| entity::ActiveModel {
            tenant_id: Set(tenant.0),
            role: Set(role.as_str().to_owned()),
            permission: Set(permission.as_str().to_owned()),
        })
        .collect();
    RolePermission::insert_many(rows).exec(db).await?;
    Ok(())
}

/// What `role` may do in `tenant`. The owner always has everything.
pub async fn permissions_for(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    role: Role,
) -> ApiResult<BTreeSet<Permission>> {
    if role == Role::Owner {
        return Ok(Permission::ALL.iter().copied().collect());
    }
    let rows = RolePermission::find()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::Role.eq(role.as_str()))
        .all(db)
        .await?;
    Ok(rows.iter().filter_map(|r| Permission::parse(&r.permission)).collect())
}

/// The whole matrix, one row per tenant role.
pub async fn matrix(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Vec<RolePermissions>> {
    let rows = RolePermission::find()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .all(db)
        .await?;
    Ok(Role::TENANT_ROLES
        .into_iter()
        .map(|role| {
            let permissions = if role == Role::Owner {
                Permission::ALL.to_vec()
            } else {
                let granted: BTreeSet<Permission> = rows
                    .iter()
                    .filter(|r| r.role == role.as_str())
                    .filter_map(|r| Permission::parse(&r.permission))
                    .collect();
                Permission::ALL
                    .iter()
                    .copied()
                    .filter(|p| granted.contains(p))
                    .collect()
            };
            RolePermissions {
                role,
                permissions,
                editable: role != Role::Owner,
            }
        })
        .collect())
}

/// Parses a role named in a path: only tenant roles are valid.
pub fn parse_tenant_role(raw: &str) -> ApiResult<Role> {
    match Role::parse(raw) {
        Some(role) if role != Role::PlatformAdmin => Ok(role),
        _ => Err(ApiError::field(
            "role",
            "unknown_role",
            format!(
                "unknown role `{raw}`; one of: {}",
                Role::TENANT_ROLES.map(Role::as_str).join(", ")
            ),
        )),
    }
}

/// Replaces a role's permissions (in the caller's transaction) and audits the change.
pub async fn set_role_permissions(
    db: &impl ConnectionTrait,
    by: &Principal,
    role: Role,
    permissions: &[Permission],
) -> ApiResult<RolePermissions> {
    let tenant = by.tenant()?;
    if role == Role::Owner {
        return Err(ApiError::field(
            "role",
            "owner_permissions_fixed",
            "the owner's permissions cannot be changed",
        ));
    }
    let before = permissions_for(db, tenant, role).await?;
    let after: BTreeSet<Permission> = permissions.iter().copied().collect();
    RolePermission::delete_many()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::Role.eq(role.as_str()))
        .exec(db)
        .await?;
    if !after.is_empty() {
        let rows = after.iter().map(|p| entity::ActiveModel {
            tenant_id: Set(tenant.0),
            role: Set(role.as_str().to_owned()),
            permission: Set(p.as_str().to_owned()),
        });
        RolePermission::insert_many(rows).exec(db).await?;
    }
    audit::record(
        db,
        by,
        AuditEvent::new("role.permissions_changed", "role", Some(role.as_str().to_owned()))
            .before(json!({ "permissions": before }))
            .after(json!({ "permissions": after })),
    )
    .await?;
    Ok(RolePermissions {
        role,
        permissions: Permission::ALL.iter().copied().filter(|p| after.contains(p)).collect(),
        editable: true,
    })
}
