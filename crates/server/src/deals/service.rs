//! Deals: create, read, change (stage moves keep their history; reaching a won or lost stage
//! closes the deal), delete — within the caller's row scope.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::deals::{CreateDeal, Deal};
use voronka_types::pipelines::{PipelineKind, StageChange, StageKind};
use voronka_types::{CompanyId, ContactId, DealId, FieldError, Permission, TenantId};

use super::entity::{self, Entity as Deals};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::companies::entity::{Column as CompanyColumn, Entity as Companies};
use crate::contacts::{self, fields};
use crate::custom_fields::{Mode, values};
use crate::error::{ApiError, ApiResult};
use crate::leads::service::{amount_of, new_owner};
use crate::pipelines::entity::{pipeline, stage};
use crate::pipelines::{placement, records};
use crate::rbac::scope::RowScope;
use crate::startup::AppState;
use crate::validation::{self, Checks};

pub fn read_scope(by: &Principal) -> ApiResult<RowScope> {
    RowScope::of(by, Permission::DealsReadAll, Permission::DealsReadOwn)
}

/// A deal the caller may see, or 404.
pub async fn find_visible(db: &impl ConnectionTrait, by: &Principal, id: DealId) -> ApiResult<entity::Model> {
    let mut query = Deals::find_by_id(id.0).filter(entity::Column::TenantId.eq(by.tenant()?.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(entity::Column::OwnerId.eq(owner.0));
    }
    query.one(db).await?.ok_or(ApiError::NotFound("deal"))
}

pub async fn get(db: &impl ConnectionTrait, by: &Principal, id: DealId) -> ApiResult<Deal> {
    Ok(find_visible(db, by, id).await?.into())
}

pub async fn stage_history(db: &impl ConnectionTrait, by: &Principal, id: DealId) -> ApiResult<Vec<StageChange>> {
    let deal = find_visible(db, by, id).await?;
    records::history(db, "deal", deal.id).await
}

pub(super) fn audit_view(m: &entity::Model) -> serde_json::Value {
    let mut view = json!({
        "title": m.title, "contact_id": m.contact_id, "company_id": m.company_id, "pipeline_id": m.pipeline_id,
        "stage_id": m.stage_id, "owner_id": m.owner_id, "amount_minor": m.amount_minor, "currency": m.currency,
        "expected_close_date": m.expected_close_date, "probability": m.probability, "close_reason": m.close_reason,
        "tags": serde_json::from_str::<serde_json::Value>(&m.tags).unwrap_or_default(),
    });
    values::add_to_audit_view(&mut view, &values::from_column(&m.custom_fields));
    view
}

pub(super) fn check_probability(checks: &mut Checks, probability: Option<u8>) -> Option<i16> {
    match probability {
        Some(p) if p > 100 => {
            checks.push(FieldError::new(
                "probability",
                "out_of_range",
                "the probability is 0–100",
            ));
            None
        }
        other => other.map(i16::from),
    }
}

pub(super) async fn check_contact(
    db: &impl ConnectionTrait,
    by: &Principal,
    id: ContactId,
    checks: &mut Checks,
) -> ApiResult<Option<uuid::Uuid>> {
    let found = contacts::service::find_model(db, by, id).await?;
    if found.is_none() {
        checks.push(FieldError::new("contact_id", "unknown_contact", "no such contact"));
    }
    Ok(found.and_then(|c| c.company_id))
}

pub(super) async fn check_company(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: CompanyId,
    checks: &mut Checks,
) -> ApiResult<()> {
    let found = Companies::find_by_id(id.0)
        .filter(CompanyColumn::TenantId.eq(tenant.0))
        .one(db)
        .await?;
    if found.is_none() {
        checks.push(FieldError::new("company_id", "unknown_company", "no such company"));
    }
    Ok(())
}

/// A new deal, checked, before it is stored.
pub struct NewDeal {
    pub title: String,
    pub contact_id: Option<uuid::Uuid>,
    pub company_id: Option<uuid::Uuid>,
    pub lead_id: Option<uuid::Uuid>,
    pub pipeline: pipeline::Model,
    pub stage: stage::Model,
    pub owner_id: Option<uuid::Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub expected_close_date: Option<chrono::NaiveDate>,
    pub probability: Option<i16>,
    pub tags: Vec<String>,
    pub custom_fields: voronka_types::custom_fields::CustomFieldValues,
}

/// Stores a checked deal with its tags and first stage, audited (inside the caller's transaction).
pub async fn insert(db: &impl ConnectionTrait, by: &Principal, new: NewDeal) -> ApiResult<entity::Model> {
    let tenant = by.tenant()?;
    let now = clock::now();
    let closed = new.stage.kind() != StageKind::Open;
    let model = entity::Model {
        id: DealId::new().0,
        tenant_id: tenant.0,
        sort_title: crate::search::fold(&new.title),
        title: new.title,
        contact_id: new.contact_id,
        company_id: new.company_id,
        lead_id: new.lead_id,
        pipeline_id: new.pipeline.id,
        stage_id: new.stage.id,
        status: new.stage.kind.clone(),
        rank: records::top_rank::<Deals>(db, new.stage.id).await?,
        owner_id: new.owner_id,
        amount_minor: new.amount_minor,
        currency: new.currency,
        expected_close_date: new.expected_close_date,
        probability: new.probability,
        close_reason: None,
        closed_at: closed.then_some(now),
        tags: serde_json::to_string(&new.tags).map_err(|e| ApiError::Internal(e.into()))?,
        custom_fields: values::to_column(&new.custom_fields)?,
        stage_changed_at: now,
        created_at: now,
        updated_at: now,
    };
    entity::ActiveModel::from(model.clone()).insert(db).await?;
    records::replace_tags(db, tenant, "deal", model.id, &new.tags).await?;
    values::store(db, tenant, CustomFieldEntity::Deal, model.id, &new.custom_fields).await?;
    records::record_change(
        db,
        tenant,
        "deal",
        model.id,
        model.pipeline_id,
        None,
        model.stage_id,
        by.user_id(),
        now,
    )
    .await?;
    audit::record(
        db,
        by,
        AuditEvent::new("deal.created", "deal", Some(model.id.to_string())).after(audit_view(&model)),
    )
    .await?;
    Ok(model)
}

pub async fn create(state: &AppState, by: &Principal, req: CreateDeal) -> ApiResult<Deal> {
    by.require(Permission::DealsWrite)?;
    let tenant = by.tenant()?;
    let scope = read_scope(by)?;
    let txn = state.db.begin().await?;
    let mut checks = Checks::new();
    let title = checks.take(validation::text("title", &req.title, 200));
    let probability = check_probability(&mut checks, req.probability);
    let tags = fields::tags(&mut checks, &req.tags);
    let amount = req.amount.clone().unwrap_or_else(|| "0".into());
    let amount = amount_of(&txn, tenant, Some(&amount), req.currency.as_deref(), &mut checks).await?;
    let owner = new_owner(&txn, by, scope, req.owner_id, &mut checks).await?;
    let mut company = req.company_id.map(|c| c.0);
    if let Some(contact) = req.contact_id {
        let contact_company = check_contact(&txn, by, contact, &mut checks).await?;
        company = company.or(contact_company);
    }
    if let Some(c) = req.company_id {
        check_company(&txn, tenant, c, &mut checks).await?;
    }
    let place = placement::resolve_placement(
        &txn,
        tenant,
        PipelineKind::Deal,
        req.pipeline_id,
        req.stage_id,
        &mut checks,
    )
    .await?;
    let custom_fields = values::check(
        &txn,
        tenant,
        CustomFieldEntity::Deal,
        &req.custom_fields,
        Mode::Create,
        &mut checks,
    )
    .await?;
    checks.finish()?;
    let (Some(title), Some((minor, currency)), Some((pipeline, stage))) = (title, amount, place) else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked deal parts missing")));
    };
    let new = NewDeal {
        title,
        contact_id: req.contact_id.map(|c| c.0),
        company_id: company,
        lead_id: None,
        pipeline,
        stage,
        owner_id: owner.map(|o| o.0),
        amount_minor: minor,
        currency: currency.code,
        expected_close_date: req.expected_close_date,
        probability,
        tags,
        custom_fields,
    };
    let model = insert(&txn, by, new).await?;
    txn.commit().await?;
    Ok(model.into())
}

