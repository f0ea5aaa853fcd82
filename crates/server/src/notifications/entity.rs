//! The `notifications` table.

use sea_orm::entity::prelude::*;
use voronka_types::notifications::Notification;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub read_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for Notification {
    fn from(m: Model) -> Self {
        Self {
            id: m.id.into(),
            kind: m.kind,
            title: m.title,
            body: m.body,
            entity_type: m.entity_type,
            entity_id: m.entity_id,
            read_at: m.read_at,
            created_at: m.created_at,
        }
    }
}
