//! Standard Webhooks signing: `whsec_` secrets and the `v1,<base64 HMAC-SHA256>` signature of
//! `"{webhook-id}.{webhook-timestamp}.{body}"`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Every secret starts with this.
pub const SECRET_PREFIX: &str = "whsec_";
/// Random bytes behind a new secret.
const SECRET_BYTES: usize = 32;
/// Characters of the base64 part left visible in a masked secret.
const VISIBLE: usize = 4;

/// A fresh secret: `whsec_` + base64 of 32 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

/// The secret as lists show it: `whsec_abcd…`.
pub fn mask(secret: &str) -> String {
    let body = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    format!("{SECRET_PREFIX}{}…", body.chars().take(VISIBLE).collect::<String>())
}

/// The `webhook-signature` header value for one attempt.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> anyhow::Result<String> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .map_err(|e| anyhow::anyhow!("the webhook secret is not base64: {e}"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| anyhow::anyhow!("bad HMAC key: {e}"))?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Ok(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_like_the_standard_webhooks_reference() {
        // The example from the Standard Webhooks specification.
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        )
        .unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn new_secrets_are_random_and_carry_enough_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        let bytes = STANDARD.decode(a.strip_prefix(SECRET_PREFIX).unwrap()).unwrap();
        assert!(bytes.len() >= 24);
    }

    #[test]
    fn masked_secrets_hide_all_but_the_start() {
        assert_eq!(mask("whsec_abcdefgh"), "whsec_abcd…");
    }
}
