//! `/custom-fields`: the company's own fields.

use voronka_types::Problem;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity};

use super::client::Call;

/// `GET /custom-fields?entity=…`: the entity's fields in display order.
pub async fn list_custom_fields(entity: CustomFieldEntity) -> Result<Vec<CustomField>, Problem> {
    Call::get("/custom-fields")
        .query("entity", Some(entity.as_str()))
        .fetch()
        .await
}
