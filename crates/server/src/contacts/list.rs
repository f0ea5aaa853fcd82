//! Finding contacts: filters, search by name, e-mail or a phone in any format, sorts and
//! keyset pages.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, Select};
use voronka_types::contacts::{Contact, ContactSort, Source};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::{CompanyId, Direction, Page, TenantId, UserId};

use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::phone;
use crate::auth::principal::Principal;
use crate::custom_fields::{CustomFieldFilter, CustomFieldParams};
use crate::error::ApiResult;
use crate::search;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};

use super::lookup::region;
use super::service::read_scope;
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
    let terms = phone::search_terms(q, region(db, tenant).await?);
    // A term containing another adds no matches (`%+79161234567%` ⊂ `%79161234567%`) but costs
    // an index scan of its own; only the shortest forms are searched.
    let needed = terms
        .iter()
        .filter(|t| !terms.iter().any(|other| other != *t && t.contains(other.as_str())));
    for term in needed {
        any = any.add(
            Expr::col(identity::Column::Kind)
                .eq("phone")
                .and(Expr::col(identity::Column::Value).like(search::contains(term))),
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
