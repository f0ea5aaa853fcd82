//! `POST /api/v1/ai/classify`: what a lead's message wants and the details in it, by the rules
//! and dictionaries of `voronka_insights::classify`, with the company's lead custom fields as
//! the qualification fields to look for; improved by the company's LLM when it has one.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use voronka_insights::classify::{self, Classification, FieldKind, Lang, QualificationField};
use voronka_types::TenantId;
use voronka_types::ai::{ExtractedDetails, FoundPhone, Intent, LeadClassification};
use voronka_types::custom_fields::CustomFieldKind;

use super::llm::{self, Llm};
use crate::contacts::{lookup, phone};
use crate::custom_fields::entity::definition::{Column, Entity as Definitions};
use crate::error::{ApiError, ApiResult};

/// The longest text classified.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The company's lead custom fields as qualification fields (dates are not extracted).
pub async fn qualification_fields(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Vec<QualificationField>> {
    let definitions = Definitions::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::Entity.eq("lead"))
        .order_by_asc(Column::Position)
        .all(db)
        .await?;
    Ok(definitions
        .into_iter()
        .filter_map(|d| {
            let options = || serde_json::from_str::<Vec<String>>(&d.options).unwrap_or_default();
            let kind = match CustomFieldKind::parse(&d.kind)? {
                CustomFieldKind::Text => FieldKind::Text,
                CustomFieldKind::Number => FieldKind::Number,
                CustomFieldKind::Select | CustomFieldKind::MultiSelect => FieldKind::Select(options()),
                CustomFieldKind::Bool => FieldKind::Bool,
                CustomFieldKind::Date => return None,
            };
            Some(QualificationField {
                key: d.key,
                label: d.label,
                kind,
            })
        })
        .collect())
}

/// Classifies `text` for the company: by the rules, then by the company's LLM when there is
/// one and it may be used (falling back to the rules' answer, with `llm_status` saying why).
pub async fn classify_text(
    llm: Option<&Llm>,
    db: &impl ConnectionTrait,
    tenant: TenantId,
    text: &str,
) -> ApiResult<LeadClassification> {
    let length = text.chars().count();
    if text.trim().is_empty() || length > MAX_TEXT_CHARS {
        return Err(ApiError::field(
            "text",
            if length > MAX_TEXT_CHARS {
                "too_long"
            } else {
                "required"
            },
            format!("send 1–{MAX_TEXT_CHARS} characters of the lead's message"),
        ));
    }
    let fields = qualification_fields(db, tenant).await?;
    let region = lookup::region(db, tenant).await?;
    let rules = to_dto(classify::classify(text, &fields), region);
    Ok(llm::classify::improve(llm, db, tenant, text, &fields, region, rules).await)
}

/// The intent of a lead's message by the rules alone (no company fields needed): what a new
/// inbound message sets on its lead.
pub fn intent_of(text: &str) -> Intent {
    intent(classify::classify(text, &[]).intent)
}

fn intent(intent: classify::Intent) -> Intent {
    match intent {
        classify::Intent::WantsCall => Intent::WantsCall,
        classify::Intent::PriceQuestion => Intent::PriceQuestion,
        classify::Intent::ProductInfo => Intent::ProductInfo,
        classify::Intent::ReadyToBuy => Intent::ReadyToBuy,
        classify::Intent::Complaint => Intent::Complaint,
        classify::Intent::Spam => Intent::Spam,
        classify::Intent::Other => Intent::Other,
    }
}

fn to_dto(found: Classification, region: Option<phonenumber::country::Id>) -> LeadClassification {
    let extracted = found.extracted;
    LeadClassification {
        intent: intent(found.intent),
        confidence: (found.confidence * 1000.0).round() / 1000.0,
        reasons: found.reasons,
        language: match found.language {
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Mixed => "mixed",
        }
        .to_owned(),
        extracted: ExtractedDetails {
            name: extracted.name,
            phones: extracted
                .phones
                .into_iter()
                .map(|raw| FoundPhone {
                    e164: phone::to_e164(&raw, region),
                    raw,
                })
                .collect(),
            emails: extracted.emails,
            city: extracted.city,
            preferred_time: extracted.preferred_time,
            custom_fields: extracted.fields,
        },
        method: "rules".to_owned(),
        llm_status: Some(llm::NOT_CONFIGURED.to_owned()),
    }
}
