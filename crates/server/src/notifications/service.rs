//! Sending notifications (for other modules) and reading them (for their recipient).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;
use voronka_types::notifications::Notification;
use voronka_types::{NotificationId, Page, TenantId, UserId};

use super::email;
use super::entity::{self, Column, Entity as Notifications};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::jobs::{self, NewJob};
use crate::mail::Mailer;
use crate::pagination;

/// A message for one user of a tenant.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub tenant: TenantId,
    pub user: UserId,
    /// What happened, e.g. `task.reminder`.
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    /// The kind of object it is about, e.g. `task`.
    pub entity_type: &'static str,
    pub entity_id: Option<Uuid>,
}

/// True when this server delivers e-mail: real SMTP, or the test mailer standing in for it.
/// Without SMTP (`Mailer::Log`) the in-app notification is all the user gets; logging every
/// reminder would only fill the log.
pub fn sends_email(mailer: &Mailer) -> bool {
    matches!(mailer, Mailer::Smtp { .. } | Mailer::Memory(_))
}

/// Records a notification for `new.user`. When `mailer` is given and [`sends_email`], the
/// e-mail copy is queued as a durable job (`notification.email`) in the same transaction, so
/// it goes out once the change is committed and is retried if SMTP is down. Call it inside
/// the transaction that makes the change the notification is about.
pub async fn notify(
    db: &impl ConnectionTrait,
    mailer: Option<&Mailer>,
    new: NewNotification,
) -> ApiResult<Notification> {
    let now = clock::now();
    let model = entity::Model {
        id: NotificationId::new().0,
        tenant_id: new.tenant.0,
        user_id: new.user.0,
        kind: new.kind.to_owned(),
        title: new.title.chars().take(300).collect(),
        body: new.body,
        entity_type: new.entity_type.to_owned(),
        entity_id: new.entity_id,
        read_at: None,
        created_at: now,
    };
    Notifications::insert(entity::ActiveModel::from(model.clone()))
        .exec_without_returning(db)
        .await?;
    if mailer.is_some_and(sends_email) {
        let payload = json!({ "notification_id": model.id });
        jobs::enqueue(db, NewJob::new(email::JOB_KIND, Some(new.tenant), payload, now)).await?;
    }
    Ok(model.into())
}

/// Notifications are personal: only a signed-in user of a company has them.
fn recipient(by: &Principal) -> ApiResult<(TenantId, UserId)> {
    let (user, _) = by.require_user()?;
    Ok((by.tenant()?, user))
}

/// The caller's notifications, newest first, optionally only the unread ones.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    unread_only: bool,
    cursor: Option<Uuid>,
    limit: u64,
) -> ApiResult<Page<Notification>> {
    let (tenant, user) = recipient(by)?;
    let mut query = Notifications::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::UserId.eq(user.0));
    if unread_only {
        query = query.filter(Column::ReadAt.is_null());
    }
    pagination::keyset_page(db, query, Column::Id, |row| row.id, Order::Desc, cursor, limit).await
}

pub async fn unread_count(db: &impl ConnectionTrait, by: &Principal) -> ApiResult<u64> {
    let (tenant, user) = recipient(by)?;
    Ok(Notifications::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::UserId.eq(user.0))
        .filter(Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the caller's notifications read (the first reading time is kept); anyone
/// else's answers 404.
pub async fn mark_read(db: &impl ConnectionTrait, by: &Principal, id: NotificationId) -> ApiResult<Notification> {
    let (tenant, user) = recipient(by)?;
    let mine = || {
        Notifications::find_by_id(id.0)
            .filter(Column::TenantId.eq(tenant.0))
            .filter(Column::UserId.eq(user.0))
    };
    let found = mine().one(db).await?.ok_or(ApiError::NotFound("notification"))?;
    if found.read_at.is_some() {
        return Ok(found.into());
    }
    Notifications::update_many()
        .col_expr(Column::ReadAt, Expr::value(clock::now()))
        .filter(Column::Id.eq(found.id))
        .filter(Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(mine().one(db).await?.ok_or(ApiError::NotFound("notification"))?.into())
}

/// Marks all the caller's notifications read; answers how many were unread.
pub async fn mark_all_read(db: &impl ConnectionTrait, by: &Principal) -> ApiResult<u64> {
    let (tenant, user) = recipient(by)?;
    Ok(Notifications::update_many()
        .col_expr(Column::ReadAt, Expr::value(clock::now()))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::UserId.eq(user.0))
        .filter(Column::ReadAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// One notification by id, whoever it is for (for the e-mail job).
pub async fn find(db: &impl ConnectionTrait, id: NotificationId) -> ApiResult<Option<entity::Model>> {
    Ok(Notifications::find_by_id(id.0).one(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;

    #[test]
    fn only_smtp_or_the_test_mailer_counts_as_sending_email() {
        assert!(sends_email(&Mailer::Memory(Default::default())));
        assert!(!sends_email(&Mailer::Log {
            environment: Environment::Production
        }));
        assert!(!sends_email(&Mailer::Log {
            environment: Environment::Dev
        }));
    }
}
