//! `/me` and `/users`: who is signed in, and the team.

use voronka_types::users::{CreateUser, Me, UpdateUser, User, UserStatus};
use voronka_types::{Page, Problem, Role, UserId};

use super::client::Call;

/// `GET /me`: the signed-in user, their company and permissions.
pub async fn me() -> Result<Me, Problem> {
    Call::get("/me").fetch().await
}

/// Filters for [`list_users`]; every one is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserFilter {
    /// Matches name or e-mail.
    pub q: Option<String>,
    /// Only people with this role.
    pub role: Option<Role>,
    /// Only active or only inactive people.
    pub status: Option<UserStatus>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (the server caps it).
    pub limit: Option<u32>,
}

/// `GET /users`: one page of the team.
pub async fn list_users(filter: &UserFilter) -> Result<Page<User>, Problem> {
    Call::get("/users")
        .query("q", filter.q.as_deref())
        .query("role", filter.role.map(Role::as_str))
        .query("status", filter.status.map(UserStatus::as_str))
        .query("cursor", filter.cursor.as_deref())
        .query("limit", filter.limit)
        .fetch()
        .await
}

/// `POST /users`.
pub async fn create_user(request: &CreateUser) -> Result<User, Problem> {
    Call::post("/users").json(request)?.fetch().await
}

/// `GET /users/{id}`.
#[expect(dead_code, reason = "part of the endpoint set; no screen opens a single user yet")]
pub async fn get_user(id: UserId) -> Result<User, Problem> {
    Call::get(format!("/users/{id}")).fetch().await
}

/// `PATCH /users/{id}`: changes only the fields that are set.
pub async fn update_user(id: UserId, request: &UpdateUser) -> Result<User, Problem> {
    Call::patch(format!("/users/{id}")).json(request)?.fetch().await
}
