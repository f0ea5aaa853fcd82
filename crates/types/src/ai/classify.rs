//! What a lead's message wants and the details in it.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/ai/classify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassifyRequest {
    /// A lead's message, 1–10,000 characters, Russian, English or both.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Здравствуйте, сколько стоит дом 8 на 10? Перезвоните после 18:00, +7 916 123-45-67")
    )]
    pub text: String,
}

/// What a lead wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    WantsCall,
    PriceQuestion,
    ProductInfo,
    ReadyToBuy,
    Complaint,
    Spam,
    Other,
}

impl Intent {
    pub const ALL: [Intent; 7] = [
        Intent::WantsCall,
        Intent::PriceQuestion,
        Intent::ProductInfo,
        Intent::ReadyToBuy,
        Intent::Complaint,
        Intent::Spam,
        Intent::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::WantsCall => "wants_call",
            Intent::PriceQuestion => "price_question",
            Intent::ProductInfo => "product_info",
            Intent::ReadyToBuy => "ready_to_buy",
            Intent::Complaint => "complaint",
            Intent::Spam => "spam",
            Intent::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == text)
    }
}

/// A phone found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FoundPhone {
    /// As written.
    pub raw: String,
    /// E.164 when it is a valid number (the company's phone region applies without a country code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e164: Option<String>,
}

/// Details found in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtractedDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub phones: Vec<FoundPhone>,
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// A time to talk, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_time: Option<String>,
    /// The company's lead custom fields found, by key (select fields: the option as defined;
    /// bool fields: `true`/`false`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_fields: std::collections::BTreeMap<String, String>,
}

/// The answer of the classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadClassification {
    pub intent: Intent,
    /// 0–1.
    pub confidence: f64,
    /// Why, in the message's language.
    pub reasons: Vec<String>,
    /// `ru`, `en` or `mixed`.
    pub language: String,
    pub extracted: ExtractedDetails,
    /// `rules` (dictionaries and patterns) or `llm`.
    pub method: String,
    /// Why the LLM was not used; absent when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_status: Option<String>,
}
