//! Finding contacts by what identifies them: normalised phones and e-mails, and the phone
//! region that decides how numbers without a country code are read.

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, Order, QueryFilter, QueryOrder};
use voronka_types::{ContactId, TenantId};

use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::phone;
use crate::error::{ApiError, ApiResult};
use crate::tenants;

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

/// A contact of the tenant whoever owns it (for callers who see every contact), or 404.
pub async fn of_tenant(db: &impl ConnectionTrait, tenant: TenantId, id: ContactId) -> ApiResult<contact::Model> {
    Contacts::find_by_id(id.0)
        .filter(contact::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("contact"))
}
