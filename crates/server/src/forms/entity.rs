//! The `forms` table.

use sea_orm::entity::prelude::*;
use voronka_types::contacts::Source;
use voronka_types::forms::{Form, FormField, OwnerRule};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    /// JSON array of [`FormField`]s.
    pub fields: String,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    /// JSON of the [`OwnerRule`].
    pub owner_rule: String,
    /// Leads handed out by the round-robin so far (changed only by an atomic increment).
    pub rotation: i64,
    /// JSON array of tags.
    pub tags: String,
    pub source: String,
    /// JSON array of origins.
    pub allowed_origins: String,
    pub honeypot_field: String,
    pub active: bool,
    pub success_message: String,
    pub redirect_url: Option<String>,
    pub public_key: String,
    pub created_by: Option<Uuid>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The stored fields; a row this code did not write reads as having none.
    pub fn field_list(&self) -> Vec<FormField> {
        serde_json::from_str(&self.fields).unwrap_or_default()
    }

    pub fn owner(&self) -> OwnerRule {
        serde_json::from_str(&self.owner_rule).unwrap_or(OwnerRule::None)
    }

    pub fn tag_list(&self) -> Vec<String> {
        serde_json::from_str(&self.tags).unwrap_or_default()
    }

    pub fn origins(&self) -> Vec<String> {
        serde_json::from_str(&self.allowed_origins).unwrap_or_default()
    }

    pub fn source(&self) -> Source {
        Source::parse(&self.source).unwrap_or(Source::Website)
    }

    /// The form as the API shows it; `public_url` is the instance's public base URL.
    pub fn to_dto(&self, public_url: &str) -> Form {
        Form {
            id: self.id.into(),
            name: self.name.clone(),
            fields: self.field_list(),
            pipeline_id: self.pipeline_id.into(),
            stage_id: self.stage_id.into(),
            owner_rule: self.owner(),
            tags: self.tag_list(),
            source: self.source(),
            allowed_origins: self.origins(),
            honeypot_field: self.honeypot_field.clone(),
            active: self.active,
            success_message: self.success_message.clone(),
            redirect_url: self.redirect_url.clone(),
            public_key: self.public_key.clone(),
            submit_url: submit_url(public_url, &self.public_key),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Where a site posts submissions of the form with `public_key`.
pub fn submit_url(public_url: &str, public_key: &str) -> String {
    format!(
        "{}/api/v1/forms/{public_key}/submissions",
        public_url.trim_end_matches('/')
    )
}
