//! The `api_keys` table. Only a SHA-256 of the secret is stored.

use sea_orm::entity::prelude::*;
use voronka_types::Permission;
use voronka_types::api_keys::ApiKey;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub secret_hash: String,
    /// Space-separated permission names.
    pub scopes: String,
    pub created_by: Option<Uuid>,
    pub created_at: ChronoDateTimeUtc,
    pub last_used_at: Option<ChronoDateTimeUtc>,
    pub revoked_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn scopes(&self) -> Vec<Permission> {
        self.scopes.split_whitespace().filter_map(Permission::parse).collect()
    }
}

impl From<Model> for ApiKey {
    fn from(m: Model) -> Self {
        let scopes = m.scopes();
        Self {
            id: m.id.into(),
            name: m.name,
            prefix: m.prefix,
            scopes,
            created_by: m.created_by.map(Into::into),
            created_at: m.created_at,
            last_used_at: m.last_used_at,
        }
    }
}
