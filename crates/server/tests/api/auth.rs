use reqwest::{Method, StatusCode};
use serde_json::json;
use voronka_types::Role;
use voronka_types::auth::AuthSession;
use voronka_types::users::Me;

use crate::helpers::*;

#[tokio::test]
async fn registering_creates_a_company_and_its_owner_with_a_session() {
    let app = spawn_app().await;
    let email = unique_email("Anna");
    let body = json!({"company_name": "Stroy Plus", "name": "Anna Petrova", "email": email.to_uppercase(), "password": PASSWORD});
    let session: AuthSession = ok_json(
        app.post("/api/v1/auth/register", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(session.token_type, "Bearer");
    assert_eq!(session.user.role, Role::Owner);
    assert_eq!(
        session.user.email,
        email.to_lowercase(),
        "e-mails are stored lower-cased"
    );
    let me: Me = ok_json(app.get("/api/v1/me", &session.access_token).await, StatusCode::OK).await;
    assert_eq!(me.tenant.unwrap().name, "Stroy Plus");
    assert!(me.permissions.len() > 10, "the owner holds every permission");
}

#[tokio::test]
async fn registering_a_taken_email_answers_409_naming_the_email() {
    let app = spawn_app().await;
    let email = unique_email("dup");
    let body = json!({"company_name": "A", "name": "A", "email": email, "password": PASSWORD});
    assert_eq!(
        app.post("/api/v1/auth/register", None, &body).await.status(),
        StatusCode::CREATED
    );
    let again = json!({"company_name": "B", "name": "B", "email": email.to_uppercase(), "password": PASSWORD});
    let p = problem(
        app.post("/api/v1/auth/register", None, &again).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    names_field(&p, "email");
}

#[tokio::test]
async fn registering_with_bad_input_names_every_bad_field_and_creates_nothing() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"company_name": "", "name": "A", "email": "a@b.co", "password": PASSWORD}),
            "company_name",
        ),
        (
            json!({"company_name": "A", "name": "A", "email": "not-an-email", "password": PASSWORD}),
            "email",
        ),
        (
            json!({"company_name": "A", "name": "A", "email": "a@b.co", "password": "short"}),
            "password",
        ),
        (
            json!({"company_name": "A", "name": "A", "email": "a@b.co", "password": "password123"}),
            "password",
        ),
        (
            json!({"company_name": "x".repeat(201), "name": "A", "email": "a@b.co", "password": PASSWORD}),
            "company_name",
        ),
        (
            json!({"company_name": "A", "email": "a@b.co", "password": PASSWORD}),
            "name",
        ),
        (
            json!({"company_name": "A", "name": 42, "email": "a@b.co", "password": PASSWORD}),
            "name",
        ),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/auth/register", None, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    // None of the attempts left an account behind.
    let body = json!({"email": "a@b.co", "password": PASSWORD});
    problem(
        app.post("/api/v1/auth/login", None, &body).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
}

