//! Purchases pushed in by the company's own system, in batches of one or more: checked in
//! memory, then written in one transaction with a handful of set-based statements (buyers
//! looked up together, unknown buyers created as stubs, new purchases inserted together).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;
use voronka_types::money::{format_minor, parse_minor};
use voronka_types::purchases::{Attributes, IngestPurchase, IngestStatus, Purchase, PurchaseItem};
use voronka_types::{FieldError, TenantId};

use super::{customers, fields};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::error::ApiResult;
use crate::money::{self, Currency};
use crate::purchases::entity::{self as purchase, Entity as Purchases};
use crate::purchases::lines;
use crate::validation::{self, Checks};
use crate::webhooks::{self, WebhookEvent};

/// Most lines one purchase may have.
pub const MAX_ITEMS: usize = 500;
/// Decimals a quantity may have.
const QUANTITY_DECIMALS: u32 = 3;
/// Rows per INSERT statement (11 values each, well under SQLite's bound-value limit).
const ROWS_PER_INSERT: usize = 1_000;

/// A purchase whose input passed the checks.
#[derive(Debug, Clone)]
pub struct CheckedPurchase {
    pub external_id: String,
    pub customer_external_id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub purchased_at: Option<DateTime<Utc>>,
    pub items: Option<Vec<PurchaseItem>>,
    pub attributes: Option<Attributes>,
}

