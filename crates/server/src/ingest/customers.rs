//! Customers pushed in by the company's own system: created or updated by `external_id`,
//! matched to an existing contact by phone or e-mail when the id is new.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use voronka_types::TenantId;
use voronka_types::contacts::{Contact, Phone, Source};
use voronka_types::purchases::{Attributes, IngestCustomer, IngestStatus};

use super::fields;
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::contacts::fields::{MAX_EMAILS, MAX_PHONES};
use crate::contacts::{phone, service as contacts};
use crate::error::ApiResult;
use crate::search;
use crate::validation::{self, Checks};
use crate::webhooks::{self, WebhookEvent};

/// A customer whose input passed the checks.
#[derive(Debug, Clone)]
pub struct CheckedCustomer {
    pub external_id: String,
    pub name: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    pub attributes: Option<Attributes>,
    pub created_at: Option<DateTime<Utc>>,
}

/// Checks one customer (errors name the fields as sent).
pub fn check(
    req: IngestCustomer,
    region: Option<phonenumber::country::Id>,
    now: DateTime<Utc>,
) -> Result<CheckedCustomer, Checks> {
    let mut checks = Checks::new();
    let external_id = fields::external_id(&mut checks, "external_id", &req.external_id);
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    let name = (!blank(&req.name))
        .then(|| checks.take(validation::text("name", req.name.as_deref().unwrap_or_default(), 200)))
        .flatten();
    let email = (!blank(&req.email))
        .then(|| checks.take(validation::email("email", req.email.as_deref().unwrap_or_default())))
        .flatten();
    let phone = match req.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(raw) => match phone::to_e164(raw, region) {
            Some(e164) => Some(Phone {
                raw: raw.trim().to_owned(),
                e164,
            }),
            None => {
                checks.push(voronka_types::FieldError::new(
                    "phone",
                    "invalid_phone",
                    "not a valid phone number; include the country code, like +7 916 123-45-67",
                ));
                None
            }
        },
        None => None,
    };
    let attributes = fields::attributes(&mut checks, "attributes", req.attributes);
    let created_at = fields::past_moment(&mut checks, "created_at", req.created_at, now);
    match external_id {
        Some(external_id) if checks.is_clean() => Ok(CheckedCustomer {
            external_id,
            name,
            phone,
            email,
            attributes,
            created_at,
        }),
        _ => Err(checks),
    }
}

/// The tenant's contact with this external id.
pub async fn by_external_id(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    external_id: &str,
) -> ApiResult<Option<contact::Model>> {
    Ok(Contacts::find()
        .filter(contact::Column::TenantId.eq(tenant.0))
        .filter(contact::Column::ExternalId.eq(external_id))
        .one(db)
        .await?)
}

/// Creates or updates the customer (inside the caller's transaction).
pub async fn upsert(
    db: &impl ConnectionTrait,
    by: &Principal,
    tenant: TenantId,
    customer: CheckedCustomer,
    now: DateTime<Utc>,
) -> ApiResult<(contact::Model, IngestStatus)> {
    if let Some(known) = by_external_id(db, tenant, &customer.external_id).await? {
        return Ok((
            update(db, by, tenant, known, customer, now).await?,
            IngestStatus::Updated,
        ));
    }
    let phones: Vec<Phone> = customer.phone.iter().cloned().collect();
    let emails: Vec<String> = customer.email.iter().cloned().collect();
    if let Some(matched) = contacts::find_by_identities(db, tenant, &phones, &emails).await?
        && matched.external_id.is_none()
    {
        return Ok((
            update(db, by, tenant, matched, customer, now).await?,
            IngestStatus::Updated,
        ));
    }
    let display = customer
        .name
        .clone()
        .or_else(|| customer.email.clone())
        .or_else(|| customer.phone.as_ref().map(|p| p.raw.clone()))
        .unwrap_or_else(|| format!("#{}", customer.external_id));
    let mut model = contact::Model::fresh(tenant.0, display, Source::Api, customer.created_at.unwrap_or(now));
    model.updated_at = now;
    model.phones = contacts::to_json(&phones)?;
    model.emails = contacts::to_json(&emails)?;
    model.attributes = contacts::to_json(&customer.attributes.unwrap_or_default())?;
    model.external_id = Some(customer.external_id);
    contacts::insert(db, by, model.clone()).await?;
    Ok((model, IngestStatus::Created))
}

/// A stub for a buyer known only by the id a purchase named.
pub async fn stub(
    db: &impl ConnectionTrait,
    by: &Principal,
    tenant: TenantId,
    external_id: &str,
    now: DateTime<Utc>,
) -> ApiResult<contact::Model> {
    let mut model = contact::Model::fresh(tenant.0, format!("#{external_id}"), Source::Api, now);
    model.external_id = Some(external_id.to_owned());
    contacts::insert(db, by, model.clone()).await?;
    Ok(model)
}

/// Applies what was sent to a stored contact: the name replaced, the phone and e-mail added
/// when new, attributes merged; audited when anything changed.
async fn update(
    db: &impl ConnectionTrait,
    by: &Principal,
    tenant: TenantId,
    current: contact::Model,
    customer: CheckedCustomer,
    now: DateTime<Utc>,
) -> ApiResult<contact::Model> {
    let mut next = current.clone();
    next.external_id = Some(customer.external_id);
    if let Some(name) = customer.name {
        next.sort_name = search::fold(&name);
        next.name = name;
    }
    let mut view = Contact::from(current.clone());
    if let Some(phone) = customer.phone
        && view.phones.len() < MAX_PHONES
        && !view.phones.iter().any(|p| p.e164 == phone.e164)
    {
        view.phones.push(phone);
        next.phones = contacts::to_json(&view.phones)?;
    }
    if let Some(email) = customer.email
        && view.emails.len() < MAX_EMAILS
        && !view.emails.contains(&email)
    {
        view.emails.push(email);
        next.emails = contacts::to_json(&view.emails)?;
    }
    if let Some(changes) = customer.attributes {
        next.attributes = contacts::to_json(&fields::merge_attributes(&current.attributes, changes))?;
    }
    if next == current {
        return Ok(current);
    }
    next.updated_at = now;
    let mut active: contact::ActiveModel = current.clone().into();
    active.external_id = Set(next.external_id.clone());
    active.name = Set(next.name.clone());
    active.sort_name = Set(next.sort_name.clone());
    active.phones = Set(next.phones.clone());
    active.emails = Set(next.emails.clone());
    active.attributes = Set(next.attributes.clone());
    active.updated_at = Set(now);
    let updated = active.update(db).await?;
    if (&updated.name, &updated.phones, &updated.emails) != (&current.name, &current.phones, &current.emails) {
        contacts::replace_identities(db, &Contact::from(updated.clone()), tenant).await?;
    }
    let (before, after) = (contacts::audit_view(&current), contacts::audit_view(&updated));
    let mut event = AuditEvent::new("contact.updated", "contact", Some(current.id.to_string()));
    if before != after {
        event = event.before(before).after(after);
    }
    audit::record(db, by, event).await?;
    webhooks::emit(
        db,
        tenant,
        WebhookEvent::ContactUpdated,
        contacts::to_value(&Contact::from(updated.clone()))?,
    )
    .await?;
    Ok(updated)
}
