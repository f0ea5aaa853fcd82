//! `/roles`: the company's role → permission matrix.

use voronka_types::roles::{RolePermissions, SetRolePermissions};
use voronka_types::{Problem, Role};

use super::client::Call;

/// `GET /roles`: every role with its permissions.
pub async fn list_roles() -> Result<Vec<RolePermissions>, Problem> {
    Call::get("/roles").fetch().await
}

/// `PUT /roles/{role}/permissions`: replaces a role's permissions.
pub async fn set_role_permissions(role: Role, request: &SetRolePermissions) -> Result<RolePermissions, Problem> {
    Call::put(format!("/roles/{}/permissions", role.as_str()))
        .json(request)?
        .fetch()
        .await
}