pub async fn delete(state: &AppState, by: &Principal, id: DealId) -> ApiResult<()> {
    use crate::pipelines::entity::stage_change;
    by.require(Permission::DealsWrite)?;
    let txn = state.db.begin().await?;
    let current = find_visible(&txn, by, id).await?;
    records::remove_tags(&txn, &[current.id]).await?;
    values::remove(&txn, CustomFieldEntity::Deal, current.id).await?;
    crate::tasks::unlink(&txn, crate::tasks::Link::Deal, &[current.id]).await?;
    crate::notes::service::remove_for(&txn, crate::notes::entity::Column::DealId, &[current.id]).await?;
    stage_change::Entity::delete_many()
        .filter(stage_change::Column::Entity.eq("deal"))
        .filter(stage_change::Column::RecordId.eq(current.id))
        .exec(&txn)
        .await?;
    crate::leads::entity::Entity::update_many()
        .col_expr(
            crate::leads::entity::Column::DealId,
            sea_orm::sea_query::Expr::val(Option::<uuid::Uuid>::None),
        )
        .filter(crate::leads::entity::Column::DealId.eq(current.id))
        .exec(&txn)
        .await?;
    Deals::delete_by_id(current.id).exec(&txn).await?;
    audit::record(
        &txn,
        by,
        AuditEvent::new("deal.deleted", "deal", Some(current.id.to_string())).before(audit_view(&current)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
