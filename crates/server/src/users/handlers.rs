//! `/api/v1/users` and `/api/v1/me`.

use actix_web::{HttpResponse, get, patch, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::users::{CreateUser, Me, UpdateUser, User, UserStatus};
use voronka_types::{Page, Permission, Problem, Role, UserId};

use super::entity::Entity as Users;
use super::service::{self, UserFilter};
use crate::auth::principal::{Actor, Principal};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination;
use crate::startup::AppState;
use crate::tenants;
use sea_orm::EntityTrait;

/// Who is signed in, their company and their permissions.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
#[tracing::instrument(skip_all)]
pub async fn me(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    let Actor::User { id, .. } = principal.actor else {
        return Err(ApiError::forbidden(
            "user_required",
            "API keys have no profile; use a user's token",
        ));
    };
    let user = Users::find_by_id(id.0)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound("user"))?;
    let tenant = match principal.tenant_id {
        Some(tid) => tenants::service::find(&state.db, tid).await?.map(Into::into),
        None => None,
    };
    Ok(HttpResponse::Ok().json(Me {
        user: user.into(),
        tenant,
        permissions: principal.permissions.into_iter().collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
    /// Part of the name or e-mail.
    q: Option<String>,
    role: Option<Role>,
    status: Option<UserStatus>,
}

/// The company's users.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(UserQuery),
    responses(
        (status = 200, body = Page<User>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
#[tracing::instrument(skip_all)]
pub async fn list_users(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<UserQuery>,
) -> ApiResult<HttpResponse> {
    principal.require(Permission::UsersRead)?;
    let query = query.0;
    let limit = pagination::limit(query.limit)?;
    let cursor = query.cursor.as_deref().map(pagination::decode_cursor).transpose()?;
    let filter = UserFilter {
        q: query.q,
        role: query.role,
        status: query.status,
    };
    let page = service::list(&state.db, principal.tenant()?, filter, cursor, limit).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Adds a user (manager, head of sales …). Without `password` they get an e-mail link.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUser,
    responses(
        (status = 201, body = User),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
#[tracing::instrument(skip_all)]
pub async fn create_user(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<CreateUser>,
) -> ApiResult<HttpResponse> {
    let user = service::create(&state, &principal, body.0).await?;
    Ok(HttpResponse::Created().json(user))
}

/// One user of the company.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = UserId, Path)),
    responses(
        (status = 200, body = User),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
#[tracing::instrument(skip_all, fields(user_id = %path))]
pub async fn get_user(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<UserId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    if principal.user_id() != Some(id) {
        principal.require(Permission::UsersRead)?;
    }
    let user = service::find_in_tenant(&state.db, principal.tenant()?, id).await?;
    Ok(HttpResponse::Ok().json(User::from(user)))
}

/// Changes name, role, status or start date. Deactivating a user ends their sessions.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = UserId, Path)),
    request_body = UpdateUser,
    responses(
        (status = 200, body = User),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
#[tracing::instrument(skip_all, fields(user_id = %path))]
pub async fn update_user(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<UserId>,
    body: ApiJson<UpdateUser>,
) -> ApiResult<HttpResponse> {
    let user = service::update(&state, &principal, path.into_inner(), body.0).await?;
    Ok(HttpResponse::Ok().json(user))
}
