//! Password hashing with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane),
//! run off the async executor.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{ApiError, ApiResult};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format argon2id hash.
pub async fn hash(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || {
        argon2()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("cannot hash password: {e}")))
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
}

/// True when `password` matches `stored`. With no stored hash (unknown account) a decoy is
/// checked so the answer takes as long either way; it never matches.
pub async fn verify(password: String, stored: Option<String>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || {
        let hash: &str = match &stored {
            Some(stored) => stored,
            None => decoy_hash(),
        };
        let matches = argon2().verify_password(password.as_bytes(), hash).is_ok();
        matches && stored.is_some()
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))
}

fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        argon2()
            .hash_password(b"no account has this password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hashed = hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("correct horse battery".into(), Some(hashed.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong horse battery".into(), Some(hashed)).await.unwrap());
        assert!(!verify("anything".into(), Some("not a hash".into())).await.unwrap());
        assert!(!verify("no account has this password".into(), None).await.unwrap());
    }
}
