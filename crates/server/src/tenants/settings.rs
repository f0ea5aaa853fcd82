//! The company's own settings: name, language, time zone, currency, phone region, and whether
//! (and how much) the AI assistant may use the server's LLM.

use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde_json::json;
use voronka_types::users::{Tenant, UpdateSettings};
use voronka_types::{FieldError, Permission};

use super::entity;
use super::service::find;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::money;
use crate::startup::AppState;
use crate::validation::{self, Checks};

pub const LOCALES: [&str; 2] = ["en", "ru"];

/// The largest monthly LLM token budget a company may set.
pub const MAX_MONTHLY_TOKENS: u64 = 1_000_000_000;

pub async fn get(state: &AppState, by: &Principal) -> ApiResult<Tenant> {
    let tenant = find(&state.db, by.tenant()?)
        .await?
        .ok_or(ApiError::NotFound("company"))?;
    Ok(tenant.into())
}

fn view(t: &entity::Model) -> serde_json::Value {
    json!({"name": t.name, "locale": t.locale, "time_zone": t.time_zone, "currency": t.currency, "phone_region": t.phone_region,
        "ai_llm_enabled": t.ai_llm_enabled, "ai_llm_monthly_tokens": t.ai_llm_monthly_tokens})
}

pub async fn update(state: &AppState, by: &Principal, req: UpdateSettings) -> ApiResult<Tenant> {
    by.require(Permission::SettingsManage)?;
    let txn = state.db.begin().await?;
    let current = find(&txn, by.tenant()?).await?.ok_or(ApiError::NotFound("company"))?;
    let mut active: entity::ActiveModel = current.clone().into();
    let mut checks = Checks::new();
    if let Some(name) = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 200)))
    {
        active.name = Set(name);
    }
    if let Some(locale) = &req.locale {
        if LOCALES.contains(&locale.as_str()) {
            active.locale = Set(locale.clone());
        } else {
            checks.push(FieldError::new(
                "locale",
                "unknown_locale",
                "the locale is `en` or `ru`",
            ));
        }
    }
    if let Some(zone) = &req.time_zone {
        if zone.parse::<chrono_tz::Tz>().is_ok() {
            active.time_zone = Set(zone.clone());
        } else {
            checks.push(FieldError::new(
                "time_zone",
                "unknown_time_zone",
                "an IANA time zone such as Europe/Moscow",
            ));
        }
    }
    if let Some(currency) = req
        .currency
        .as_deref()
        .and_then(|c| money::check_currency(&mut checks, "currency", c))
    {
        active.currency = Set(currency.code);
    }
    if let Some(region) = &req.phone_region {
        match region.as_deref().map(str::trim).map(str::to_ascii_uppercase) {
            None => active.phone_region = Set(None),
            Some(code) if code.len() == 2 && code.parse::<phonenumber::country::Id>().is_ok() => {
                active.phone_region = Set(Some(code));
            }
            Some(_) => checks.push(FieldError::new(
                "phone_region",
                "unknown_region",
                "an ISO 3166 country code such as RU, KZ or GB",
            )),
        }
    }
    if let Some(enabled) = req.ai_llm_enabled {
        active.ai_llm_enabled = Set(enabled);
    }
    match req.ai_llm_monthly_tokens {
        None => {}
        Some(None) => active.ai_llm_monthly_tokens = Set(None),
        Some(Some(tokens)) if tokens <= MAX_MONTHLY_TOKENS => active.ai_llm_monthly_tokens = Set(Some(tokens as i64)),
        Some(Some(_)) => checks.push(FieldError::new(
            "ai_llm_monthly_tokens",
            "out_of_range",
            format!("a number of tokens from 0 to {MAX_MONTHLY_TOKENS}, or null for the server's default"),
        )),
    }
    checks.finish()?;
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("settings.updated", "tenant", Some(current.id.to_string()))
            .before(view(&current))
            .after(view(&updated)),
    )
    .await?;
    txn.commit().await?;
    crate::memo::forget_tenant(current.id);
    Ok(updated.into())
}
