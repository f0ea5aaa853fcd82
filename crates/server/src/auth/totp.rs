//! Time-based one-time passwords (RFC 6238, SHA-1, 6 digits, 30 s, ±1 step) for 2FA.

use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::error::{ApiError, ApiResult};

pub const ISSUER: &str = "Voronka";

/// A fresh 160-bit secret, base32-encoded for storage and manual entry.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

fn build(secret_base32: &str, account: &str) -> ApiResult<Totp> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored TOTP secret is not base32: {e:?}")))?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("cannot build TOTP: {e:?}")))
}

/// The `otpauth://totp/…` URI an authenticator app scans.
pub fn otpauth_uri(secret_base32: &str, account: &str) -> ApiResult<String> {
    build(secret_base32, account)?
        .to_url()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("cannot build otpauth URI: {e:?}")))
}

/// True when `code` (spaces allowed) is valid now.
pub fn code_matches(secret_base32: &str, account: &str, code: &str) -> ApiResult<bool> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(false);
    }
    Ok(build(secret_base32, account)?.check_current(&code).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_code_matches_and_others_do_not() {
        let secret = new_secret();
        let totp = build(&secret, "anna@example.com").unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let code = totp.generate(now).to_string();
        assert!(code_matches(&secret, "anna@example.com", &code).unwrap());
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 500_000) % 1_000_000);
        assert!(!code_matches(&secret, "anna@example.com", &wrong).unwrap());
        assert!(!code_matches(&secret, "anna@example.com", "12ab56").unwrap());
    }

    #[test]
    fn the_uri_names_issuer_and_account() {
        let uri = otpauth_uri(&new_secret(), "anna@example.com").unwrap();
        assert!(uri.starts_with("otpauth://totp/Voronka:anna%40example.com?"), "{uri}");
        assert!(uri.contains("issuer=Voronka"));
    }
}
