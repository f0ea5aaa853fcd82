//! Contacts: create, read, change, delete and search, within the caller's row scope.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, Select, Set, TransactionTrait,
};
use serde_json::json;
use voronka_types::contacts::{Contact, ContactSort, CreateContact, Source, UpdateContact};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::{CompanyId, ContactId, Direction, FieldError, Page, Permission, TenantId, UserId};

use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::{duplicates, fields, phone};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::companies::entity::Entity as Companies;
use crate::custom_fields::{CustomFieldFilter, CustomFieldParams, Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::rbac::scope::RowScope;
use crate::search;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};
use crate::startup::AppState;
use crate::tenants;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};

pub fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    RowScope::of(by, Permission::ContactsReadAll, Permission::ContactsReadOwn)
}

/// The region that phones without a country code belong to.
pub async fn region(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<Option<phonenumber::country::Id>> {
    let Some(tenant) = tenants::service::find(db, tenant).await? else {
        return Ok(None);
    };
    Ok(match tenant.phone_region.as_deref() {
        Some(code) => code.parse().ok(),
        None => phone::default_region(&tenant.locale),
    })
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

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: ContactId) -> ApiResult<Contact> {
    Ok(find_visible(db, by, id).await?.into())
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
pub(super) async fn replace_identities(
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
pub(super) fn audit_view(m: &contact::Model) -> serde_json::Value {
    let c = Contact::from(m.clone());
    let mut view = json!({
        "name": c.name, "phones": c.phones.iter().map(|p| &p.e164).collect::<Vec<_>>(), "emails": c.emails,
        "company_id": c.company_id, "city": c.city, "source": c.source, "tags": c.tags, "owner_id": c.owner_id,
    });
    values::add_to_audit_view(&mut view, &c.custom_fields);
    view
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.into()))
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
    Ok(model.into())
}

/// The oldest contact of the tenant with one of these phones (E.164) or e-mails: the person
/// behind a repeat request.
pub async fn find_by_identities(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    phones: &[voronka_types::contacts::Phone],
    emails: &[String],
) -> ApiResult<Option<contact::Model>> {
    let mut any = Condition::any();
    if !phones.is_empty() {
        any = any.add(
            Condition::all()
                .add(identity::Column::Kind.eq("phone"))
                .add(identity::Column::Value.is_in(phones.iter().map(|p| p.e164.clone()))),
        );
    }
    if !emails.is_empty() {
        any = any.add(
            Condition::all()
                .add(identity::Column::Kind.eq("email"))
                .add(identity::Column::Value.is_in(emails.iter().cloned())),
        );
    }
    if phones.is_empty() && emails.is_empty() {
        return Ok(None);
    }
    let ids = Query::select()
        .column(identity::Column::ContactId)
        .from(Identities)
        .and_where(Expr::col(identity::Column::TenantId).eq(tenant.0))
        .cond_where(any)
        .to_owned();
    Ok(Contacts::find()
        .filter(contact::Column::TenantId.eq(tenant.0))
        .filter(contact::Column::Id.in_subquery(ids))
        .order_by(contact::Column::Id, Order::Asc)
        .one(db)
        .await?)
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
    if before != after {
        audit::record(
            txn,
            by,
            AuditEvent::new("contact.updated", "contact", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    Ok(updated.into())
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

#[derive(Debug, Default, Clone)]
pub struct ContactFilter {
    /// Name part, e-mail part, or a phone in any format.
    pub q: Option<String>,
    pub source: Option<Source>,
    pub owner_id: Option<UserId>,
    pub company_id: Option<CompanyId>,
    pub tag: Option<String>,
    /// `cf[…]`, `cf_from[…]`, `cf_to[…]` as sent.
    pub custom_fields: CustomFieldParams,
    /// Created between (inclusive; either end open).
    pub created: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    pub updated: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
}

/// Contacts having a search key of `kind` that satisfies `matches`.
fn with_key(tenant: TenantId, kind: &str, matches: Condition) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(identity::Column::ContactId)
        .from(Identities)
        .and_where(Expr::col(identity::Column::TenantId).eq(tenant.0))
        .and_where(Expr::col(identity::Column::Kind).eq(kind))
        .cond_where(matches)
        .to_owned()
}

/// Ids of the tenant's contacts whose name or e-mail contains `q`, or with a phone matching
/// `q` in any format; `None` for a blank search.
pub async fn matching_ids(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    q: Option<&str>,
) -> ApiResult<Option<sea_orm::sea_query::SelectStatement>> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    let lowered = q.to_lowercase();
    let mut any = Condition::any()
        .add(
            Expr::col(identity::Column::Kind)
                .eq("name")
                .and(Expr::col(identity::Column::Value).like(search::contains(&lowered))),
        )
        .add(
            Expr::col(identity::Column::Kind)
                .eq("email")
                .and(Expr::col(identity::Column::Value).like(search::contains(&lowered))),
        );
    for term in phone::search_terms(q, region(db, tenant).await?) {
        any = any.add(
            Expr::col(identity::Column::Kind)
                .eq("phone")
                .and(Expr::col(identity::Column::Value).like(search::contains(&term))),
        );
    }
    Ok(Some(
        Query::select()
            .column(identity::Column::ContactId)
            .from(Identities)
            .and_where(Expr::col(identity::Column::TenantId).eq(tenant.0))
            .cond_where(any)
            .to_owned(),
    ))
}

/// One page in the asked order (newest first by default), within the caller's row scope.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: ContactFilter,
    page: PageRequest<ContactSort>,
) -> ApiResult<Page<Contact>> {
    let query = selection(db, by, &filter).await?;
    let sort = page.sort;
    let (name, column, default) = match sort {
        ContactSort::Created => ("created", None, Direction::Desc),
        ContactSort::Updated => ("updated", Some(contact::Column::UpdatedAt), Direction::Desc),
        ContactSort::Name => ("name", Some(contact::Column::SortName), Direction::Asc),
    };
    let spec = SortSpec {
        name,
        column,
        nullable: false,
        direction: page.direction.unwrap_or(default),
    };
    let key = move |m: &contact::Model| {
        let value = match sort {
            ContactSort::Created => SortValue::Null,
            ContactSort::Updated => SortValue::Time(m.updated_at),
            ContactSort::Name => SortValue::Text(m.sort_name.clone()),
        };
        (value, m.id)
    };
    sorting::sorted_page(
        db,
        query,
        contact::Column::Id,
        &spec,
        key,
        page.cursor.as_deref(),
        page.limit,
    )
    .await
}

/// The contacts the caller may see that match `filter` (the list's query, unordered).
pub async fn selection(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &ContactFilter,
) -> ApiResult<Select<Contacts>> {
    let tenant = by.tenant()?;
    let mut query = Contacts::find().filter(contact::Column::TenantId.eq(tenant.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(contact::Column::OwnerId.eq(owner.0));
    }
    if let Some(matching) = matching_ids(db, tenant, filter.q.as_deref()).await? {
        query = query.filter(contact::Column::Id.in_subquery(matching));
    }
    if let Some(source) = filter.source {
        query = query.filter(contact::Column::Source.eq(source.as_str()));
    }
    if let Some(owner) = filter.owner_id {
        query = query.filter(contact::Column::OwnerId.eq(owner.0));
    }
    if let Some(company) = filter.company_id {
        query = query.filter(contact::Column::CompanyId.eq(company.0));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.is_empty()) {
        let exact = Condition::all().add(Expr::col(identity::Column::Value).eq(tag.trim().to_lowercase()));
        query = query.filter(contact::Column::Id.in_subquery(with_key(tenant, "tag", exact)));
    }
    query = sorting::within(query, contact::Column::CreatedAt, filter.created.0, filter.created.1);
    query = sorting::within(query, contact::Column::UpdatedAt, filter.updated.0, filter.updated.1);
    let custom = CustomFieldFilter::resolve(db, tenant, CustomFieldEntity::Contact, &filter.custom_fields).await?;
    Ok(custom.apply(query, contact::Column::Id))
}
