//! `/auth/*`: sign-up, sign-in, tokens, password and two-factor.

use voronka_types::Problem;
use voronka_types::auth::{
    AuthSession, ChangePassword, LoginRequest, PasswordResetConfirm, PasswordResetRequest, RefreshRequest,
    RegisterRequest, TotpConfirm, TotpDisable, TotpEnrollment,
};

use super::client::Call;
use super::tokens;

/// `POST /auth/register`: creates a company and its owner, and signs the owner in.
pub async fn register(request: &RegisterRequest) -> Result<AuthSession, Problem> {
    let session: AuthSession = Call::post("/auth/register").public().json(request)?.fetch().await?;
    tokens::store(&session);
    Ok(session)
}

/// `POST /auth/login`. With two-factor on, the first try answers `totp_required`.
pub async fn login(request: &LoginRequest) -> Result<AuthSession, Problem> {
    let session: AuthSession = Call::post("/auth/login").public().json(request)?.fetch().await?;
    tokens::store(&session);
    Ok(session)
}

/// `POST /auth/refresh`. Use through the client's transparent refresh, not directly.
pub(crate) async fn refresh(request: &RefreshRequest) -> Result<AuthSession, Problem> {
    Call::post("/auth/refresh").public().json(request)?.fetch().await
}

/// `POST /auth/logout`: ends this session on the server and forgets it here, even offline.
pub async fn logout() -> Result<(), Problem> {
    let result = match tokens::refresh_token() {
        Some(refresh_token) => {
            Call::post("/auth/logout")
                .public()
                .json(&RefreshRequest { refresh_token })?
                .fetch_empty()
                .await
        }
        None => Ok(()),
    };
    tokens::clear();
    result
}

/// `POST /auth/password`: the signed-in user changes their password. The server ends every
/// session of the user and answers a fresh one, which replaces this device's tokens.
pub async fn change_password(request: &ChangePassword) -> Result<AuthSession, Problem> {
    let session: AuthSession = Call::post("/auth/password").json(request)?.fetch().await?;
    tokens::store(&session);
    Ok(session)
}

/// `POST /auth/2fa/enroll`: a new secret to put into an authenticator app.
pub async fn enroll_totp() -> Result<TotpEnrollment, Problem> {
    Call::post("/auth/2fa/enroll").fetch().await
}

/// `POST /auth/2fa/confirm`: turns two-factor on with a first code.
pub async fn confirm_totp(request: &TotpConfirm) -> Result<(), Problem> {
    Call::post("/auth/2fa/confirm").json(request)?.fetch_empty().await
}

/// `POST /auth/2fa/disable`.
pub async fn disable_totp(request: &TotpDisable) -> Result<(), Problem> {
    Call::post("/auth/2fa/disable").json(request)?.fetch_empty().await
}

/// `POST /auth/password-reset`: e-mails a reset link (always accepted).
pub async fn request_password_reset(request: &PasswordResetRequest) -> Result<(), Problem> {
    Call::post("/auth/password-reset")
        .public()
        .json(request)?
        .fetch_empty()
        .await
}

/// `POST /auth/password-reset/confirm`: sets a new password with the e-mailed token.
pub async fn confirm_password_reset(request: &PasswordResetConfirm) -> Result<(), Problem> {
    Call::post("/auth/password-reset/confirm")
        .public()
        .json(request)?
        .fetch_empty()
        .await
}
