use reqwest::StatusCode;
use serde_json::json;
use voronka_types::roles::RolePermissions;
use voronka_types::users::CreateUser;
use voronka_types::{Permission, Role};

use crate::helpers::*;

#[tokio::test]
async fn a_new_company_gets_the_default_role_matrix() {
    let app = spawn_app().await;
    let owner = app.register("Matrix Co").await;
    let matrix: Vec<RolePermissions> =
        ok_json(app.get("/api/v1/roles", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(matrix.len(), 6);
    let row = |role: Role| matrix.iter().find(|r| r.role == role).unwrap();
    assert_eq!(row(Role::Owner).permissions.len(), Permission::ALL.len());
    assert!(!row(Role::Owner).editable);
    assert!(row(Role::Manager).permissions.contains(&Permission::LeadsReadOwn));
    assert!(!row(Role::Manager).permissions.contains(&Permission::UsersManage));
    assert!(row(Role::HeadOfSales).permissions.contains(&Permission::UsersManage));
}

#[tokio::test]
async fn changing_a_roles_permissions_takes_effect_on_the_next_request() {
    let app = spawn_app().await;
    let owner = app.register("Grant Co").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let invite = CreateUser {
        name: "New".into(),
        email: unique_email("new"),
        role: Role::Manager,
        start_date: None,
        status: None,
        password: None,
    };
    problem(
        app.post("/api/v1/users", Some(&manager.access_token), &invite).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;

    let body = json!({"permissions": ["leads.read.own", "leads.write", "users.read", "users.manage"]});
    let row: RolePermissions = ok_json(
        app.put("/api/v1/roles/manager/permissions", &owner.access_token, &body)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(row.permissions.len(), 4);
    assert_eq!(
        app.post("/api/v1/users", Some(&manager.access_token), &invite)
            .await
            .status(),
        StatusCode::CREATED
    );

    // Taking users.read away hides the team list too.
    let body = json!({"permissions": ["leads.read.own"]});
    app.put("/api/v1/roles/manager/permissions", &owner.access_token, &body)
        .await;
    problem(
        app.get("/api/v1/users", &manager.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}

#[tokio::test]
async fn the_owners_permissions_cannot_be_changed_and_bad_roles_or_permissions_are_named() {
    let app = spawn_app().await;
    let owner = app.register("Fixed Co").await;
    let t = owner.access_token.as_str();
    let p = problem(
        app.put("/api/v1/roles/owner/permissions", t, &json!({"permissions": []}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "role");
    let p = problem(
        app.put("/api/v1/roles/boss/permissions", t, &json!({"permissions": []}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "role");
    let p = problem(
        app.put(
            "/api/v1/roles/platform_admin/permissions",
            t,
            &json!({"permissions": []}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "role");
    let p = problem(
        app.put(
            "/api/v1/roles/manager/permissions",
            t,
            &json!({"permissions": ["leads.read.own", "fly"]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "permissions[1]");
    let me: voronka_types::users::Me = ok_json(app.get("/api/v1/me", t).await, StatusCode::OK).await;
    assert_eq!(me.permissions.len(), Permission::ALL.len());
}

#[tokio::test]
async fn only_holders_of_roles_manage_edit_the_matrix() {
    let app = spawn_app().await;
    let owner = app.register("Who Edits Co").await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let body = json!({"permissions": ["leads.read.all"]});
    problem(
        app.put("/api/v1/roles/manager/permissions", &head.access_token, &body)
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    problem(
        app.put("/api/v1/roles/manager/permissions", &manager.access_token, &body)
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}

#[tokio::test]
async fn one_companys_matrix_does_not_touch_anothers() {
    let app = spawn_app().await;
    let a = app.register("Matrix A").await;
    let b = app.register("Matrix B").await;
    app.put(
        "/api/v1/roles/guest/permissions",
        &a.access_token,
        &json!({"permissions": []}),
    )
    .await;
    let matrix: Vec<RolePermissions> = ok_json(app.get("/api/v1/roles", &b.access_token).await, StatusCode::OK).await;
    let guest = matrix.iter().find(|r| r.role == Role::Guest).unwrap();
    assert!(!guest.permissions.is_empty());
}

#[tokio::test]
async fn a_guest_cannot_read_the_matrix() {
    let app = spawn_app().await;
    let owner = app.register("Guest Co").await;
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    problem(
        app.get("/api/v1/roles", &guest.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}
