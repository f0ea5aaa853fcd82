//! Contacts: create, read, change, delete and search, within the caller's row scope.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use voronka_types::contacts::{Contact, CreateContact, Source, UpdateContact};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::{CompanyId, ContactId, FieldError, Permission, TenantId};

use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::{duplicates, fields};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::companies::entity::Entity as Companies;
use crate::custom_fields::{Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::rbac::scope::RowScope;
use crate::search;
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};
use crate::webhooks::{self, WebhookEvent};

pub fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    RowScope::of(by, Permission::ContactsReadAll, Permission::ContactsReadOwn)
}

/// A contact the caller may see, or 404.
pub async fn find_visible(db: &impl ConnectionTrait, by: &Principal, id: ContactId) -> ApiResult<contact::Model> {
    let mut query = Contacts::find_by_id(id.0).filter(contact::Column::TenantId.eq(by.tenant()?.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(contact::Column::OwnerId.eq(owner.0));
    }
    query.one(db).await?.ok_or(ApiError::NotFound("contact"))
}

/// A contact the caller may see, or `None`.
pub async fn find_model(db: &impl ConnectionTrait, by: &Principal, id: ContactId) -> ApiResult<Option<contact::Model>> {
    match find_visible(db, by, id).await {
        Ok(found) => Ok(Some(found)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// One contact with its purchase figures.
pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: ContactId) -> ApiResult<Contact> {
    let model = find_visible(db, by, id).await?;
    let stats = crate::purchases::stats::of_contact(db, model.tenant_id, model.id).await?;
    let mut contact = Contact::from(model);
    contact.purchases = Some(stats);
    Ok(contact)
}

async fn check_company(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    company: CompanyId,
    checks: &mut Checks,
) -> ApiResult<()> {
    let found = Companies::find_by_id(company.0)
        .filter(crate::companies::entity::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?;
    if found.is_none() {
        checks.push(FieldError::new("company_id", "unknown_company", "no such company"));
    }
    Ok(())
}

/// Rewrites the search keys of a contact: its name and tags lower-cased here (Unicode-aware,
/// as SQLite's `lower()` only knows ASCII), phones in E.164, e-mails.
pub(crate) async fn replace_identities(
    db: &impl ConnectionTrait,
    contact: &Contact,
    tenant: TenantId,
) -> ApiResult<()> {
    let contact_id = contact.id.0;
    Identities::delete_many()
        .filter(identity::Column::ContactId.eq(contact_id))
        .exec(db)
        .await?;
    let mut keys: Vec<(&str, String)> = vec![("name", contact.name.to_lowercase())];
    keys.extend(contact.phones.iter().map(|p| ("phone", p.e164.clone())));
    keys.extend(contact.emails.iter().map(|e| ("email", e.clone())));
    keys.extend(contact.tags.iter().map(|t| ("tag", t.to_lowercase())));
    keys.extend(duplicates::name_key(&contact.name).map(|key| ("name_key", key)));
    let rows: Vec<identity::ActiveModel> = keys
        .into_iter()
        .map(|(kind, value)| identity::ActiveModel {
            contact_id: Set(contact_id),
            tenant_id: Set(tenant.0),
            kind: Set(kind.to_owned()),
            value: Set(value),
        })
        .collect();
    if !rows.is_empty() {
        Identities::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// What the audit log compares; each custom field shows as `custom_fields.<key>`.
pub(crate) fn audit_view(m: &contact::Model) -> serde_json::Value {
    let c = Contact::from(m.clone());
    let mut view = json!({
        "name": c.name, "phones": c.phones.iter().map(|p| &p.e164).collect::<Vec<_>>(), "emails": c.emails,
        "company_id": c.company_id, "city": c.city, "source": c.source, "tags": c.tags, "owner_id": c.owner_id,
    });
    values::add_to_audit_view(&mut view, &c.custom_fields);
    view
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.into()))
}

/// A DTO as JSON, for a webhook event's `data`.
pub fn to_value<T: serde::Serialize>(value: &T) -> ApiResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| ApiError::Internal(e.into()))
}

/// Adds a contact, or — when a phone or e-mail matches an existing contact — answers that
/// contact with the new phones, e-mails and tags added (`false`: nothing was created).
pub async fn create(state: &AppState, by: &Principal, req: CreateContact) -> ApiResult<(Contact, bool)> {
    let model = check_new(&state.db, by, req).await?;
    let txn = state.db.begin().await?;
    match duplicates::absorb_new(&txn, state, by, &model).await? {
        duplicates::Match::None => {}
        duplicates::Match::Existing(existing) => {
            txn.commit().await?;
            return Ok((*existing, false));
        }
        duplicates::Match::Hidden(field) => {
            txn.commit().await?;
            return Err(duplicates::hidden_duplicate(field));
        }
    }
    let created = insert(&txn, by, model).await?;
    txn.commit().await?;
    Ok((created, true))
}

/// Checks a new contact with the API's rules (422 naming each bad field) and answers the row
/// to store with [`insert`]; nothing is written.
pub async fn check_new(db: &impl ConnectionTrait, by: &Principal, req: CreateContact) -> ApiResult<contact::Model> {
    by.require(Permission::ContactsWrite)?;
    let tenant = by.tenant()?;
    let region = region(db, tenant).await?;
    let mut checks = Checks::new();
    let name = checks.take(validation::text("name", &req.name, 200));
    let phones = fields::phones(&mut checks, &req.phones, region);
    let emails = fields::emails(&mut checks, &req.emails);
    let tags = fields::tags(&mut checks, &req.tags);
    let city = fields::optional_text(&mut checks, "city", req.city.as_deref(), 100);
    // A manager who sees only their own contacts owns what they create.
    let owner = match (read_scope(by)?, req.owner_id) {
        (RowScope::Own(me), Some(other)) if other != me => {
            checks.push(FieldError::new(
                "owner_id",
                "not_allowed",
                "you can only create contacts you own",
            ));
            None
        }
        (_, Some(owner)) => Some(owner),
        (_, None) => by.user_id(),
    };
    if let Some(owner) = owner {
        check_owner(db, tenant, owner, &mut checks).await?;
    }
    if let Some(company) = req.company_id {
        check_company(db, tenant, company, &mut checks).await?;
    }
    let custom_fields = values::check(
        db,
        tenant,
        CustomFieldEntity::Contact,
        &req.custom_fields,
        Mode::Create,
        &mut checks,
    )
    .await?;
    checks.finish()?;
    let now = clock::now();
    Ok(contact::Model {
        id: ContactId::new().0,
        tenant_id: tenant.0,
        sort_name: search::fold(name.as_deref().unwrap_or_default()),
        name: name.unwrap_or_default(),
        phones: to_json(&phones)?,
        emails: to_json(&emails)?,
        company_id: req.company_id.map(|c| c.0),
        city,
        source: req
            .source
            .unwrap_or(if by.user_id().is_some() {
                Source::Manual
            } else {
                Source::Api
            })
            .as_str()
            .into(),
        tags: to_json(&tags)?,
        owner_id: owner.map(|o| o.0),
        custom_fields: values::to_column(&custom_fields)?,
        external_id: None,
        attributes: "{}".into(),
        created_at: now,
        updated_at: now,
    })
}

/// Stores a checked contact with its search keys, audited (inside the caller's transaction).
pub async fn insert(db: &impl ConnectionTrait, by: &Principal, model: contact::Model) -> ApiResult<Contact> {
    let tenant = TenantId(model.tenant_id);
    contact::ActiveModel::from(model.clone()).insert(db).await?;
    replace_identities(db, &Contact::from(model.clone()), tenant).await?;
    let values = values::from_column(&model.custom_fields);
    values::store(db, tenant, CustomFieldEntity::Contact, model.id, &values).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("contact.created", "contact", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    let created = Contact::from(model);
    webhooks::emit(db, tenant, WebhookEvent::ContactCreated, to_value(&created)?).await?;
    Ok(created)
}

pub async fn update(state: &AppState, by: &Principal, id: ContactId, req: UpdateContact) -> ApiResult<Contact> {
    let txn = state.db.begin().await?;
    let updated = update_in(&txn, by, id, req).await?;
    txn.commit().await?;
    Ok(updated)
}

/// [`update`] inside the caller's transaction `txn`.
pub async fn update_in(
    txn: &impl ConnectionTrait,
    by: &Principal,
    id: ContactId,
    req: UpdateContact,
) -> ApiResult<Contact> {
    by.require(Permission::ContactsWrite)?;
    let tenant = by.tenant()?;
    let current = find_visible(txn, by, id).await?;
    let region = region(txn, tenant).await?;
    let mut checks = Checks::new();
    let mut active: contact::ActiveModel = current.clone().into();
    let name = req
        .name
        .as_deref()
        .and_then(|name| checks.take(validation::text("name", name, 200)));
    if let Some(name) = &name {
        active.sort_name = Set(search::fold(name));
        active.name = Set(name.clone());
    }
    let phones = req
        .phones
        .as_deref()
        .map(|raw| fields::phones(&mut checks, raw, region));
    let emails = req.emails.as_deref().map(|raw| fields::emails(&mut checks, raw));
    if let Some(tags) = &req.tags {
        active.tags = Set(to_json(&fields::tags(&mut checks, tags))?);
    }
    if let Some(city) = &req.city {
        active.city = Set(fields::optional_text(&mut checks, "city", city.as_deref(), 100));
    }
    if let Some(source) = req.source {
        active.source = Set(source.as_str().into());
    }
    if let Some(company) = req.company_id {
        if let Some(company) = company {
            check_company(txn, tenant, company, &mut checks).await?;
        }
        active.company_id = Set(company.map(|c| c.0));
    }
    if let Some(owner) = req.owner_id {
        if read_scope(by)? != RowScope::All {
            checks.push(FieldError::new(
                "owner_id",
                "not_allowed",
                "only someone who sees all contacts can reassign them",
            ));
        } else if let Some(owner) = owner {
            check_owner(txn, tenant, owner, &mut checks).await?;
        }
        active.owner_id = Set(owner.map(|o| o.0));
    }
    let custom_fields = values::check_changes(
        txn,
        tenant,
        CustomFieldEntity::Contact,
        &current.custom_fields,
        req.custom_fields.as_ref(),
        &mut checks,
    )
    .await?;
    checks.finish()?;
    if let Some(merged) = &custom_fields {
        active.custom_fields = Set(values::to_column(merged)?);
        values::store(txn, tenant, CustomFieldEntity::Contact, current.id, merged).await?;
    }
    if let Some(phones) = &phones {
        active.phones = Set(to_json(phones)?);
    }
    if let Some(emails) = &emails {
        active.emails = Set(to_json(emails)?);
    }
    active.updated_at = Set(clock::now());
    let updated = active.update(txn).await?;
    if name.is_some() || phones.is_some() || emails.is_some() || req.tags.is_some() {
        replace_identities(txn, &Contact::from(updated.clone()), tenant).await?;
    }
    let (before, after) = (audit_view(&current), audit_view(&updated));
    let changed = before != after;
    if changed {
        audit::record(
            txn,
            by,
            AuditEvent::new("contact.updated", "contact", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    let updated = Contact::from(updated);
    if changed {
        webhooks::emit(txn, tenant, WebhookEvent::ContactUpdated, to_value(&updated)?).await?;
    }
    Ok(updated)
}

pub async fn delete(state: &AppState, by: &Principal, id: ContactId) -> ApiResult<()> {
    by.require(Permission::ContactsWrite)?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    let leads = crate::leads::entity::Entity::find()
        .filter(crate::leads::entity::Column::ContactId.eq(current.id))
        .count(&txn)
        .await?;
    if leads > 0 {
        return Err(ApiError::conflict(
            "contact_has_leads",
            None,
            format!("{leads} leads belong to this contact: delete them or merge the contact instead"),
        ));
    }
    let purchases = crate::purchases::entity::Entity::find()
        .filter(crate::purchases::entity::Column::ContactId.eq(current.id))
        .count(&txn)
        .await?;
    if purchases > 0 {
        return Err(ApiError::conflict(
            "contact_has_purchases",
            None,
            format!("{purchases} purchases belong to this contact: merge it into another contact instead"),
        ));
    }
    Identities::delete_many()
        .filter(identity::Column::ContactId.eq(current.id))
        .exec(&txn)
        .await?;
    values::remove(&txn, CustomFieldEntity::Contact, current.id).await?;
    crate::notes::service::remove_for(&txn, crate::notes::entity::Column::ContactId, &[current.id]).await?;
    Contacts::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("contact.deleted", "contact", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub use super::list::{ContactFilter, list, matching_ids, selection};
pub use super::lookup::{find_by_identities, region};
