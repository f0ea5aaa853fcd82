use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Role;
use voronka_types::users::CreateUser;

use crate::helpers::*;

fn token_from(body: &str) -> String {
    let start = body.find("token=").expect("the mail holds a link with a token") + "token=".len();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_sessions() {
    let app = spawn_app().await;
    let owner = app.register("Reset Co").await;
    let response = app
        .post("/api/v1/auth/password-reset", None, &json!({"email": owner.user.email}))
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let mail = app.sent_mail().pop().expect("a reset e-mail was sent");
    assert_eq!(mail.to, owner.user.email);
    assert!(mail.body.contains("http://voronka.test/reset-password?token="));
    let token = token_from(&mail.body);

    let weak = json!({"token": token, "new_password": "short"});
    let p = problem(
        app.post("/api/v1/auth/password-reset/confirm", None, &weak).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "new_password");

    let body = json!({"token": token, "new_password": "Fresh-Start-2026"});
    assert_eq!(
        app.post("/api/v1/auth/password-reset/confirm", None, &body)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    app.login(&owner.user.email, "Fresh-Start-2026").await;
    problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": owner.refresh_token}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;

    let again = json!({"token": token, "new_password": "Another-Start-2026"});
    let p = problem(
        app.post("/api/v1/auth/password-reset/confirm", None, &again).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "token");
}

#[tokio::test]
async fn reset_requests_for_unknown_emails_look_the_same_and_send_nothing() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            &json!({"email": unique_email("nobody")}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert!(app.sent_mail().is_empty());
    let p = problem(
        app.post("/api/v1/auth/password-reset", None, &json!({"email": "nope"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "email");
    let forged = json!({"token": "pr_forged", "new_password": "Fresh-Start-2026"});
    let p = problem(
        app.post("/api/v1/auth/password-reset/confirm", None, &forged).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "token");
}

#[tokio::test]
async fn a_user_created_without_a_password_is_invited_by_email_and_sets_one() {
    let app = spawn_app().await;
    let owner = app.register("Invite Co").await;
    let email = unique_email("invitee");
    let body = CreateUser {
        name: "Ivan".into(),
        email: email.clone(),
        role: Role::Manager,
        start_date: None,
        status: None,
        password: None,
    };
    assert_eq!(
        app.post("/api/v1/users", Some(&owner.access_token), &body)
            .await
            .status(),
        StatusCode::CREATED
    );
    let mail = app.sent_mail().pop().expect("an invitation was sent");
    assert_eq!(mail.to, email);
    assert!(mail.subject.contains("invited"));
    // No password works before the link is used.
    let attempt = json!({"email": email, "password": "!invited:"});
    problem(
        app.post("/api/v1/auth/login", None, &attempt).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let confirm = json!({"token": token_from(&mail.body), "new_password": "Ivans-Own-Secret-1"});
    assert_eq!(
        app.post("/api/v1/auth/password-reset/confirm", None, &confirm)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let session = app.login(&email, "Ivans-Own-Secret-1").await;
    assert_eq!(session.user.role, Role::Manager);
}

#[tokio::test]
async fn reset_emails_are_limited_per_account_per_hour() {
    let app = spawn_app().await;
    let owner = app.register("Flood Co").await;
    for _ in 0..5 {
        let response = app
            .post("/api/v1/auth/password-reset", None, &json!({"email": owner.user.email}))
            .await;
        assert_eq!(response.status(), StatusCode::ACCEPTED, "the answer never tells");
    }
    assert_eq!(
        app.sent_mail().len() as u64,
        voronka_server::auth::reset::MAX_RESETS_PER_HOUR
    );
}
