//! `GET /api/v1/reports/fields`: the fields the report builder may offer for an entity — the
//! same whitelist and custom fields a query accepts ([`super::fields`]), labelled in the
//! company's language.

use actix_web::{HttpResponse, get, web};
use sea_orm::ConnectionTrait;
use serde::Deserialize;
use utoipa::IntoParams;
use voronka_types::Problem;
use voronka_types::reports::{ReportEntity, ReportFieldInfo, ReportFieldKind};

use super::fields::{Catalog, Field, Kind, custom_entity};
use super::service::scope;
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::custom_fields::values;
use crate::error::ApiResult;
use crate::extract::ApiQuery;
use crate::startup::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FieldsQuery {
    /// `leads`, `deals`, `contacts`, `tasks` or `purchases`.
    entity: ReportEntity,
    /// `ru` or `en` for the whitelisted fields' labels; default: the company's language.
    #[param(value_type = Option<String>)]
    lang: Option<Language>,
}

/// A language the labels are written in.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Language {
    Ru,
    En,
}

/// The fields a report over `entity` may filter, group and measure: the whitelisted columns and
/// the company's custom fields (`cf.<key>`), labelled in `lang` or the company's language.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(FieldsQuery),
    responses(
        (status = 200, body = Vec<ReportFieldInfo>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/fields")]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    principal: Principal,
    params: ApiQuery<FieldsQuery>,
) -> ApiResult<HttpResponse> {
    let lang = params.0.lang.map(|l| match l {
        Language::Ru => "ru",
        Language::En => "en",
    });
    Ok(HttpResponse::Ok().json(fields(&state.db, &principal, params.0.entity, lang).await?))
}

/// The fields of `entity` for the caller's company, labelled in `lang` (`ru`/`en`; default: the
/// company's language); 403 when the caller may not read it.
pub async fn fields(
    db: &impl ConnectionTrait,
    principal: &Principal,
    entity: ReportEntity,
    lang: Option<&str>,
) -> ApiResult<Vec<ReportFieldInfo>> {
    let tenant = principal.tenant()?;
    scope(principal, entity)?;
    let company = Company::load(db, tenant).await?;
    let custom = match custom_entity(entity) {
        Some(context) => values::columns(db, tenant, context).await?,
        None => Vec::new(),
    };
    let catalog = Catalog::new(entity, custom);
    let lang = lang.unwrap_or(company.language);
    Ok(catalog.all().iter().map(|f| info(f, lang)).collect())
}

/// One field as the builder sees it; `language` is `ru` or `en`.
pub fn info(field: &Field, language: &str) -> ReportFieldInfo {
    let label = match field.column {
        Some(_) => label(&field.key, language).map_or_else(|| field.label.clone(), str::to_owned),
        None => field.label.clone(),
    };
    ReportFieldInfo {
        key: field.key.clone(),
        label,
        kind: kind(field.kind),
        groupable: !matches!(field.kind, Kind::Money | Kind::Decimal),
        measurable: field.kind.numeric(),
        bucketable: field.kind.dated(),
    }
}

fn kind(kind: Kind) -> ReportFieldKind {
    match kind {
        Kind::Text => ReportFieldKind::Text,
        Kind::Uuid => ReportFieldKind::Uuid,
        Kind::Int | Kind::Small => ReportFieldKind::Int,
        Kind::Money => ReportFieldKind::Money,
        Kind::Time => ReportFieldKind::Time,
        Kind::Bool => ReportFieldKind::Bool,
        Kind::List => ReportFieldKind::List,
        Kind::Decimal => ReportFieldKind::Decimal,
        Kind::Date => ReportFieldKind::Date,
    }
}

/// (key, English, Russian) of every whitelisted column.
const LABELS: &[(&str, &str, &str)] = &[
    ("source", "Source", "Источник"),
    ("status", "Status", "Статус"),
    ("pipeline_id", "Pipeline", "Воронка"),
    ("stage_id", "Stage", "Этап"),
    ("owner_id", "Owner", "Ответственный"),
    ("contact_id", "Contact", "Контакт"),
    ("company_id", "Company", "Компания"),
    ("temperature", "Temperature", "Температура"),
    ("intent", "Intent", "Намерение"),
    ("handled_by", "Handled by", "Кто ведёт"),
    ("score", "Score", "Оценка"),
    ("amount", "Amount", "Сумма"),
    ("currency", "Currency", "Валюта"),
    ("city", "City", "Город"),
    ("tags", "Tags", "Теги"),
    ("repeat", "Repeat", "Повторный"),
    ("close_reason", "Close reason", "Причина закрытия"),
    ("created_at", "Created", "Создан"),
    ("updated_at", "Updated", "Изменён"),
    ("stage_changed_at", "Stage changed", "Смена этапа"),
    ("probability", "Probability", "Вероятность"),
    ("closed_at", "Closed", "Закрыт"),
    ("priority", "Priority", "Приоритет"),
    ("assignee_id", "Assignee", "Исполнитель"),
    ("created_by", "Created by", "Автор"),
    ("lead_id", "Lead", "Лид"),
    ("deal_id", "Deal", "Сделка"),
    ("due_at", "Due", "Срок"),
    ("completed_at", "Completed", "Выполнена"),
    ("purchased_at", "Purchased", "Дата покупки"),
];

fn label(key: &str, language: &str) -> Option<&'static str> {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, ru)| if language == "ru" { *ru } else { *en })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whitelisted_column_has_a_label_in_both_languages() {
        for entity in [
            ReportEntity::Leads,
            ReportEntity::Deals,
            ReportEntity::Contacts,
            ReportEntity::Tasks,
            ReportEntity::Purchases,
        ] {
            for field in Catalog::new(entity, Vec::new()).all() {
                assert!(label(&field.key, "ru").is_some(), "{} has no label", field.key);
            }
        }
    }

    #[test]
    fn money_is_measured_but_not_grouped_and_times_take_buckets() {
        let catalog = Catalog::new(ReportEntity::Deals, Vec::new());
        let amount = info(&catalog.find("amount").expect("amount"), "en");
        assert!(amount.measurable && !amount.groupable && !amount.bucketable);
        let created = info(&catalog.find("created_at").expect("created_at"), "ru");
        assert_eq!(created.label, "Создан");
        assert!(created.bucketable && created.groupable && !created.measurable);
    }
}
