//! Creating and reading tenants.

use sea_orm::{ConnectionTrait, EntityTrait, Set};
use voronka_types::TenantId;

use super::entity::{self, Entity as Tenants};
use crate::clock;
use crate::error::ApiResult;
use crate::{pipelines, rbac};

/// Creates a tenant with the default role matrix (inside the caller's transaction).
pub async fn create(db: &impl ConnectionTrait, name: &str, locale: &str) -> ApiResult<entity::Model> {
    let model = entity::Model {
        id: TenantId::new().0,
        name: name.to_owned(),
        locale: locale.to_owned(),
        time_zone: "UTC".to_owned(),
        currency: default_currency(locale).to_owned(),
        phone_region: None,
        ai_llm_enabled: true,
        ai_llm_monthly_tokens: None,
        created_at: clock::now(),
    };
    Tenants::insert(entity::ActiveModel {
        id: Set(model.id),
        name: Set(model.name.clone()),
        locale: Set(model.locale.clone()),
        time_zone: Set(model.time_zone.clone()),
        currency: Set(model.currency.clone()),
        phone_region: Set(None),
        ai_llm_enabled: Set(true),
        ai_llm_monthly_tokens: Set(None),
        created_at: Set(model.created_at),
    })
    .exec_without_returning(db)
    .await?;
    rbac::service::seed_defaults(db, TenantId(model.id)).await?;
    pipelines::service::seed_defaults(db, TenantId(model.id), locale).await?;
    Ok(model)
}

/// Roubles for a Russian-speaking company, dollars otherwise (changeable in settings).
fn default_currency(locale: &str) -> &'static str {
    if locale == "ru" { "RUB" } else { "USD" }
}

/// The currency of amounts entered without one.
/// Remembered for a few seconds (`memo`): every ingested purchase asks.
pub async fn currency(db: &impl ConnectionTrait, id: TenantId) -> ApiResult<String> {
    if let Some(code) = crate::memo::CURRENCIES.get(&id.0) {
        return Ok(code);
    }
    let code = find(db, id).await?.map_or_else(|| "USD".to_owned(), |t| t.currency);
    crate::memo::CURRENCIES.put(id.0, code.clone());
    Ok(code)
}

pub async fn find(db: &impl ConnectionTrait, id: TenantId) -> ApiResult<Option<entity::Model>> {
    Ok(Tenants::find_by_id(id.0).one(db).await?)
}

/// `ru` when the browser prefers Russian, else `en`.
pub fn locale_from_accept_language(header: Option<&str>) -> &'static str {
    let first = header
        .and_then(|h| h.split(',').next())
        .map(|l| l.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if first.starts_with("ru") { "ru" } else { "en" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_follows_the_first_preferred_language() {
        assert_eq!(locale_from_accept_language(Some("ru-RU,ru;q=0.9,en;q=0.8")), "ru");
        assert_eq!(locale_from_accept_language(Some("en-US,ru;q=0.5")), "en");
        assert_eq!(locale_from_accept_language(None), "en");
    }
}