/// A quantity without trailing zeros: `"2"`, `"0.5"`.
fn quantity_text(minor: i64) -> String {
    let text = format_minor(minor, QUANTITY_DECIMALS);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn items(
    checks: &mut Checks,
    raw: Vec<voronka_types::purchases::PurchaseItemInput>,
    currency: &Currency,
) -> Vec<PurchaseItem> {
    if raw.len() > MAX_ITEMS {
        checks.push(FieldError::new(
            "items",
            "too_many",
            format!("at most {MAX_ITEMS} items"),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(raw.len());
    for (i, item) in raw.into_iter().enumerate() {
        let field = |name: &str| format!("items[{i}].{name}");
        let name = checks.take(validation::text(&field("name"), &item.name, 200));
        let sku = item
            .sku
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| checks.take(validation::text(&field("sku"), &s, 100)));
        let quantity = fields::decimal_text(checks, &field("quantity"), &item.quantity).and_then(|text| {
            match parse_minor(&text, QUANTITY_DECIMALS) {
                Ok(q) if q > 0 => Some(quantity_text(q)),
                _ => {
                    checks.push(FieldError::new(
                        field("quantity"),
                        "invalid_quantity",
                        "a positive number with at most 3 decimals",
                    ));
                    None
                }
            }
        });
        let unit_price = fields::decimal_text(checks, &field("unit_price"), &item.unit_price)
            .and_then(|text| money::check_amount(checks, &field("unit_price"), &text, currency))
            .map(|minor| format_minor(minor, currency.exponent));
        if let (Some(name), Some(quantity), Some(unit_price)) = (name, quantity, unit_price) {
            out.push(PurchaseItem {
                sku,
                name,
                quantity,
                unit_price,
            });
        }
    }
    out
}

/// Checks one purchase (errors name the fields as sent); `currency` is the company's.
pub fn check(req: IngestPurchase, company_currency: &str, now: DateTime<Utc>) -> Result<CheckedPurchase, Checks> {
    let mut checks = Checks::new();
    let external_id = fields::external_id(&mut checks, "external_id", &req.external_id);
    let customer = fields::external_id(&mut checks, "customer_external_id", &req.customer_external_id);
    let code = req.currency.as_deref().unwrap_or(company_currency);
    let currency = money::check_currency(&mut checks, "currency", code);
    let amount = match (&currency, fields::decimal_text(&mut checks, "amount", &req.amount)) {
        (Some(currency), Some(text)) => money::check_amount(&mut checks, "amount", &text, currency),
        _ => None,
    };
    let items = currency
        .as_ref()
        .filter(|_| !req.items.is_empty())
        .map(|currency| items(&mut checks, req.items, currency));
    let attributes = fields::attributes(&mut checks, "attributes", req.attributes);
    let purchased_at = fields::past_moment(&mut checks, "purchased_at", req.purchased_at, now);
    match (external_id, customer, currency, amount) {
        (Some(external_id), Some(customer_external_id), Some(currency), Some(amount_minor)) if checks.is_clean() => {
            Ok(CheckedPurchase {
                external_id,
                customer_external_id,
                amount_minor,
                currency: currency.code,
                purchased_at,
                items,
                attributes,
            })
        }
        _ => Err(checks),
    }
}

/// What became of one checked purchase.
pub type Written = (purchase::Model, IngestStatus);

/// Writes checked purchases inside the caller's transaction: buyers found by external id
/// (stubs made for unknown ones), known purchases updated, new ones inserted together; one
/// audit entry for the lot. Answers in the order given.
pub async fn write(
    db: &impl ConnectionTrait,
    by: &Principal,
    tenant: TenantId,
    batch: Vec<CheckedPurchase>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<Written>> {
    let buyers = buyers(db, by, tenant, &batch, now).await?;
    let mut known: HashMap<String, purchase::Model> = Purchases::find()
        .filter(purchase::Column::TenantId.eq(tenant.0))
        .filter(purchase::Column::ExternalId.is_in(batch.iter().map(|p| p.external_id.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.external_id.clone(), p))
        .collect();
    let mut written = Vec::with_capacity(batch.len());
    let mut fresh = Vec::new();
    for p in batch {
        let contact_id = buyers.get(&p.customer_external_id).copied().unwrap_or_default();
        match known.remove(&p.external_id) {
            Some(current) => written.push((update(db, current, p, contact_id, now).await?, IngestStatus::Updated)),
            None => {
                let model = purchase::Model {
                    id: Uuid::now_v7(),
                    tenant_id: tenant.0,
                    contact_id,
                    external_id: p.external_id,
                    amount_minor: p.amount_minor,
                    currency: p.currency,
                    purchased_at: p.purchased_at.unwrap_or(now),
                    items: crate::contacts::service::to_json(&p.items.unwrap_or_default())?,
                    attributes: crate::contacts::service::to_json(&p.attributes.unwrap_or_default())?,
                    created_at: now,
                    updated_at: now,
                };
                fresh.push(model.clone());
                written.push((model, IngestStatus::Created));
            }
        }
    }
    for chunk in fresh.chunks(ROWS_PER_INSERT) {
        Purchases::insert_many(chunk.iter().cloned().map(purchase::ActiveModel::from))
            .exec_without_returning(db)
            .await?;
    }
    lines::insert(db, &fresh).await?;
    if webhooks::emit::listens(db, tenant, WebhookEvent::PurchaseCreated).await? {
        for (model, _) in written.iter().filter(|w| w.1 == IngestStatus::Created) {
            let data = crate::contacts::service::to_value(&Purchase::from(model.clone()))?;
            webhooks::emit(db, tenant, WebhookEvent::PurchaseCreated, data).await?;
        }
    }
    let created = written.iter().filter(|w| w.1 == IngestStatus::Created).count();
    let mut event = AuditEvent::new("purchases.ingested", "purchase", None).after(json!({
        "created": created,
        "updated": written.len() - created,
    }));
    if let [(only, _)] = written.as_slice() {
        event = AuditEvent::new("purchases.ingested", "purchase", Some(only.id.to_string()))
            .after(json!({"external_id": only.external_id, "created": created, "updated": 1 - created}));
    }
    audit::record(db, by, event).await?;
    Ok(written)
}

/// The contact id of every buyer the batch names, stubs created for unknown ones.
async fn buyers(
    db: &impl ConnectionTrait,
    by: &Principal,
    tenant: TenantId,
    batch: &[CheckedPurchase],
    now: DateTime<Utc>,
) -> ApiResult<HashMap<String, Uuid>> {
    let wanted: Vec<String> = {
        let mut ids: Vec<String> = batch.iter().map(|p| p.customer_external_id.clone()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut found: HashMap<String, Uuid> = Contacts::find()
        .filter(contact::Column::TenantId.eq(tenant.0))
        .filter(contact::Column::ExternalId.is_in(wanted.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| Some((c.external_id?, c.id)))
        .collect();
    for external_id in wanted {
        if let std::collections::hash_map::Entry::Vacant(missing) = found.entry(external_id) {
            let stub = customers::stub(db, by, tenant, missing.key(), now).await?;
            missing.insert(stub.id);
        }
    }
    Ok(found)
}

async fn update(
    db: &impl ConnectionTrait,
    current: purchase::Model,
    p: CheckedPurchase,
    contact_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<purchase::Model> {
    let mut next = current.clone();
    next.contact_id = contact_id;
    next.amount_minor = p.amount_minor;
    next.currency = p.currency;
    if let Some(at) = p.purchased_at {
        next.purchased_at = at;
    }
    if let Some(items) = &p.items {
        next.items = crate::contacts::service::to_json(items)?;
    }
    if let Some(changes) = p.attributes {
        next.attributes = crate::contacts::service::to_json(&fields::merge_attributes(&current.attributes, changes))?;
    }
    if next == current {
        return Ok(current);
    }
    next.updated_at = now;
    let current_lines = (current.items.clone(), current.currency.clone(), current.purchased_at);
    let mut active: purchase::ActiveModel = current.into();
    active.contact_id = Set(next.contact_id);
    active.amount_minor = Set(next.amount_minor);
    active.currency = Set(next.currency.clone());
    active.purchased_at = Set(next.purchased_at);
    active.items = Set(next.items.clone());
    active.attributes = Set(next.attributes.clone());
    active.updated_at = Set(now);
    let updated = active.update(db).await?;
    if (&updated.items, &updated.currency, updated.purchased_at)
        != (&current_lines.0, &current_lines.1, current_lines.2)
    {
        lines::replace(db, &updated).await?;
    }
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use voronka_types::purchases::Decimal;

    fn purchase(amount: serde_json::Value, currency: Option<&str>) -> IngestPurchase {
        IngestPurchase {
            external_id: "o-1".into(),
            customer_external_id: "c-1".into(),
            amount: serde_json::from_value::<Decimal>(amount).unwrap(),
            currency: currency.map(Into::into),
            purchased_at: None,
            items: Vec::new(),
            attributes: None,
        }
    }

    fn codes(result: Result<CheckedPurchase, Checks>) -> Vec<(String, String)> {
        result
            .err()
            .map(|c| c.into_errors().into_iter().map(|e| (e.field, e.code)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn amounts_as_strings_or_numbers_are_exact_minor_units() {
        let now = Utc::now();
        let as_text = check(purchase(json!("1250.50"), None), "RUB", now).unwrap();
        assert_eq!((as_text.amount_minor, as_text.currency.as_str()), (125_050, "RUB"));
        let as_number = check(purchase(json!(19.99), Some("usd")), "RUB", now).unwrap();
        assert_eq!((as_number.amount_minor, as_number.currency.as_str()), (1_999, "USD"));
        let yen = check(purchase(json!(1500), Some("JPY")), "RUB", now).unwrap();
        assert_eq!(yen.amount_minor, 1_500);
    }

    #[test]
    fn bad_amounts_and_currencies_name_their_field() {
        let now = Utc::now();
        assert_eq!(
            codes(check(purchase(json!("-5"), None), "RUB", now)),
            [("amount".into(), "negative_amount".into())]
        );
        assert_eq!(
            codes(check(purchase(json!("abc"), None), "RUB", now)),
            [("amount".into(), "invalid_amount".into())]
        );
        assert_eq!(
            codes(check(purchase(json!("10.5"), Some("JPY")), "RUB", now)),
            [("amount".into(), "too_precise".into())]
        );
        assert_eq!(
            codes(check(purchase(json!("10"), Some("XXY")), "RUB", now)),
            [("currency".into(), "invalid_currency".into())]
        );
    }

    #[test]
    fn quantities_lose_their_trailing_zeros() {
        assert_eq!(quantity_text(2_000), "2");
        assert_eq!(quantity_text(500), "0.5");
        assert_eq!(quantity_text(1_250), "1.25");
    }
}
