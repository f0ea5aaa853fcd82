//! Where the session's tokens live and how they are renewed.
//!
//! Tokens are kept in `localStorage` so a reload or a second tab stays signed in. The refresh
//! token rotates on every use and a reused one ends the whole session family on the server,
//! so renewals are single-flight: concurrent calls share one refresh, and the refresh token is
//! re-read from storage right before use in case another tab already rotated it.

use std::cell::RefCell;
use std::rc::Rc;

use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use voronka_types::Problem;
use voronka_types::auth::{AuthSession, RefreshRequest};

use super::client::session_expired;

const STORAGE_KEY: &str = "voronka.session";

/// Renew this long before the access token's end, so a call never leaves with a dying token.
const EXPIRY_MARGIN_MS: f64 = 30_000.0;

/// The client's own record of the current tokens (a storage format, not an API DTO).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredTokens {
    access_token: String,
    refresh_token: String,
    expires_at_ms: f64,
}

type PendingRefresh = Shared<LocalBoxFuture<'static, Result<String, Problem>>>;

thread_local! {
    static PENDING: RefCell<Option<PendingRefresh>> = const { RefCell::new(None) };
    static ON_EXPIRED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

fn load() -> Option<StoredTokens> {
    LocalStorage::get::<StoredTokens>(STORAGE_KEY).ok()
}

/// Keeps the tokens of a new or renewed session.
pub fn store(session: &AuthSession) {
    let tokens = StoredTokens {
        access_token: session.access_token.clone(),
        refresh_token: session.refresh_token.clone(),
        expires_at_ms: js_sys::Date::now() + session.expires_in as f64 * 1000.0,
    };
    let _ = LocalStorage::set(STORAGE_KEY, tokens);
}

/// Forgets the session on this device.
pub fn clear() {
    LocalStorage::delete(STORAGE_KEY);
}

/// Whether this device holds a session (it may still turn out to be expired).
pub fn has_session() -> bool {
    load().is_some()
}

/// The current refresh token, for signing out.
pub(crate) fn refresh_token() -> Option<String> {
    load().map(|t| t.refresh_token)
}

/// Registers what the app does when the session ends for good (shows the sign-in screen).
pub fn on_session_expired(hook: impl Fn() + 'static) {
    ON_EXPIRED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

/// Forgets the tokens and tells the app the user must sign in again.
pub(crate) fn expire_session() {
    clear();
    if let Some(hook) = ON_EXPIRED.with(|h| h.borrow().clone()) {
        hook();
    }
}

/// An access token that is not about to expire, renewing it first when needed.
pub(crate) async fn fresh_access_token() -> Result<String, Problem> {
    let Some(tokens) = load() else {
        expire_session();
        return Err(session_expired());
    };
    if tokens.expires_at_ms - js_sys::Date::now() > EXPIRY_MARGIN_MS {
        return Ok(tokens.access_token);
    }
    refresh_once().await
}

/// A new access token after the server refused `rejected`, unless another call already got one.
pub(crate) async fn refresh_after_rejection(rejected: &str) -> Result<String, Problem> {
    if let Some(tokens) = load()
        && tokens.access_token != rejected
    {
        return Ok(tokens.access_token);
    }
    refresh_once().await
}

/// Joins the refresh under way, or starts one.
async fn refresh_once() -> Result<String, Problem> {
    let pending = PENDING.with(|p| {
        let mut slot = p.borrow_mut();
        match slot.as_ref() {
            Some(pending) => pending.clone(),
            None => {
                let pending = renew().boxed_local().shared();
                *slot = Some(pending.clone());
                pending
            }
        }
    });
    let result = pending.clone().await;
    PENDING.with(|p| {
        let mut slot = p.borrow_mut();
        if slot.as_ref().is_some_and(|s| s.ptr_eq(&pending)) {
            *slot = None;
        }
    });
    result
}

async fn renew() -> Result<String, Problem> {
    let Some(tokens) = load() else {
        expire_session();
        return Err(session_expired());
    };
    let request = RefreshRequest {
        refresh_token: tokens.refresh_token,
    };
    match super::auth::refresh(&request).await {
        Ok(session) => {
            store(&session);
            Ok(session.access_token)
        }
        // Offline or a server hiccup: keep the session and let the caller show the problem.
        Err(problem) if problem.status == 0 || problem.status >= 500 => Err(problem),
        Err(_) => {
            expire_session();
            Err(session_expired())
        }
    }
}
