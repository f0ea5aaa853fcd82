//! The small signs a lead carries on the board, in the list and on its card: temperature and
//! score, AI or human, and how long the customer has waited for an answer.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use voronka_types::leads::{Handler, Temperature};

use super::context::use_leads;
use crate::components::icons::{Icon, IconName};
use crate::i18n::{Key, format_elapsed, handler_key, temperature_key, tr, use_i18n};

/// Hot / warm / cold with the score, e.g. "🔥 Hot · 82"; only the score when no temperature;
/// nothing for a lead nobody has scored yet.
#[component]
pub fn TemperatureBadge(temperature: Option<Temperature>, score: u8) -> impl IntoView {
    let i18n = use_i18n();
    if temperature.is_none() && score == 0 {
        return ().into_any();
    }
    let class = match temperature {
        Some(t) => format!("badge temp temp-{}", t.as_str()),
        None => "badge temp".to_owned(),
    };
    let label = move || match temperature {
        Some(t) => format!("{} · {score}", i18n.t(temperature_key(t))),
        None => score.to_string(),
    };
    view! {
        <span class=class title=move || i18n.t1(Key::ScoreOf, &score.to_string())>
            {temperature.map(|_| view! { <Icon icon=IconName::Flame /> })}
            {label}
        </span>
    }
    .into_any()
}

/// "AI" or "Human": who is answering the customer now. `compact` shows a person as an icon
/// only (the word stays for screen readers), so the AI stands out on a busy card.
#[component]
pub fn HandlerBadge(handler: Handler, #[prop(optional)] compact: bool) -> impl IntoView {
    let icon = match handler {
        Handler::Ai => IconName::Bot,
        Handler::Human => IconName::User,
    };
    let word_class = if compact && handler == Handler::Human {
        "sr-only"
    } else {
        ""
    };
    view! {
        <span class=format!("badge handler handler-{}", handler.as_str()) title=tr(handler_key(handler))>
            <Icon icon=icon />
            <span class=word_class>{tr(handler_key(handler))}</span>
        </span>
    }
}

/// "No reply 25 min" while the customer's last message waits for an answer.
#[component]
pub fn WaitingBadge(since: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let leads = use_leads();
    let text = move || {
        let lang = i18n.lang();
        Key::NoReplyFor
            .text(lang)
            .replacen("{}", &format_elapsed(since, leads.now_ms.get(), lang), 1)
    };
    view! {
        <span class="badge waiting">
            <Icon icon=IconName::Clock />
            {text}
        </span>
    }
}
