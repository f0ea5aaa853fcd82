//! Sign-up, sign-in, tokens, two-factor and password reset.

use serde::{Deserialize, Serialize};

use crate::users::User;

/// `POST /api/v1/auth/register`: a new company and its owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    pub company_name: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// `POST /api/v1/auth/login`. `totp_code` is required once two-factor is enabled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp_code: Option<String>,
}

/// Tokens handed out at sign-up, sign-in and refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthSession {
    /// Short-lived bearer token for `Authorization: Bearer …`.
    pub access_token: String,
    /// Single-use token for `POST /api/v1/auth/refresh`.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until `access_token` expires.
    pub expires_in: u64,
    pub user: User,
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Answer of `POST /api/v1/auth/2fa/enroll`: scan `otpauth_uri` (or type `secret`) into an
/// authenticator app, then confirm with a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpEnrollment {
    pub secret: String,
    pub otpauth_uri: String,
}

/// `POST /api/v1/auth/2fa/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpConfirm {
    pub code: String,
}

/// `POST /api/v1/auth/2fa/disable`: the password and a current code, so a stolen session
/// alone cannot turn two-factor off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpDisable {
    pub password: String,
    pub code: String,
}

/// `POST /api/v1/auth/password-reset`: always answers 202, whether or not the e-mail exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/password-reset/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    pub token: String,
    pub new_password: String,
}

/// `POST /api/v1/auth/password`: a signed-in user changes their own password.
/// Every other session of the user is signed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}
