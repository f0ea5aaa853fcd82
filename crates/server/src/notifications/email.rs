//! The `notification.email` job: the e-mail copy of a notification, sent after the change
//! that made it is committed, and retried while SMTP fails.

use sea_orm::EntityTrait;
use serde::Deserialize;
use voronka_types::NotificationId;

use super::service;
use crate::jobs::{Job, JobError};
use crate::mail::OutgoingMail;
use crate::startup::AppState;
use crate::users::entity::Entity as Users;

pub const JOB_KIND: &str = "notification.email";

#[derive(Debug, Deserialize)]
struct Payload {
    notification_id: NotificationId,
}

/// Sends the e-mail unless the notification is gone, already read in the app, or its user is
/// no longer active.
pub async fn run(state: &AppState, job: &Job) -> Result<(), JobError> {
    let payload: Payload = job.payload()?;
    let Some(notification) = service::find(&state.db, payload.notification_id).await? else {
        return Ok(());
    };
    if notification.read_at.is_some() {
        return Ok(());
    }
    let Some(user) = Users::find_by_id(notification.user_id).one(&state.db).await? else {
        return Ok(());
    };
    if !user.is_active() || user.tenant_id != Some(notification.tenant_id) {
        return Ok(());
    }
    let mut body = notification.body.clone();
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    body.push_str(&format!("Open Voronka: {}", state.config.public_url));
    state
        .mailer
        .send(OutgoingMail {
            to: user.email,
            subject: notification.title,
            body,
        })
        .await?;
    Ok(())
}
