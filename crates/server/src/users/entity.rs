//! The `users` table.

use sea_orm::entity::prelude::*;
use voronka_types::Role;
use voronka_types::users::{User, UserStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub status: String,
    pub start_date: Option<Date>,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The stored role; an unknown value (never written by this code) reads as `guest`.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Guest)
    }

    pub fn status(&self) -> UserStatus {
        UserStatus::parse(&self.status).unwrap_or(UserStatus::Inactive)
    }

    pub fn is_active(&self) -> bool {
        self.status() == UserStatus::Active
    }
}

impl From<Model> for User {
    fn from(m: Model) -> Self {
        let role = m.role();
        let status = m.status();
        Self {
            id: m.id.into(),
            tenant_id: m.tenant_id.map(Into::into),
            name: m.name,
            email: m.email,
            role,
            status,
            start_date: m.start_date,
            totp_enabled: m.totp_enabled,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
