//! Who is signed in, shared through context: the `GET /me` answer and what follows from it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use voronka_types::users::Me;
use voronka_types::{Permission, Problem};

use crate::api;

/// The signed-in user as the whole app sees them. `Copy`, so closures can take it freely.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    me: RwSignal<Option<Me>>,
    /// False until the first `GET /me` answered (or there was nothing to ask about).
    ready: RwSignal<bool>,
    /// Why the start-up check failed when it was not an ended session (e.g. offline).
    startup_problem: RwSignal<Option<Problem>>,
    /// True after the user pressed "Sign out" (the sign-in screen then forgets the last page).
    signed_out_by_user: RwSignal<bool>,
}

impl Session {
    /// The `GET /me` answer, when signed in (reactive).
    pub fn me(&self) -> Option<Me> {
        self.me.get()
    }

    /// Reads part of `Me` without cloning all of it (reactive).
    pub fn with_me<T>(&self, f: impl FnOnce(&Me) -> T) -> Option<T> {
        self.me.with(|me| me.as_ref().map(f))
    }

    /// Whether the start-up check has finished (reactive).
    pub fn is_ready(&self) -> bool {
        self.ready.get()
    }

    /// Why the app could not learn who is signed in, if that failed (reactive).
    pub fn startup_problem(&self) -> Option<Problem> {
        self.startup_problem.get()
    }

    /// Whether the last sign-out was the user's own doing (reactive).
    pub fn signed_out_by_user(&self) -> bool {
        self.signed_out_by_user.get()
    }

    /// Whether someone is signed in (reactive).
    pub fn is_signed_in(&self) -> bool {
        self.me.with(Option::is_some)
    }

    /// Whether someone is signed in, without tracking.
    pub fn is_signed_in_untracked(&self) -> bool {
        self.me.with_untracked(Option::is_some)
    }

    /// Whether the signed-in user holds `permission` (reactive).
    pub fn can(&self, permission: Permission) -> bool {
        self.me
            .with(|me| me.as_ref().is_some_and(|m| m.permissions.contains(&permission)))
    }

    /// Asks the server who is signed in and keeps the answer. A failure other than an
    /// ended session keeps the previous state and is returned to the caller.
    pub async fn reload(&self) -> Result<(), Problem> {
        let result = api::users::me().await;
        match result {
            Ok(me) => {
                self.me.set(Some(me));
                self.startup_problem.set(None);
                self.signed_out_by_user.set(false);
                self.ready.set(true);
                Ok(())
            }
            Err(problem) => {
                if problem.code == api::SESSION_EXPIRED {
                    self.me.set(None);
                    self.startup_problem.set(None);
                } else if self.me.with_untracked(Option::is_none) {
                    self.startup_problem.set(Some(problem.clone()));
                }
                self.ready.set(true);
                Err(problem)
            }
        }
    }

    /// Forgets the signed-in user (after sign-out or when the session ended).
    pub fn forget(&self) {
        self.me.set(None);
        self.ready.set(true);
    }

    /// Signs out on the server (best effort) and here.
    pub async fn sign_out(&self) {
        let _ = api::auth::logout().await;
        self.signed_out_by_user.set(true);
        self.forget();
    }
}

/// Creates the session, starts the `GET /me` check when tokens are stored, and makes an
/// ended session show the sign-in screen. Call once at the root of the app.
pub fn provide_session() -> Session {
    let session = Session {
        me: RwSignal::new(None),
        ready: RwSignal::new(false),
        startup_problem: RwSignal::new(None),
        signed_out_by_user: RwSignal::new(false),
    };
    provide_context(session);
    api::tokens::on_session_expired(move || session.forget());
    if api::tokens::has_session() {
        spawn_local(async move {
            // A network failure at start-up still opens the app; pages show their own errors.
            let _ = session.reload().await;
        });
    } else {
        session.ready.set(true);
    }
    session
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
