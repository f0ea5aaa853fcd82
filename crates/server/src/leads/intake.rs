//! Where a new lead comes from: its contact (named, matched by phone or e-mail, or new), its
//! first message's channel, and the notice to the manager of a returning customer.

use sea_orm::ConnectionTrait;
use voronka_types::contacts::Source;
use voronka_types::leads::CreateLead;
use voronka_types::timeline::Channel;
use voronka_types::{FieldError, TenantId, UserId};

use super::entity::{self};
use super::service::to_json;
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::entity::contact;
use crate::contacts::{self, fields};
use crate::error::ApiResult;
use crate::notifications;
use crate::startup::AppState;
use crate::validation::Checks;

/// The contact a new lead belongs to: the one named, the existing one its phone or e-mail
/// matches (a repeat request), or a new one. Answers the contact and whether it was a match.
pub(super) async fn contact_for(
    db: &impl ConnectionTrait,
    by: &Principal,
    req: &CreateLead,
    owner: Option<UserId>,
    checks: &mut Checks,
) -> ApiResult<Option<(contact::Model, bool)>> {
    let tenant = by.tenant()?;
    match (req.contact_id, &req.contact) {
        (Some(id), _) => match contacts::service::find_model(db, by, id).await? {
            Some(found) => Ok(Some((found, false))),
            None => {
                checks.push(FieldError::new("contact_id", "unknown_contact", "no such contact"));
                Ok(None)
            }
        },
        (None, Some(input)) => {
            let region = contacts::service::region(db, tenant).await?;
            let mut local = Checks::new();
            let phones = fields::phones(&mut local, &input.phones, region);
            let emails = fields::emails(&mut local, &input.emails);
            let name = fields::optional_text(&mut local, "name", input.name.as_deref(), 200);
            checks.absorb("contact", local);
            if phones.is_empty() && emails.is_empty() && name.is_none() {
                checks.push(FieldError::new(
                    "contact",
                    "required",
                    "give the contact a name, phone or e-mail",
                ));
                return Ok(None);
            }
            if let Some(existing) = contacts::service::find_by_identities(db, tenant, &phones, &emails).await? {
                return Ok(Some((existing, true)));
            }
            let display = name
                .or_else(|| phones.first().map(|p| p.raw.clone()))
                .or_else(|| emails.first().cloned())
                .unwrap_or_default();
            let mut model = contact::Model::fresh(
                tenant.0,
                display,
                req.source.unwrap_or(default_source(by)),
                clock::now(),
            );
            model.phones = to_json(&phones)?;
            model.emails = to_json(&emails)?;
            model.city = req.city.clone().filter(|c| !c.trim().is_empty());
            model.owner_id = owner.map(|o| o.0);
            Ok(Some((model, false)))
        }
        (None, None) => {
            checks.push(FieldError::new(
                "contact",
                "required",
                "give `contact_id` or a `contact`",
            ));
            Ok(None)
        }
    }
}

/// The channel a first message came through, judging by the lead's source.
pub(super) fn channel_of(source: Source) -> Channel {
    match source {
        Source::Whatsapp => Channel::Whatsapp,
        Source::Telegram => Channel::Telegram,
        Source::Instagram => Channel::Instagram,
        Source::Email => Channel::Email,
        Source::Website => Channel::Website,
        _ => Channel::Other,
    }
}

pub(super) fn default_source(by: &Principal) -> Source {
    if by.user_id().is_some() {
        Source::Manual
    } else {
        Source::Api
    }
}

/// Tells the contact's responsible manager that their customer asked again (unless they
/// entered the request themselves).
pub(super) async fn notify_repeat(
    db: &impl ConnectionTrait,
    state: &AppState,
    contact: &contact::Model,
    lead: &entity::Model,
    by: &Principal,
) -> ApiResult<()> {
    let Some(manager) = contact.owner_id.map(UserId) else {
        return Ok(());
    };
    if by.user_id() == Some(manager) {
        return Ok(());
    }
    let body = lead.last_inbound_message.clone().unwrap_or_default();
    notifications::notify(
        db,
        Some(&state.mailer),
        notifications::NewNotification {
            tenant: TenantId(lead.tenant_id),
            user: manager,
            kind: "lead.repeat_request",
            title: format!("Repeat request from {}", contact.name),
            body,
            entity_type: "lead",
            entity_id: Some(lead.id),
        },
    )
    .await?;
    Ok(())
}
