//! Checks on task input that need more than a length: the description, the reminder against
//! the due time, the assignee and the linked contact.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use voronka_types::{ContactId, DealId, FieldError, LeadId, TenantId, UserId};

use crate::auth::principal::Principal;
use crate::contacts;
use crate::error::{ApiError, ApiResult};
use crate::users::entity::{self as user, Entity as Users};
use crate::validation::Checks;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 5000;

/// Free text of up to 5000 characters; line breaks and tabs are allowed, other control
/// characters are not. Blank means none.
pub fn description(checks: &mut Checks, raw: Option<&str>) -> Option<String> {
    let value = raw.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > MAX_DESCRIPTION_CHARS {
        checks.push(FieldError::new(
            "description",
            "too_long",
            format!("description is longer than {MAX_DESCRIPTION_CHARS} characters"),
        ));
        return None;
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        checks.push(FieldError::new(
            "description",
            "invalid_characters",
            "description contains control characters",
        ));
        return None;
    }
    Some(value.to_owned())
}

/// A time as the database keeps it (microseconds, PostgreSQL's precision), so that what is
/// answered, stored and compared in cursors is the same value on every engine.
pub fn stored_time(at: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    at.map(crate::clock::truncate)
}

/// A reminder after the deadline is a mistake (the task is overdue by then), so `remind_at`
/// must not be after `due_at`. A reminder without a due time, or one in the past (it fires at
/// once), is fine. `field` is the one the caller changed.
pub fn check_reminder(
    checks: &mut Checks,
    due_at: Option<DateTime<Utc>>,
    remind_at: Option<DateTime<Utc>>,
    field: &str,
) {
    if let (Some(due), Some(remind)) = (due_at, remind_at)
        && remind > due
    {
        checks.push(FieldError::new(
            field,
            "reminder_after_due",
            "the reminder must not be after the due time",
        ));
    }
}

/// Tasks go to active users of the caller's company.
pub async fn check_assignee(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    assignee: UserId,
    checks: &mut Checks,
) -> ApiResult<()> {
    let found = Users::find_by_id(assignee.0)
        .filter(user::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?;
    match found {
        None => checks.push(FieldError::new(
            "assignee_id",
            "unknown_user",
            "no such user in your company",
        )),
        Some(u) if !u.is_active() => checks.push(FieldError::new(
            "assignee_id",
            "inactive_user",
            "this user is deactivated",
        )),
        Some(_) => {}
    }
    Ok(())
}

/// A task links only to a contact the caller can see.
pub async fn check_contact(
    db: &impl ConnectionTrait,
    by: &Principal,
    contact: ContactId,
    checks: &mut Checks,
) -> ApiResult<()> {
    match contacts::service::find_visible(db, by, contact).await {
        Ok(_) => Ok(()),
        Err(ApiError::NotFound(_) | ApiError::Forbidden { .. }) => {
            checks.push(FieldError::new("contact_id", "unknown_contact", "no such contact"));
            Ok(())
        }
        Err(other) => Err(other),
    }
}

/// A task links only to a lead the caller can see.
pub async fn check_lead(db: &impl ConnectionTrait, by: &Principal, lead: LeadId, checks: &mut Checks) -> ApiResult<()> {
    match crate::leads::service::find_visible(db, by, lead).await {
        Ok(_) => Ok(()),
        Err(ApiError::NotFound(_) | ApiError::Forbidden { .. }) => {
            checks.push(FieldError::new("lead_id", "unknown_lead", "no such lead"));
            Ok(())
        }
        Err(other) => Err(other),
    }
}

/// A task links only to a deal the caller can see.
pub async fn check_deal(db: &impl ConnectionTrait, by: &Principal, deal: DealId, checks: &mut Checks) -> ApiResult<()> {
    match crate::deals::service::find_visible(db, by, deal).await {
        Ok(_) => Ok(()),
        Err(ApiError::NotFound(_) | ApiError::Forbidden { .. }) => {
            checks.push(FieldError::new("deal_id", "unknown_deal", "no such deal"));
            Ok(())
        }
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_keep_line_breaks_and_refuse_other_control_characters() {
        let mut checks = Checks::new();
        assert_eq!(
            description(&mut checks, Some(" Call\n\tthem ")),
            Some("Call\n\tthem".into())
        );
        assert_eq!(description(&mut checks, Some("   ")), None);
        assert!(checks.finish().is_ok());
        let mut checks = Checks::new();
        assert_eq!(description(&mut checks, Some("bell\u{7}")), None);
        assert_eq!(description(&mut checks, Some(&"x".repeat(5001))), None);
        match checks.finish() {
            Err(ApiError::Validation(errors)) => assert_eq!(errors.len(), 2),
            other => panic!("expected two errors, got {other:?}"),
        }
    }

    #[test]
    fn a_reminder_may_not_come_after_the_due_time() {
        let due: DateTime<Utc> = "2026-11-23T12:00:00Z".parse().unwrap();
        let mut checks = Checks::new();
        check_reminder(&mut checks, Some(due), Some(due), "remind_at");
        check_reminder(&mut checks, None, Some(due), "remind_at");
        assert!(checks.finish().is_ok());
        let mut checks = Checks::new();
        check_reminder(
            &mut checks,
            Some(due),
            Some(due + chrono::TimeDelta::minutes(1)),
            "due_at",
        );
        match checks.finish() {
            Err(ApiError::Validation(errors)) => assert_eq!(errors[0].field, "due_at"),
            other => panic!("expected an error on due_at, got {other:?}"),
        }
    }
}
