//! Companies: the organisations contacts work for.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QuerySelect,
    Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;
use voronka_types::contacts::ContactSort;
use voronka_types::contacts::{Company, CreateCompany, UpdateCompany};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::{CompanyId, Direction, FieldError, Page, Permission, TenantId};

use super::entity::{self as company, Entity as Companies};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::custom_fields::{CustomFieldFilter, CustomFieldParams, Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::search;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};
use crate::startup::AppState;
use crate::users::service::check_owner;
use crate::validation::{self, Checks};

/// Companies are shared by the whole team: reading needs either contacts permission.
fn require_read(by: &Principal) -> ApiResult<()> {
    if by.has(Permission::ContactsReadAll) || by.has(Permission::ContactsReadOwn) {
        Ok(())
    } else {
        by.require(Permission::ContactsReadAll)
    }
}

/// `stroyplus.ru` from `https://www.StroyPlus.ru/about`.
pub fn domain(raw: &str) -> Result<String, FieldError> {
    let lowered = raw.trim().to_lowercase();
    let host = lowered
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let valid = host.len() <= 253
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if valid {
        Ok(host)
    } else {
        Err(FieldError::new(
            "domain",
            "invalid_domain",
            "enter a domain like stroyplus.ru",
        ))
    }
}

async fn count_contacts(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<u64> {
    Ok(Contacts::find()
        .filter(contact::Column::CompanyId.eq(id))
        .count(db)
        .await?)
}

async fn find_in_tenant(db: &impl ConnectionTrait, tenant: TenantId, id: CompanyId) -> ApiResult<company::Model> {
    Companies::find_by_id(id.0)
        .filter(company::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("company"))
}

/// What the audit log compares; each custom field shows as `custom_fields.<key>`.
fn audit_view(m: &company::Model) -> serde_json::Value {
    let mut view = json!({ "name": m.name, "domain": m.domain, "owner_id": m.owner_id });
    values::add_to_audit_view(&mut view, &values::from_column(&m.custom_fields));
    view
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: CompanyId) -> ApiResult<Company> {
    require_read(by)?;
    let model = find_in_tenant(db, by.tenant()?, id).await?;
    let count = count_contacts(db, model.id).await?;
    Ok(model.into_dto(count))
}

pub async fn create(state: &AppState, by: &Principal, req: CreateCompany) -> ApiResult<Company> {
    by.require(Permission::ContactsWrite)?;
    let tenant = by.tenant()?;
    let mut checks = Checks::new();
    let name = checks
        .take(validation::text("name", &req.name, 200))
        .unwrap_or_default();
    let domain = req
        .domain
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .and_then(|d| checks.take(domain(d)));
    let owner = req.owner_id.or(by.user_id());
    if let Some(owner) = owner {
        check_owner(&state.db, tenant, owner, &mut checks).await?;
    }
    let custom_fields = values::check(
        &state.db,
        tenant,
        CustomFieldEntity::Company,
        &req.custom_fields,
        Mode::Create,
        &mut checks,
    )
    .await?;
    checks.finish()?;
    let now = clock::now();
    let model = company::Model {
        id: CompanyId::new().0,
        tenant_id: tenant.0,
        search_name: search::fold(&name),
        name,
        domain,
        owner_id: owner.map(|o| o.0),
        custom_fields: values::to_column(&custom_fields)?,
        created_at: now,
        updated_at: now,
    };
    let txn = state.db.begin().await?;
    company::ActiveModel::from(model.clone()).insert(&txn).await?;
    values::store(&txn, tenant, CustomFieldEntity::Company, model.id, &custom_fields).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("company.created", "company", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    txn.commit().await?;
    Ok(model.into_dto(0))
}

pub async fn update(state: &AppState, by: &Principal, id: CompanyId, req: UpdateCompany) -> ApiResult<Company> {
    by.require(Permission::ContactsWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let current = find_in_tenant(&txn, tenant, id).await?;
    let mut checks = Checks::new();
    let mut active: company::ActiveModel = current.clone().into();
    if let Some(name) = req
        .name
        .as_deref()
        .and_then(|n| checks.take(validation::text("name", n, 200)))
    {
        active.search_name = Set(search::fold(&name));
        active.name = Set(name);
    }
    if let Some(new_domain) = &req.domain {
        let cleaned = new_domain
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .and_then(|d| checks.take(domain(d)));
        active.domain = Set(cleaned);
    }
    if let Some(owner) = req.owner_id {
        if let Some(owner) = owner {
            check_owner(&txn, tenant, owner, &mut checks).await?;
        }
        active.owner_id = Set(owner.map(|o| o.0));
    }
    let custom_fields = match &req.custom_fields {
        Some(changes) => {
            let changes = values::check(
                &txn,
                tenant,
                CustomFieldEntity::Company,
                changes,
                Mode::Update,
                &mut checks,
            )
            .await?;
            let current_values = values::from_column(&current.custom_fields);
            Some(values::merge(&current_values, &changes)).filter(|merged| *merged != current_values)
        }
        None => None,
    };
    checks.finish()?;
    if let Some(merged) = &custom_fields {
        active.custom_fields = Set(values::to_column(merged)?);
        values::store(&txn, tenant, CustomFieldEntity::Company, current.id, merged).await?;
    }
    active.updated_at = Set(clock::now());
    let updated = active.update(&txn).await?;
    let (before, after) = (audit_view(&current), audit_view(&updated));
    if before != after {
        audit::record(
            &txn,
            by,
            AuditEvent::new("company.updated", "company", Some(current.id.to_string()))
                .before(before)
                .after(after),
        )
        .await?;
    }
    let count = count_contacts(&txn, updated.id).await?;
    txn.commit().await?;
    Ok(updated.into_dto(count))
}

/// Deletes a company; its contacts stay, without a company.
pub async fn delete(state: &AppState, by: &Principal, id: CompanyId) -> ApiResult<()> {
    by.require(Permission::ContactsWrite)?;
    let txn = state.db.begin().await?;
    let current = find_in_tenant(&txn, by.tenant()?, id).await?;
    Contacts::update_many()
        .col_expr(contact::Column::CompanyId, Expr::value(Option::<Uuid>::None))
        .filter(contact::Column::CompanyId.eq(current.id))
        .exec(&txn)
        .await?;
    values::remove(&txn, CustomFieldEntity::Company, current.id).await?;
    Companies::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("company.deleted", "company", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Newest first; `q` matches name or domain; `custom_fields` are the `cf[…]` filters as sent.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    q: Option<String>,
    custom_fields: &CustomFieldParams,
    page: PageRequest<ContactSort>,
) -> ApiResult<Page<Company>> {
    require_read(by)?;
    let tenant = by.tenant()?;
    let mut query = Companies::find().filter(company::Column::TenantId.eq(tenant.0));
    if let Some(q) = q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let term = search::fold(q);
        query = query.filter(
            sea_orm::Condition::any()
                .add(Expr::col(company::Column::SearchName).like(search::contains(&term)))
                .add(Expr::col(company::Column::Domain).like(search::contains(&term))),
        );
    }
    let custom = CustomFieldFilter::resolve(db, tenant, CustomFieldEntity::Company, custom_fields).await?;
    query = custom.apply(query, company::Column::Id);
    let sort = page.sort;
    let (name, column, default) = match sort {
        ContactSort::Created => ("created", None, Direction::Desc),
        ContactSort::Updated => ("updated", Some(company::Column::UpdatedAt), Direction::Desc),
        ContactSort::Name => ("name", Some(company::Column::SearchName), Direction::Asc),
    };
    let spec = SortSpec {
        name,
        column,
        nullable: false,
        direction: page.direction.unwrap_or(default),
    };
    let key = move |m: &company::Model| {
        let value = match sort {
            ContactSort::Created => SortValue::Null,
            ContactSort::Updated => SortValue::Time(m.updated_at),
            ContactSort::Name => SortValue::Text(m.search_name.clone()),
        };
        (value, m.id)
    };
    let page: Page<company::Model> = sorting::sorted_page(
        db,
        query,
        company::Column::Id,
        &spec,
        key,
        page.cursor.as_deref(),
        page.limit,
    )
    .await?;
    let ids: Vec<Uuid> = page.items.iter().map(|c| c.id).collect();
    let counts: Vec<(Option<Uuid>, i64)> = Contacts::find()
        .select_only()
        .column(contact::Column::CompanyId)
        .column_as(contact::Column::Id.count(), "n")
        .filter(contact::Column::CompanyId.is_in(ids))
        .group_by(contact::Column::CompanyId)
        .into_tuple()
        .all(db)
        .await?;
    let count_of = |id: Uuid| {
        counts
            .iter()
            .find(|(c, _)| *c == Some(id))
            .map_or(0, |(_, n)| *n as u64)
    };
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(|m| {
                let n = count_of(m.id);
                m.into_dto(n)
            })
            .collect(),
        next_cursor: page.next_cursor,
        total: page.total,
    })
}
