//! Short-lived in-process memory of rarely changing per-tenant facts that every ingest request
//! would otherwise read from the database (the API key; the company's currency; whether any
//! webhook subscription listens). Each entry lives a few seconds ([`TTL`]) and is forgotten at once by
//! this process when the fact changes here (call the `forget_*` functions after the commit).
//! With several server instances, a change made through another instance is seen within
//! [`TTL`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use uuid::Uuid;

/// How long a remembered fact is trusted.
pub const TTL: Duration = Duration::from_secs(5);
/// Entries kept before expired ones are swept.
const SWEEP_ABOVE: usize = 10_000;

/// A map whose entries expire after [`TTL`].
#[derive(Debug)]
pub struct Memo<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new() -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value remembered for `key`, unless it is older than [`TTL`].
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        entries.insert(key, (Instant::now(), value));
    }

    /// Forgets everything (e.g. after a revocation, when only the id is known).
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    pub fn forget(&self, key: &K) {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(key);
    }
}

impl<K: Eq + Hash, V: Clone> Default for Memo<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

/// Each tenant's currency (`tenants::service::currency`).
pub(crate) static CURRENCIES: LazyLock<Memo<Uuid, String>> = LazyLock::new(Memo::new);
/// Tenants known to have no active webhook subscription (`webhooks::emit::listens`). Only
/// the "nobody listens" answer is kept: a stale one could skip an event, so subscription
/// changes forget it, while a stale "someone listens" would only cost a query.
pub(crate) static DEAF: LazyLock<Memo<Uuid, ()>> = LazyLock::new(Memo::new);

/// Tenants known to have a lead-scoring sweep queued (`leads::scoring::sweep::ensure_scheduled`),
/// so every scored lead does not ask the job table. A stale entry (the job ran, or the
/// transaction that queued it rolled back) only delays the next check by [`TTL`].
pub(crate) static SCORING_SWEEPS: LazyLock<Memo<Uuid, ()>> = LazyLock::new(Memo::new);

/// Unrevoked API keys by the hash of their secret (`auth::authenticate`), so a key's every
/// request does not look it up. A revocation in this process forgets them all at once; one
/// made through another instance takes effect here within [`TTL`].
pub(crate) static API_KEYS: LazyLock<Memo<String, crate::api_keys::entity::Model>> = LazyLock::new(Memo::new);

/// After an API key was revoked (and the revocation committed).
pub fn forget_api_keys() {
    API_KEYS.clear();
}

/// After a tenant's settings changed (and were committed).
pub fn forget_tenant(tenant: Uuid) {
    CURRENCIES.forget(&tenant);
}

/// After a tenant's webhook subscriptions changed (and were committed).
pub fn forget_subscriptions(tenant: Uuid) {
    DEAF.forget(&tenant);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_values_come_back_until_forgotten() {
        let memo: Memo<u8, &str> = Memo::new();
        assert_eq!(memo.get(&1), None);
        memo.put(1, "RUB");
        assert_eq!(memo.get(&1), Some("RUB"));
        memo.forget(&1);
        assert_eq!(memo.get(&1), None);
    }
}
