//! Tasks: to-dos with a due time, a priority and an assignee, linked to a contact, lead or deal, with a
//! reminder delivered through the job queue and notifications.

pub mod dates;
pub mod entity;
pub(crate) mod fields;
mod handlers;
pub mod list;
pub mod overdue;
pub mod reminders;
pub mod service;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::error::ApiResult;

/// What a task can be about besides a contact.
#[derive(Debug, Clone, Copy)]
pub enum Link {
    Lead,
    Deal,
}

/// Forgets the links of tasks to records that are being deleted (the tasks stay).
pub async fn unlink(db: &impl ConnectionTrait, link: Link, records: &[Uuid]) -> ApiResult<()> {
    let column = match link {
        Link::Lead => entity::Column::LeadId,
        Link::Deal => entity::Column::DealId,
    };
    for chunk in records.chunks(500) {
        entity::Entity::update_many()
            .col_expr(column, Expr::val(Option::<Uuid>::None))
            .filter(column.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_tasks)
        .service(handlers::create_task)
        .service(handlers::get_task)
        .service(handlers::update_task)
        .service(handlers::delete_task)
        .service(handlers::complete_task)
        .service(handlers::reopen_task);
}
