//! Names of the leads vocabulary: sources, temperatures, channels, call outcomes, priorities.

use voronka_types::ai::Intent;
use voronka_types::contacts::Source;
use voronka_types::leads::{Handler, Temperature};
use voronka_types::tasks::TaskPriority;
use voronka_types::timeline::{CallOutcome, Channel};

use super::{Key, Lang};

fn pick(lang: Lang, (en, ru): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// Where a lead came from, as people say it.
pub fn source_label(source: Source, lang: Lang) -> &'static str {
    pick(
        lang,
        match source {
            Source::Manual => ("Manual", "Вручную"),
            Source::Website => ("Website", "Сайт"),
            Source::Whatsapp => ("WhatsApp", "WhatsApp"),
            Source::Telegram => ("Telegram", "Telegram"),
            Source::Instagram => ("Instagram", "Instagram"),
            Source::Email => ("E-mail", "Эл. почта"),
            Source::Phone => ("Phone call", "Звонок"),
            Source::Api => ("API", "API"),
            Source::Import => ("Import", "Импорт"),
            Source::Partner => ("Partner", "Партнёр"),
            Source::Referral => ("Referral", "Рекомендация"),
            Source::Other => ("Other", "Другое"),
        },
    )
}

/// Hot, warm or cold.
pub fn temperature_key(temperature: Temperature) -> Key {
    match temperature {
        Temperature::Hot => Key::Hot,
        Temperature::Warm => Key::Warm,
        Temperature::Cold => Key::Cold,
    }
}

/// What a lead's latest message wants.
pub fn intent_key(intent: Intent) -> Key {
    match intent {
        Intent::WantsCall => Key::IntentWantsCall,
        Intent::PriceQuestion => Key::IntentPriceQuestion,
        Intent::ProductInfo => Key::IntentProductInfo,
        Intent::ReadyToBuy => Key::IntentReadyToBuy,
        Intent::Complaint => Key::IntentComplaint,
        Intent::Spam => Key::IntentSpam,
        Intent::Other => Key::IntentOther,
    }
}

/// AI or a person.
pub fn handler_key(handler: Handler) -> Key {
    match handler {
        Handler::Ai => Key::HandlerAi,
        Handler::Human => Key::HandlerHuman,
    }
}

/// Where a message went or came from.
pub fn channel_label(channel: Channel, lang: Lang) -> &'static str {
    pick(
        lang,
        match channel {
            Channel::Whatsapp => ("WhatsApp", "WhatsApp"),
            Channel::Telegram => ("Telegram", "Telegram"),
            Channel::Instagram => ("Instagram", "Instagram"),
            Channel::Email => ("E-mail", "Эл. почта"),
            Channel::Sms => ("SMS", "SMS"),
            Channel::Website => ("Website", "Сайт"),
            Channel::Other => ("Other", "Другое"),
        },
    )
}

/// Every call outcome, in the order a form offers them.
pub const CALL_OUTCOMES: [CallOutcome; 4] = [
    CallOutcome::Answered,
    CallOutcome::NoAnswer,
    CallOutcome::Busy,
    CallOutcome::Voicemail,
];

/// How a call ended.
pub fn outcome_label(outcome: CallOutcome, lang: Lang) -> &'static str {
    pick(
        lang,
        match outcome {
            CallOutcome::Answered => ("Answered", "Ответили"),
            CallOutcome::NoAnswer => ("No answer", "Не ответили"),
            CallOutcome::Busy => ("Busy", "Занято"),
            CallOutcome::Voicemail => ("Voicemail", "Автоответчик"),
        },
    )
}

/// The wire name of a call outcome (the form keeps it as a select value).
pub fn outcome_code(outcome: CallOutcome) -> &'static str {
    match outcome {
        CallOutcome::Answered => "answered",
        CallOutcome::NoAnswer => "no_answer",
        CallOutcome::Busy => "busy",
        CallOutcome::Voicemail => "voicemail",
    }
}

/// How pressing a task is.
pub fn priority_label(priority: TaskPriority, lang: Lang) -> &'static str {
    pick(
        lang,
        match priority {
            TaskPriority::Low => ("Low", "Низкий"),
            TaskPriority::Normal => ("Normal", "Обычный"),
            TaskPriority::High => ("High", "Высокий"),
            TaskPriority::Urgent => ("Urgent", "Срочный"),
        },
    )
}

/// A lead field's name as the timeline lists changes (`amount_minor` → "Amount").
pub fn lead_field_label(field: &str, lang: Lang) -> String {
    let key = match field {
        "name" => Some(Key::LeadName),
        "stage_id" | "pipeline_id" => Some(Key::Stage),
        "owner_id" => Some(Key::Owner),
        "source" => Some(Key::Source),
        "score" => Some(Key::Score),
        "temperature" => Some(Key::Temperature),
        "handled_by" => Some(Key::HandledBy),
        "amount_minor" | "amount" | "currency" => Some(Key::Amount),
        "city" => Some(Key::City),
        "tags" => Some(Key::Tags),
        "close_reason" => Some(Key::CloseReason),
        "phones" => Some(Key::Phones),
        "emails" => Some(Key::Emails),
        "company_id" => Some(Key::Company),
        _ => None,
    };
    key.map_or_else(|| field.replace('_', " "), |k| k.text(lang).to_owned())
}
