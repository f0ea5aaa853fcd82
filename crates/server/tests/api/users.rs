use reqwest::StatusCode;
use serde_json::json;
use voronka_types::users::{CreateUser, User, UserStatus};
use voronka_types::{Page, Role};

use crate::helpers::*;

fn new_manager(email: &str) -> CreateUser {
    CreateUser {
        name: "Maria Sidorova".into(),
        email: email.into(),
        role: Role::Manager,
        start_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()),
        status: Some(UserStatus::Active),
        password: Some(PASSWORD.into()),
    }
}

#[tokio::test]
async fn the_owner_creates_a_manager_who_then_appears_in_the_team() {
    let app = spawn_app().await;
    let owner = app.register("Team Co").await;
    let email = unique_email("maria");
    let created: User = ok_json(
        app.post("/api/v1/users", Some(&owner.access_token), &new_manager(&email))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.role, Role::Manager);
    assert_eq!(created.start_date, chrono::NaiveDate::from_ymd_opt(2026, 11, 1));
    assert_eq!(created.tenant_id, owner.user.tenant_id);
    let page: Page<User> = ok_json(app.get("/api/v1/users", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(page.total, 2);
    assert!(page.items.iter().any(|u| u.email == email));
    let one: User = ok_json(
        app.get(&format!("/api/v1/users/{}", created.id), &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(one, created);
    app.login(&email, PASSWORD).await;
}

#[tokio::test]
async fn creating_users_with_bad_input_names_the_field() {
    let app = spawn_app().await;
    let owner = app.register("Bad Input Co").await;
    let t = Some(owner.access_token.as_str());
    let cases = [
        (json!({"name": "A", "email": "broken", "role": "manager"}), "email"),
        (
            json!({"name": "", "email": unique_email("a"), "role": "manager"}),
            "name",
        ),
        (json!({"name": "A", "email": unique_email("a"), "role": "boss"}), "role"),
        (
            json!({"name": "A", "email": unique_email("a"), "role": "platform_admin"}),
            "role",
        ),
        (
            json!({"name": "A", "email": unique_email("a"), "role": "manager", "password": "123"}),
            "password",
        ),
        (
            json!({"name": "A", "email": unique_email("a"), "role": "manager", "start_date": "yesterday"}),
            "start_date",
        ),
        (
            json!({"name": "A", "email": unique_email("a"), "role": "manager", "status": "sleeping"}),
            "status",
        ),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/users", t, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let p = problem(
        app.post("/api/v1/users", t, &new_manager(&owner.user.email)).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    names_field(&p, "email");
    let page: Page<User> = ok_json(app.get("/api/v1/users", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(page.total, 1, "nothing was half-created");
}

#[tokio::test]
async fn a_manager_cannot_create_users_or_change_roles() {
    let app = spawn_app().await;
    let owner = app.register("Rbac Co").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (colleague, _) = app.user_with_role(&owner.access_token, Role::Manager).await;
    problem(
        app.post(
            "/api/v1/users",
            Some(&manager.access_token),
            &new_manager(&unique_email("x")),
        )
        .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let promote = json!({"role": "head_of_sales"});
    problem(
        app.patch(
            &format!("/api/v1/users/{}", colleague.id),
            &manager.access_token,
            &promote,
        )
        .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    // …but can read the team and rename themselves.
    let page: Page<User> = ok_json(app.get("/api/v1/users", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(page.total, 3);
    let renamed: User = ok_json(
        app.patch(
            &format!("/api/v1/users/{}", manager.user.id),
            &manager.access_token,
            &json!({"name": "Masha"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed.name, "Masha");
}

#[tokio::test]
async fn a_head_of_sales_manages_managers_but_not_owners() {
    let app = spawn_app().await;
    let owner = app.register("Hos Co").await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let created: User = ok_json(
        app.post(
            "/api/v1/users",
            Some(&head.access_token),
            &new_manager(&unique_email("m")),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let mut owner_body = new_manager(&unique_email("o"));
    owner_body.role = Role::Owner;
    problem(
        app.post("/api/v1/users", Some(&head.access_token), &owner_body).await,
        StatusCode::FORBIDDEN,
        "owner_only",
    )
    .await;
    problem(
        app.patch(
            &format!("/api/v1/users/{}", owner.user.id),
            &head.access_token,
            &json!({"status": "inactive"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "owner_only",
    )
    .await;
    let updated: User = ok_json(
        app.patch(
            &format!("/api/v1/users/{}", created.id),
            &head.access_token,
            &json!({"role": "head_of_sales", "start_date": null}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated.role, Role::HeadOfSales);
    assert_eq!(updated.start_date, None);
}

#[tokio::test]
async fn nobody_changes_their_own_role_or_status() {
    let app = spawn_app().await;
    let owner = app.register("Self Co").await;
    let path = format!("/api/v1/users/{}", owner.user.id);
    let p = problem(
        app.patch(&path, &owner.access_token, &json!({"role": "manager"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "role");
    let p = problem(
        app.patch(&path, &owner.access_token, &json!({"status": "inactive"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "status");
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in_and_their_sessions_die_at_once() {
    let app = spawn_app().await;
    let owner = app.register("Deactivate Co").await;
    let (manager, session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let updated: User = ok_json(
        app.patch(
            &format!("/api/v1/users/{}", manager.id),
            &owner.access_token,
            &json!({"status": "inactive"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated.status, UserStatus::Inactive);
    problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": session.refresh_token}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    problem(
        app.get("/api/v1/me", &session.access_token).await,
        StatusCode::UNAUTHORIZED,
        "user_inactive",
    )
    .await;
    let login = json!({"email": manager.email, "password": PASSWORD});
    problem(
        app.post("/api/v1/auth/login", None, &login).await,
        StatusCode::FORBIDDEN,
        "user_inactive",
    )
    .await;
}

#[tokio::test]
async fn another_companys_users_are_invisible() {
    let app = spawn_app().await;
    let a = app.register("Company A").await;
    let b = app.register("Company B").await;
    let (b_manager, _) = app.user_with_role(&b.access_token, Role::Manager).await;
    let path = format!("/api/v1/users/{}", b_manager.id);
    problem(
        app.get(&path, &a.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.patch(&path, &a.access_token, &json!({"name": "Hijacked"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.get("/api/v1/users/not-a-uuid", &a.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let page: Page<User> = ok_json(app.get("/api/v1/users", &a.access_token).await, StatusCode::OK).await;
    assert!(page.items.iter().all(|u| u.tenant_id == a.user.tenant_id));
    assert_eq!(page.total, 1);
}

#[tokio::test]
async fn the_team_list_filters_searches_and_pages_with_cursors() {
    let app = spawn_app().await;
    let owner = app.register("Paging Co").await;
    for i in 0..5 {
        let mut body = new_manager(&unique_email(&format!("page{i}")));
        body.name = format!("Seller {i}");
        body.password = None;
        app.post("/api/v1/users", Some(&owner.access_token), &body).await;
    }
    let first: Page<User> = ok_json(
        app.get("/api/v1/users?limit=2", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((first.items.len(), first.total), (2, 6));
    let cursor = first.next_cursor.clone().expect("more pages");
    let second: Page<User> = ok_json(
        app.get(&format!("/api/v1/users?limit=2&cursor={cursor}"), &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(second.items.len(), 2);
    assert!(second.items.iter().all(|u| !first.items.contains(u)));
    let managers: Page<User> = ok_json(
        app.get("/api/v1/users?role=manager", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(managers.total, 5);
    let search: Page<User> = ok_json(
        app.get("/api/v1/users?q=seller%203", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(search.total, 1);
    assert_eq!(search.items[0].name, "Seller 3");
    let p = problem(
        app.get("/api/v1/users?limit=0", &owner.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "limit");
    let p = problem(
        app.get("/api/v1/users?cursor=zzz", &owner.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "cursor");
    let p = problem(
        app.get("/api/v1/users?role=boss", &owner.access_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "role");
}
