//! The work-time heartbeat: while someone is signed in, the page is visible and the user did
//! something (pointer, key, touch, scroll) in the last minute, `POST /worktime/heartbeat` at
//! most once a minute — and once right after signing in or coming back to the page. Best
//! effort: a failed heartbeat is dropped silently.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::session::use_session;

/// How often at most a heartbeat goes out, and how recent the last activity must be.
pub const MINUTE_MS: f64 = 60_000.0;
/// How often the timer asks whether to send.
const TICK: Duration = Duration::from_secs(10);

/// What the heartbeat decision looks at. Times are `Date.now()` milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beat {
    pub signed_in: bool,
    pub visible: bool,
    /// The user's latest pointer, key, touch or scroll.
    pub last_activity: Option<f64>,
    /// The latest heartbeat sent.
    pub last_sent: Option<f64>,
}

/// Whether to send a heartbeat at `now`: signed in, page visible, active within the last
/// minute, and nothing sent within the last minute.
pub fn should_send(beat: &Beat, now: f64) -> bool {
    beat.signed_in
        && beat.visible
        && beat.last_activity.is_some_and(|at| now - at <= MINUTE_MS)
        && beat.last_sent.is_none_or(|at| now - at >= MINUTE_MS)
}

fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| !d.hidden())
}

/// Starts the heartbeat for the whole app; call once, after the session is provided.
pub fn start_heartbeat() {
    let session = use_session();
    let beat = StoredValue::new(Beat {
        signed_in: false,
        visible: page_visible(),
        last_activity: None,
        last_sent: None,
    });
    let tick = move || {
        let now = js_sys::Date::now();
        let mut state = beat.get_value();
        state.signed_in = session.is_signed_in_untracked();
        state.visible = page_visible();
        if !should_send(&state, now) {
            return;
        }
        beat.update_value(|b| b.last_sent = Some(now));
        spawn_local(async move {
            // Best effort: the next one will do.
            let _ = api::kpi::heartbeat().await;
        });
    };
    let active = move || beat.update_value(|b| b.last_activity = Some(js_sys::Date::now()));
    // Handles live as long as the app: it is never unmounted.
    std::mem::forget(window_event_listener(ev::pointerdown, move |_| active()));
    std::mem::forget(window_event_listener(ev::pointermove, move |_| active()));
    std::mem::forget(window_event_listener(ev::keydown, move |_| active()));
    std::mem::forget(window_event_listener(ev::touchstart, move |_| active()));
    std::mem::forget(window_event_listener(ev::wheel, move |_| active()));
    std::mem::forget(window_event_listener(ev::scroll, move |_| active()));
    std::mem::forget(window_event_listener(ev::visibilitychange, move |_| {
        if page_visible() {
            // Coming back to the page counts as activity and is reported at once.
            active();
            beat.update_value(|b| b.last_sent = None);
            tick();
        }
    }));
    // Signing in is activity too: the first heartbeat follows it at once.
    Effect::new(move |was_signed_in: Option<bool>| {
        let signed_in = session.is_signed_in();
        if signed_in && was_signed_in != Some(true) {
            active();
            beat.update_value(|b| b.last_sent = None);
            tick();
        }
        signed_in
    });
    let _ = set_interval_with_handle(tick, TICK);
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 10_000_000.0;

    fn beat() -> Beat {
        Beat {
            signed_in: true,
            visible: true,
            last_activity: Some(NOW - 5_000.0),
            last_sent: None,
        }
    }

    #[test]
    fn an_active_visible_signed_in_user_gets_a_heartbeat_at_once() {
        assert!(should_send(&beat(), NOW));
    }

    #[test]
    fn nothing_is_sent_when_signed_out_or_hidden() {
        assert!(!should_send(
            &Beat {
                signed_in: false,
                ..beat()
            },
            NOW
        ));
        assert!(!should_send(
            &Beat {
                visible: false,
                ..beat()
            },
            NOW
        ));
    }

    #[test]
    fn an_idle_user_sends_nothing() {
        assert!(!should_send(
            &Beat {
                last_activity: None,
                ..beat()
            },
            NOW
        ));
        let idle = Beat {
            last_activity: Some(NOW - MINUTE_MS - 1.0),
            ..beat()
        };
        assert!(!should_send(&idle, NOW));
    }

    #[test]
    fn at_most_one_heartbeat_a_minute() {
        let recent = Beat {
            last_sent: Some(NOW - 30_000.0),
            ..beat()
        };
        assert!(!should_send(&recent, NOW));
        let old = Beat {
            last_sent: Some(NOW - MINUTE_MS),
            ..beat()
        };
        assert!(should_send(&old, NOW));
    }
}
