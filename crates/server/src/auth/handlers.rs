//! `/api/v1/auth/*`: sign-up, sign-in, tokens, password and two-factor.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use voronka_types::Problem;
use voronka_types::auth::{
    AuthSession, ChangePassword, LoginRequest, PasswordResetConfirm, PasswordResetRequest, RefreshRequest,
    RegisterRequest, TotpConfirm, TotpDisable, TotpEnrollment,
};

use super::principal::{Principal, client_ip, request_id};
use super::service::{self, RequestMeta};
use super::{reset, sessions};
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::startup::AppState;
use crate::tenants;

fn meta(req: &HttpRequest, state: &AppState) -> RequestMeta {
    RequestMeta {
        ip: client_ip(req, state.config.trust_proxy_headers),
        request_id: request_id(req),
        locale: tenants::service::locale_from_accept_language(
            req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        ),
    }
}

/// Creates a company and its owner; answers the owner's first session.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = AuthSession),
        (status = 409, description = "The e-mail is taken (`email_taken`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid; `errors` names it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
#[tracing::instrument(skip_all)]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let session = service::register(&state, body.0, &meta(&req, &state)).await?;
    Ok(HttpResponse::Created().json(session))
}

/// Signs in. With two-factor on, the first try without `totp_code` answers 401 `totp_required`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = AuthSession),
        (status = 401, description = "`invalid_credentials`, `totp_required` or `totp_invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`user_inactive`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let session = service::login(&state, body.0, &meta(&req, &state)).await?;
    Ok(HttpResponse::Ok().json(session))
}

/// Exchanges a refresh token for a new session. Each refresh token works once; reusing one
/// ends the whole session family.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = AuthSession),
        (status = 401, description = "`invalid_refresh_token`, `refresh_token_reused` or `user_inactive`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
#[tracing::instrument(skip_all)]
pub async fn refresh(state: web::Data<AppState>, body: ApiJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    let session = sessions::rotate(&state.db, &state, &body.0.refresh_token).await?;
    Ok(HttpResponse::Ok().json(session))
}

/// Ends the session the refresh token belongs to.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 204)))]
#[post("/auth/logout")]
#[tracing::instrument(skip_all)]
pub async fn logout(state: web::Data<AppState>, body: ApiJson<RefreshRequest>) -> ApiResult<HttpResponse> {
    if let Some(user) = sessions::end(&state.db, &body.0.refresh_token).await? {
        let gap = crate::worktime::activity::idle_gap(&state.config);
        crate::worktime::activity::check_out_user(&state.db, user, crate::clock::now(), gap).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the caller's password; all their sessions end and a new one is returned.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses(
        (status = 200, body = AuthSession),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
#[tracing::instrument(skip_all)]
pub async fn change_password(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<ChangePassword>,
) -> ApiResult<HttpResponse> {
    let session = service::change_password(&state, &principal, body.0).await?;
    Ok(HttpResponse::Ok().json(session))
}

/// Starts two-factor enrolment: scan the URI, then confirm with a code.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = TotpEnrollment),
        (status = 409, description = "`totp_already_enabled`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/2fa/enroll")]
#[tracing::instrument(skip_all)]
pub async fn enroll_totp(state: web::Data<AppState>, principal: Principal) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::enroll_totp(&state, &principal).await?))
}

/// Turns two-factor sign-in on.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = TotpConfirm,
    responses(
        (status = 204),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/2fa/confirm")]
#[tracing::instrument(skip_all)]
pub async fn confirm_totp(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<TotpConfirm>,
) -> ApiResult<HttpResponse> {
    service::confirm_totp(&state, &principal, &body.0.code).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Turns two-factor sign-in off.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = TotpDisable,
    responses(
        (status = 204),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/2fa/disable")]
#[tracing::instrument(skip_all)]
pub async fn disable_totp(
    state: web::Data<AppState>,
    principal: Principal,
    body: ApiJson<TotpDisable>,
) -> ApiResult<HttpResponse> {
    let TotpDisable { password, code } = body.0;
    service::disable_totp(&state, &principal, password, &code).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// E-mails a reset link if the account exists. Always 202, so it reveals nothing.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    body: ApiJson<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    reset::request(&state, &body.0.email).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the token from the e-mailed link.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetConfirm,
    responses(
        (status = 204),
        (status = 422, description = "`token` invalid or expired, or the password is weak", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset/confirm")]
#[tracing::instrument(skip_all)]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<PasswordResetConfirm>,
) -> ApiResult<HttpResponse> {
    let PasswordResetConfirm { token, new_password } = body.0;
    reset::confirm(&state, &token, new_password, &meta(&req, &state)).await?;
    Ok(HttpResponse::NoContent().finish())
}
