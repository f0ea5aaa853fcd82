//! The `messages` table: the conversation with a lead.

use sea_orm::entity::prelude::*;
use voronka_types::timeline::{Channel, Direction, Message};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub lead_id: Uuid,
    pub contact_id: Uuid,
    pub direction: String,
    pub channel: String,
    pub body: String,
    pub author_id: Option<Uuid>,
    pub sent_at: ChronoDateTimeUtc,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for Message {
    fn from(m: Model) -> Self {
        Message {
            id: m.id.into(),
            lead_id: m.lead_id.into(),
            contact_id: m.contact_id.into(),
            direction: Direction::parse(&m.direction).unwrap_or(Direction::Inbound),
            channel: Channel::parse(&m.channel).unwrap_or(Channel::Other),
            body: m.body,
            author_id: m.author_id.map(Into::into),
            sent_at: m.sent_at,
        }
    }
}