#[tokio::test]
async fn unreadable_bodies_answer_4xx_problems() {
    let app = spawn_app_with(|c| c.max_body_bytes = 2048).await;
    let malformed = app
        .request(Method::POST, "/api/v1/auth/register", None)
        .header("content-type", "application/json")
        .body("{\"company_name\": ")
        .send()
        .await
        .unwrap();
    problem(malformed, StatusCode::BAD_REQUEST, "malformed_json").await;
    let form = app
        .request(Method::POST, "/api/v1/auth/register", None)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    problem(form, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
    let huge = json!({"company_name": "x".repeat(5000), "name": "A", "email": "a@b.co", "password": PASSWORD});
    problem(
        app.post("/api/v1/auth/register", None, &huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
}

#[tokio::test]
async fn login_gives_tokens_and_wrong_passwords_or_unknown_emails_look_alike() {
    let app = spawn_app().await;
    let owner = app.register("Login Co").await;
    let session = app.login(&owner.user.email, PASSWORD).await;
    assert_eq!(session.user.id, owner.user.id);
    let wrong = json!({"email": owner.user.email, "password": "Wrong-Horse-42"});
    let a = problem(
        app.post("/api/v1/auth/login", None, &wrong).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = json!({"email": unique_email("ghost"), "password": PASSWORD});
    let b = problem(
        app.post("/api/v1/auth/login", None, &unknown).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(a.detail, b.detail);
}

#[tokio::test]
async fn repeated_failures_for_one_account_are_throttled_with_retry_after() {
    let app = spawn_app_with(|c| c.login_max_failures_per_account = 3).await;
    let owner = app.register("Throttle Co").await;
    let wrong = json!({"email": owner.user.email, "password": "Wrong-Horse-42"});
    for _ in 0..3 {
        problem(
            app.post("/api/v1/auth/login", None, &wrong).await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
    }
    let response = app.post("/api/v1/auth/login", None, &wrong).await;
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60);
    problem(response, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Even the right password waits now.
    let right = json!({"email": owner.user.email, "password": PASSWORD});
    problem(
        app.post("/api/v1/auth/login", None, &right).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

#[tokio::test]
async fn many_failures_from_one_address_are_throttled_across_accounts() {
    let app = spawn_app_with(|c| c.login_max_failures_per_ip = 4).await;
    for _ in 0..4 {
        let body = json!({"email": unique_email("spray"), "password": "Wrong-Horse-42"});
        problem(
            app.post("/api/v1/auth/login", None, &body).await,
            StatusCode::UNAUTHORIZED,
            "invalid_credentials",
        )
        .await;
    }
    let body = json!({"email": unique_email("spray"), "password": "Wrong-Horse-42"});
    problem(
        app.post("/api/v1/auth/login", None, &body).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

#[tokio::test]
async fn a_refresh_token_rotates_and_its_reuse_ends_the_session_family() {
    let app = spawn_app().await;
    let first = app.register("Refresh Co").await;
    let second: AuthSession = ok_json(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": first.refresh_token}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_ne!(second.refresh_token, first.refresh_token);
    // Replaying the first token is theft: the whole family dies, including `second`.
    problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": first.refresh_token}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_reused",
    )
    .await;
    problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": second.refresh_token}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    // Another sign-in is a different family and still works.
    let other = app.login(&first.user.email, PASSWORD).await;
    let response = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": other.refresh_token}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let session = app.register("Logout Co").await;
    let response = app
        .post(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": session.refresh_token}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
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
}

#[tokio::test]
async fn missing_forged_and_expired_access_tokens_answer_401() {
    let app = spawn_app().await;
    let session = app.register("Token Co").await;
    let none = app.request(Method::GET, "/api/v1/me", None).send().await.unwrap();
    assert_eq!(none.headers()["www-authenticate"], "Bearer");
    problem(none, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let mut forged = session.access_token.clone();
    forged.pop();
    forged.push(if session.access_token.ends_with('A') { 'B' } else { 'A' });
    problem(
        app.get("/api/v1/me", &forged).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    problem(
        app.get("/api/v1/me", "garbage").await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    let now = chrono::Utc::now().timestamp();
    let claims = json!({"sub": session.user.id, "iat": now - 3600, "exp": now - 600, "typ": "access"});
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap();
    problem(
        app.get("/api/v1/me", &expired).await,
        StatusCode::UNAUTHORIZED,
        "token_expired",
    )
    .await;
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_needs_the_current_one() {
    let app = spawn_app().await;
    let first = app.register("Password Co").await;
    let body = json!({"current_password": "Not-The-Password-1", "new_password": "Brand-New-Secret-9"});
    let p = problem(
        app.post("/api/v1/auth/password", Some(&first.access_token), &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "current_password");
    let weak = json!({"current_password": PASSWORD, "new_password": "short"});
    let p = problem(
        app.post("/api/v1/auth/password", Some(&first.access_token), &weak)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "new_password");
    let body = json!({"current_password": PASSWORD, "new_password": "Brand-New-Secret-9"});
    let fresh: AuthSession = ok_json(
        app.post("/api/v1/auth/password", Some(&first.access_token), &body)
            .await,
        StatusCode::OK,
    )
    .await;
    problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": first.refresh_token}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    let response = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": fresh.refresh_token}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    app.login(&first.user.email, "Brand-New-Secret-9").await;
}

#[tokio::test]
async fn token_endpoints_name_a_missing_token_and_profile_endpoints_refuse_api_keys() {
    let app = spawn_app().await;
    let owner = app.register("Shapes Co").await;
    let p = problem(
        app.post("/api/v1/auth/refresh", None, &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "refresh_token");
    let p = problem(
        app.post("/api/v1/auth/logout", None, &json!({"refresh_token": 7}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "refresh_token");
    let key: voronka_types::api_keys::CreatedApiKey = ok_json(
        app.post(
            "/api/v1/api-keys",
            Some(&owner.access_token),
            &json!({"name": "k", "scopes": ["users.read"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    problem(
        app.post("/api/v1/auth/2fa/enroll", Some(&key.secret), &json!({})).await,
        StatusCode::FORBIDDEN,
        "user_required",
    )
    .await;
    let body = json!({"current_password": PASSWORD, "new_password": "Brand-New-Secret-9"});
    problem(
        app.post("/api/v1/auth/password", Some(&key.secret), &body).await,
        StatusCode::FORBIDDEN,
        "user_required",
    )
    .await;
}
