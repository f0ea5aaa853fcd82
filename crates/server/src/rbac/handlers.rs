//! `/api/v1/roles`: the role → permission matrix.

use actix_web::{HttpResponse, get, put, web};
use sea_orm::TransactionTrait;
use voronka_types::Permission;
use voronka_types::roles::{RolePermissions, SetRolePermissions};

use super::service;
use crate::auth::principal::Principal;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;

/// The tenant's role matrix.
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<RolePermissions>),
        (status = 401, body = voronka_types::Problem, content_type = "application/problem+json"),
        (status = 403, body = voronka_types::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/roles")]
#[tracing::instrument(skip_all)]
pub async fn list_roles(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    principal.require(Permission::UsersRead)?;
    let matrix = service::matrix(&state.db, principal.tenant()?).await?;
    Ok(HttpResponse::Ok().json(matrix))
}

/// Replaces the permissions of one role. The owner's row cannot be changed.
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    params(("role" = String, Path, description = "head_of_sales, manager, partner, franchisee or guest")),
    request_body = SetRolePermissions,
    responses(
        (status = 200, body = RolePermissions),
        (status = 403, body = voronka_types::Problem, content_type = "application/problem+json"),
        (status = 422, body = voronka_types::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/roles/{role}/permissions")]
#[tracing::instrument(skip_all, fields(role = %path))]
pub async fn set_role_permissions(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<String>,
    body: ApiJson<SetRolePermissions>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::RolesManage)?;
    let role = service::parse_tenant_role(&path)?;
    let txn = state.db.begin().await?;
    let updated = service::set_role_permissions(&txn, &principal, role, &body.0.permissions).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(updated))
}
