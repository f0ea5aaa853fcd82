use reqwest::StatusCode;
use serde_json::json;
use voronka_types::auth::{AuthSession, TotpEnrollment};
use voronka_types::users::Me;

use crate::helpers::*;

fn code_for(enrollment: &TotpEnrollment, offset_steps: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(&enrollment.secret).unwrap();
    let totp = totp_rs::Builder::new()
        .with_secret(secret)
        .with_account_name("x")
        .build()
        .unwrap();
    let now = chrono::Utc::now().timestamp() + offset_steps * 30;
    totp.generate(now as u64).to_string()
}

#[tokio::test]
async fn two_factor_enrolment_requires_a_code_at_every_later_login() {
    let app = spawn_app().await;
    let owner = app.register("TwoFA Co").await;
    let token = owner.access_token.as_str();
    let enrollment: TotpEnrollment = ok_json(
        app.post("/api/v1/auth/2fa/enroll", Some(token), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert!(enrollment.otpauth_uri.starts_with("otpauth://totp/Voronka:"));
    assert!(enrollment.otpauth_uri.contains(&enrollment.secret));

    // A wrong code does not switch it on.
    let p = problem(
        app.post(
            "/api/v1/auth/2fa/confirm",
            Some(token),
            &json!({"code": code_for(&enrollment, 10)}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "code");
    let me: Me = ok_json(app.get("/api/v1/me", token).await, StatusCode::OK).await;
    assert!(!me.user.totp_enabled);

    let response = app
        .post(
            "/api/v1/auth/2fa/confirm",
            Some(token),
            &json!({"code": code_for(&enrollment, 0)}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let without = json!({"email": owner.user.email, "password": PASSWORD});
    problem(
        app.post("/api/v1/auth/login", None, &without).await,
        StatusCode::UNAUTHORIZED,
        "totp_required",
    )
    .await;
    let wrong = json!({"email": owner.user.email, "password": PASSWORD, "totp_code": code_for(&enrollment, 10)});
    let p = problem(
        app.post("/api/v1/auth/login", None, &wrong).await,
        StatusCode::UNAUTHORIZED,
        "totp_invalid",
    )
    .await;
    names_field(&p, "totp_code");
    let right = json!({"email": owner.user.email, "password": PASSWORD, "totp_code": code_for(&enrollment, 0)});
    let session: AuthSession = ok_json(app.post("/api/v1/auth/login", None, &right).await, StatusCode::OK).await;
    assert!(session.user.totp_enabled);

    // Enrolling twice is refused while it is on.
    problem(
        app.post("/api/v1/auth/2fa/enroll", Some(token), &json!({})).await,
        StatusCode::CONFLICT,
        "totp_already_enabled",
    )
    .await;

    // Disabling needs the password and a code.
    let bad = json!({"password": "Wrong-Horse-42", "code": code_for(&enrollment, 0)});
    let p = problem(
        app.post("/api/v1/auth/2fa/disable", Some(token), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "password");
    let good = json!({"password": PASSWORD, "code": code_for(&enrollment, 0)});
    assert_eq!(
        app.post("/api/v1/auth/2fa/disable", Some(token), &good).await.status(),
        StatusCode::NO_CONTENT
    );
    app.login(&owner.user.email, PASSWORD).await;
}
