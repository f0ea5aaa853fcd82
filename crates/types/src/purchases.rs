//! Customers and purchases pushed in by the company's own systems (`/api/v1/ingest/…`), and
//! purchases read back (`/api/v1/purchases`, `/api/v1/contacts/{id}/purchases`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ContactId, PurchaseId};
use crate::money::Money;

/// A free-form JSON object of the integrator's own attributes.
pub type Attributes = serde_json::Map<String, serde_json::Value>;

/// A decimal sent as a string (`"1250.50"`, exact) or as a JSON number (`1250.5`, read by its
/// shortest decimal form; send strings for more than 15 significant digits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Decimal {
    Text(String),
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    Number(serde_json::Number),
}

impl Decimal {
    /// The decimal as text: strings as sent, numbers in their shortest form.
    pub fn as_text(&self) -> String {
        match self {
            Decimal::Text(text) => text.clone(),
            Decimal::Number(number) => number.to_string(),
        }
    }
}

/// `POST /api/v1/ingest/customers`: created or updated by `external_id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestCustomer {
    /// The customer's id in your system, unique within your company (1–200 characters).
    #[cfg_attr(feature = "openapi", schema(example = "cust-1001"))]
    pub external_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Anna Petrova"))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "anna@example.com"))]
    pub email: Option<String>,
    /// Any common format; without a country code the company's phone region applies.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "+7 916 123-45-67"))]
    pub phone: Option<String>,
    /// Merged into the stored attributes key by key; a `null` value removes a key.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub attributes: Option<Attributes>,
    /// When the customer appeared in your system (kept on creation only; not in the future).
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// One line of a purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseItemInput {
    #[serde(default)]
    pub sku: Option<String>,
    pub name: String,
    /// A positive decimal (string or number), e.g. `2` or `"0.5"`.
    pub quantity: Decimal,
    /// The price of one unit in the purchase's currency (string or number).
    pub unit_price: Decimal,
}

/// `POST /api/v1/ingest/purchases`: created, or updated when `external_id` is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestPurchase {
    /// The purchase's id in your system, unique within your company.
    #[cfg_attr(feature = "openapi", schema(example = "order-5001"))]
    pub external_id: String,
    /// The buyer's `external_id`; unknown customers are created as stubs.
    #[cfg_attr(feature = "openapi", schema(example = "cust-1001"))]
    pub customer_external_id: String,
    /// Not negative, with at most the currency's decimals: `"1250.50"` or `1250.5`.
    #[cfg_attr(feature = "openapi", schema(example = "1250.50"))]
    pub amount: Decimal,
    /// ISO 4217; the company's currency when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "RUB"))]
    pub currency: Option<String>,
    /// Defaults to now; not in the future.
    #[serde(default)]
    pub purchased_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub items: Vec<PurchaseItemInput>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub attributes: Option<Attributes>,
}

/// A batch of up to 1,000 items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestBatch<T> {
    pub items: Vec<T>,
}

/// What happened to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IngestStatus {
    Created,
    Updated,
    Failed,
}

/// One item's result, in the order sent. Failed items carry `errors`, each naming the field
/// as `items[<index>].<field>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestItemResult {
    pub index: usize,
    pub status: IngestStatus,
    pub external_id: Option<String>,
    /// The contact (customers) or purchase (purchases) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<uuid::Uuid>,
    /// The buyer's contact id (purchases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<ContactId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<crate::problem::FieldError>,
}

/// The answer to a batch: counts and each item's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestBatchResult {
    pub created: u32,
    pub updated: u32,
    pub failed: u32,
    pub results: Vec<IngestItemResult>,
}

/// One line of a stored purchase; decimals as strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseItem {
    pub sku: Option<String>,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "2"))]
    pub quantity: String,
    #[cfg_attr(feature = "openapi", schema(example = "625.25"))]
    pub unit_price: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Purchase {
    pub id: PurchaseId,
    pub external_id: String,
    pub contact_id: ContactId,
    pub amount: Money,
    pub purchased_at: DateTime<Utc>,
    pub items: Vec<PurchaseItem>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub attributes: Attributes,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A customer's purchases in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrencyTotals {
    pub currency: String,
    pub count: u64,
    /// Decimal string.
    pub total: String,
    /// Average order value, rounded half away from zero to the currency's decimals.
    pub average: String,
}

/// A customer's purchase figures: first and last, how many, totals per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseStats {
    pub count: u64,
    pub first_purchase_at: Option<DateTime<Utc>>,
    pub last_purchase_at: Option<DateTime<Utc>>,
    /// Per currency, most purchases first.
    pub by_currency: Vec<CurrencyTotals>,
}
