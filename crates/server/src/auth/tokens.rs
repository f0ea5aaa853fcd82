//! Access tokens (short-lived HS256 JWTs) and the random secrets behind refresh, reset and
//! API-key tokens (stored only as SHA-256 hashes).

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rand::Rng;
use rand::distr::Alphanumeric;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::clock;
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: Uuid,
    /// The user's tenant (absent for platform admins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<Uuid>,
    pub iat: i64,
    pub exp: i64,
    pub typ: String,
}

/// Signs and checks access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl_secs: u64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], access_ttl_secs: u64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            access_ttl_secs,
        }
    }

    pub fn issue_access(&self, user_id: Uuid, tenant_id: Option<Uuid>) -> ApiResult<String> {
        let now = clock::now().timestamp();
        let claims = AccessClaims {
            sub: user_id,
            tid: tenant_id,
            iat: now,
            exp: now + self.access_ttl_secs as i64,
            typ: "access".into(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("cannot sign access token")))
    }

    pub fn verify_access(&self, token: &str) -> ApiResult<AccessClaims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        match decode::<AccessClaims>(token, &self.decoding, &validation) {
            Ok(data) if data.claims.typ == "access" => Ok(data.claims),
            Ok(_) => Err(ApiError::unauthorized("unauthorized", "this is not an access token")),
            Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => Err(ApiError::unauthorized(
                "token_expired",
                "the access token has expired; refresh it",
            )),
            Err(_) => Err(ApiError::unauthorized("unauthorized", "the access token is not valid")),
        }
    }
}

/// A random URL-safe secret of `len` characters with a readable prefix.
pub fn random_secret(prefix: &str, len: usize) -> String {
    let body: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect();
    format!("{prefix}{body}")
}

/// Hex SHA-256, how every bearer secret is stored.
pub fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_verify_with_the_same_key_only() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 900);
        let user = Uuid::now_v7();
        let token = keys.issue_access(user, None).unwrap();
        assert_eq!(keys.verify_access(&token).unwrap().sub, user);
        let other = TokenKeys::new(b"another-key-another-key-another!", 900);
        assert!(matches!(
            other.verify_access(&token),
            Err(ApiError::Unauthorized {
                code: "unauthorized",
                ..
            })
        ));
    }

    #[test]
    fn expired_tokens_say_so() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 900);
        let claims = AccessClaims {
            sub: Uuid::now_v7(),
            tid: None,
            iat: 0,
            exp: 1000,
            typ: "access".into(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert!(matches!(
            keys.verify_access(&token),
            Err(ApiError::Unauthorized {
                code: "token_expired",
                ..
            })
        ));
    }

    #[test]
    fn secrets_are_random_and_hashes_stable() {
        let a = random_secret("rt_", 40);
        assert!(a.starts_with("rt_") && a.len() == 43);
        assert_ne!(a, random_secret("rt_", 40));
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
