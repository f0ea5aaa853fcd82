//! Reading purchases back: by customer, period and amount, newest first or by amount,
//! keyset-paged, within the caller's view of contacts.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};
use serde::Deserialize;
use voronka_types::purchases::Purchase;
use voronka_types::{ContactId, Direction, FieldError, Page, Permission};

use super::entity::{self, Column, Entity as Purchases};
use crate::auth::principal::Principal;
use crate::contacts::entity::contact;
use crate::error::ApiResult;
use crate::money;
use crate::rbac::scope::RowScope;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};
use crate::tenants;
use crate::validation::Checks;

/// How purchases are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseSort {
    /// Newest purchase first (default).
    #[default]
    PurchasedAt,
    /// Largest amount first.
    Amount,
}

/// What `GET /purchases` narrows to.
#[derive(Debug, Clone, Default)]
pub struct PurchaseFilter {
    pub contact_id: Option<ContactId>,
    pub customer_external_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Decimal strings in `currency` (the company's when absent).
    pub amount_from: Option<String>,
    pub amount_to: Option<String>,
    pub currency: Option<String>,
}

/// Who may read purchases: whoever sees contacts (their own contacts' only, with
/// `contacts.read.own`), and integrators' keys with the `ingest` scope.
pub fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    if by.has(Permission::Ingest) {
        return Ok(RowScope::All);
    }
    RowScope::of(by, Permission::ContactsReadAll, Permission::ContactsReadOwn)
}

/// The purchases `filter` selects, checked (422 naming each bad parameter).
pub async fn selection(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &PurchaseFilter,
) -> ApiResult<Select<Purchases>> {
    let tenant = by.tenant()?;
    let mut query = Purchases::find().filter(Column::TenantId.eq(tenant.0));
    if let Some(owner) = read_scope(by)?.owner() {
        let own = Query::select()
            .column(contact::Column::Id)
            .from(contact::Entity)
            .and_where(contact::Column::TenantId.eq(tenant.0))
            .and_where(contact::Column::OwnerId.eq(owner.0))
            .to_owned();
        query = query.filter(Column::ContactId.in_subquery(own));
    }
    if let Some(contact) = filter.contact_id {
        query = query.filter(Column::ContactId.eq(contact.0));
    }
    if let Some(external) = filter.customer_external_id.as_deref().map(str::trim) {
        let customer = Query::select()
            .column(contact::Column::Id)
            .from(contact::Entity)
            .and_where(contact::Column::TenantId.eq(tenant.0))
            .and_where(contact::Column::ExternalId.eq(external))
            .to_owned();
        query = query.filter(Column::ContactId.in_subquery(customer));
    }
    if let Some(from) = filter.from {
        query = query.filter(Column::PurchasedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(Column::PurchasedAt.lt(to));
    }
    let mut checks = Checks::new();
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        checks.push(FieldError::new("to", "before_from", "`to` is before `from`"));
    }
    if filter.amount_from.is_some() || filter.amount_to.is_some() || filter.currency.is_some() {
        let code = match &filter.currency {
            Some(code) => code.clone(),
            None => tenants::service::currency(db, tenant).await?,
        };
        if let Some(currency) = money::check_currency(&mut checks, "currency", &code) {
            query = query.filter(Column::Currency.eq(currency.code.clone()));
            if let Some(from) = filter.amount_from.as_deref()
                && let Some(minor) = money::check_amount(&mut checks, "amount_from", from, &currency)
            {
                query = query.filter(Column::AmountMinor.gte(minor));
            }
            if let Some(to) = filter.amount_to.as_deref()
                && let Some(minor) = money::check_amount(&mut checks, "amount_to", to, &currency)
            {
                query = query.filter(Column::AmountMinor.lte(minor));
            }
        }
    }
    checks.finish()?;
    Ok(query)
}

/// One page of the purchases `filter` selects, with their total.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &PurchaseFilter,
    page: PageRequest<PurchaseSort>,
) -> ApiResult<Page<Purchase>> {
    let query = selection(db, by, filter).await?;
    let sort = page.sort;
    let (name, column) = match sort {
        PurchaseSort::PurchasedAt => ("purchased_at", Column::PurchasedAt),
        PurchaseSort::Amount => ("amount", Column::AmountMinor),
    };
    let spec = SortSpec {
        name,
        column: Some(column),
        nullable: false,
        direction: page.direction.unwrap_or(Direction::Desc),
    };
    let key = move |m: &entity::Model| {
        let value = match sort {
            PurchaseSort::PurchasedAt => SortValue::Time(m.purchased_at),
            PurchaseSort::Amount => SortValue::Int(m.amount_minor),
        };
        (value, m.id)
    };
    sorting::sorted_page(db, query, Column::Id, &spec, key, page.cursor.as_deref(), page.limit).await
}
