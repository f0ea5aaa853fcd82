//! The `companies` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "companies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    /// `name` lower-cased, for search.
    pub search_name: String,
    pub domain: Option<String>,
    pub owner_id: Option<Uuid>,
    /// JSON object of custom field values by key.
    pub custom_fields: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn into_dto(self, contact_count: u64) -> voronka_types::contacts::Company {
        voronka_types::contacts::Company {
            id: self.id.into(),
            name: self.name,
            domain: self.domain,
            owner_id: self.owner_id.map(Into::into),
            contact_count,
            custom_fields: crate::custom_fields::values::from_column(&self.custom_fields),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}
