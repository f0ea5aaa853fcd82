//! What a lead's message tells (the city, the company's qualification fields such as a house's
//! size or foundation, seed 004) filled into the lead where it has nothing yet — never over a
//! value a person, a form or an integration gave. Values go through the same checks as typed
//! ones; one the field does not take is left out.

use serde_json::Value;
use voronka_insights::classify;
use voronka_types::TenantId;
use voronka_types::custom_fields::{CustomFieldEntity, CustomFieldKind, CustomFieldValues};

use crate::custom_fields::{parse, values};
use crate::error::ApiResult;

/// Details read from a message for a lead.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    /// The city, when the lead has none.
    pub city: Option<String>,
    /// Qualification values for fields the lead has no value in.
    pub custom_fields: CustomFieldValues,
}

/// Reads `text` for the company's lead fields; `city_known` and `current` say what the lead has.
pub async fn from_message(
    db: &impl sea_orm::ConnectionTrait,
    tenant: TenantId,
    text: &str,
    city_known: bool,
    current: &CustomFieldValues,
) -> ApiResult<Found> {
    let qualification = crate::ai::classify::qualification_fields(db, tenant).await?;
    let extracted = classify::classify(text, &qualification).extracted;
    fill(db, tenant, extracted.city, extracted.fields, city_known, current).await
}

/// The `city` and qualification values (`key` → value as written) a reading of a message found,
/// kept where the lead has nothing and the field takes the value.
pub async fn fill(
    db: &impl sea_orm::ConnectionTrait,
    tenant: TenantId,
    city: Option<String>,
    fields: impl IntoIterator<Item = (String, String)>,
    city_known: bool,
    current: &CustomFieldValues,
) -> ApiResult<Found> {
    let definitions = values::columns(db, tenant, CustomFieldEntity::Lead).await?;
    let mut found = Found {
        city: city.filter(|_| !city_known),
        ..Found::default()
    };
    for (key, written) in fields {
        let empty = current.get(&key).is_none_or(Value::is_null);
        let Some(field) = definitions.iter().find(|d| d.key == key).filter(|_| empty) else {
            continue;
        };
        let raw = match field.kind {
            CustomFieldKind::Bool => Value::Bool(written == "true"),
            CustomFieldKind::MultiSelect => Value::Array(vec![Value::String(written)]),
            _ => Value::String(written),
        };
        if let Ok(Some(value)) = parse::value(field, &raw) {
            found.custom_fields.insert(key, value.to_json());
        }
    }
    Ok(found)
}

impl Found {
    /// Writes what was found onto the lead being changed, whose values are `current`, and into
    /// the custom-field index.
    pub async fn write(
        self,
        db: &impl sea_orm::ConnectionTrait,
        lead: &super::entity::Model,
        current: CustomFieldValues,
        active: &mut super::entity::ActiveModel,
    ) -> ApiResult<()> {
        if self.city.is_some() {
            active.city = sea_orm::Set(self.city);
        }
        if !self.custom_fields.is_empty() {
            let mut merged = current;
            merged.extend(self.custom_fields);
            active.custom_fields = sea_orm::Set(values::to_column(&merged)?);
            values::store(db, TenantId(lead.tenant_id), CustomFieldEntity::Lead, lead.id, &merged).await?;
        }
        Ok(())
    }
}
