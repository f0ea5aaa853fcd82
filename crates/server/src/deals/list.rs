//! Finding deals: filters, sorts, keyset pages and the kanban board.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::deals::{Deal, DealFilter, DealSort};
use voronka_types::pipelines::{Board, PipelineKind};
use voronka_types::{Direction, Page, PipelineId};

use super::entity::{self, Column, Entity as Deals};
use super::service::read_scope;
use crate::auth::principal::Principal;
use crate::contacts;
use crate::custom_fields::{CustomFieldFilter, CustomFieldParams};
use crate::error::ApiResult;
use crate::money;
use crate::pipelines::totals::TotalsSource;
use crate::pipelines::{board, records};
use crate::search;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};
use crate::validation::Checks;

/// The deals the caller may see that match `filter`.
pub async fn selection(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &DealFilter,
    custom: &CustomFieldParams,
) -> ApiResult<Select<Deals>> {
    let tenant = by.tenant()?;
    let mut query = Deals::find().filter(Column::TenantId.eq(tenant.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(Column::OwnerId.eq(owner.0));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let contacts = contacts::service::matching_ids(db, tenant, Some(q)).await?;
        let term = search::contains(&search::fold(q));
        let ids = records::text_or_contact::<Deals>(tenant, Column::SortTitle, term, Column::ContactId, contacts);
        query = query.filter(Column::Id.in_subquery(ids));
    }
    if let Some(p) = filter.pipeline_id {
        query = query.filter(Column::PipelineId.eq(p.0));
    }
    if let Some(s) = filter.stage_id {
        query = query.filter(Column::StageId.eq(s.0));
    }
    if let Some(status) = filter.status {
        query = query.filter(Column::Status.eq(status.as_str()));
    }
    if let Some(owner) = filter.owner_id {
        query = query.filter(Column::OwnerId.eq(owner.0));
    }
    if let Some(contact) = filter.contact_id {
        query = query.filter(Column::ContactId.eq(contact.0));
    }
    if let Some(company) = filter.company_id {
        query = query.filter(Column::CompanyId.eq(company.0));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        query = query.filter(Column::Id.in_subquery(records::with_tag(tenant, "deal", tag)));
    }
    let currency = crate::tenants::service::currency(db, tenant).await?;
    let currency = money::currency(&currency).unwrap_or(money::Currency {
        code: currency,
        exponent: 2,
    });
    let mut checks = Checks::new();
    for (field, raw, lower) in [
        ("amount_from", &filter.amount_from, true),
        ("amount_to", &filter.amount_to, false),
    ] {
        if let Some(minor) = raw
            .as_deref()
            .and_then(|a| money::check_amount(&mut checks, field, a, &currency))
        {
            query = query.filter(if lower {
                Column::AmountMinor.gte(minor)
            } else {
                Column::AmountMinor.lte(minor)
            });
        }
    }
    checks.finish()?;
    if let Some(from) = filter.close_from {
        query = query.filter(Column::ExpectedCloseDate.gte(from));
    }
    if let Some(to) = filter.close_to {
        query = query.filter(Column::ExpectedCloseDate.lte(to));
    }
    query = sorting::within(query, Column::CreatedAt, filter.created_from, filter.created_to);
    query = sorting::within(query, Column::UpdatedAt, filter.updated_from, filter.updated_to);
    let custom = CustomFieldFilter::resolve(db, tenant, CustomFieldEntity::Deal, custom).await?;
    Ok(custom.apply(query, Column::Id))
}

pub fn sort_spec(sort: DealSort, direction: Option<Direction>) -> SortSpec<Deals> {
    let (name, column, nullable, default) = match sort {
        DealSort::Created => ("created", None, false, Direction::Desc),
        DealSort::Updated => ("updated", Some(Column::UpdatedAt), false, Direction::Desc),
        DealSort::Amount => ("amount", Some(Column::AmountMinor), false, Direction::Desc),
        DealSort::Title => ("title", Some(Column::SortTitle), false, Direction::Asc),
        DealSort::ExpectedClose => ("expected_close", Some(Column::ExpectedCloseDate), true, Direction::Asc),
        DealSort::Position => ("position", Some(Column::Rank), false, Direction::Asc),
    };
    SortSpec {
        name,
        column,
        nullable,
        direction: direction.unwrap_or(default),
    }
}

fn sort_key(sort: DealSort) -> impl Fn(&entity::Model) -> (SortValue, uuid::Uuid) {
    move |m| {
        let value = match sort {
            DealSort::Created => SortValue::Null,
            DealSort::Updated => SortValue::Time(m.updated_at),
            DealSort::Amount => SortValue::Int(m.amount_minor),
            DealSort::Title => SortValue::Text(m.sort_title.clone()),
            DealSort::ExpectedClose => m.expected_close_date.into(),
            DealSort::Position => SortValue::Int(m.rank),
        };
        (value, m.id)
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &DealFilter,
    custom: &CustomFieldParams,
    page: PageRequest<DealSort>,
) -> ApiResult<Page<Deal>> {
    let sort = page.sort;
    let query = selection(db, by, filter, custom).await?;
    let spec = sort_spec(sort, page.direction);
    sorting::sorted_page(
        db,
        query,
        Column::Id,
        &spec,
        sort_key(sort),
        page.cursor.as_deref(),
        page.limit,
    )
    .await
}

/// The deal board of a pipeline (the default deal pipeline when absent).
pub async fn board(
    db: &impl ConnectionTrait,
    by: &Principal,
    pipeline_id: Option<PipelineId>,
    filter: &DealFilter,
    custom: &CustomFieldParams,
    per_stage: u64,
) -> ApiResult<Board<Deal>> {
    let base = selection(db, by, filter, custom).await?;
    // The board's own pipeline filter narrows nothing; another pipeline's would.
    let rest = DealFilter {
        pipeline_id: None,
        owner_id: None,
        ..filter.clone()
    };
    let other_pipeline = filter.pipeline_id.is_some() && filter.pipeline_id != pipeline_id;
    let totals = TotalsSource::of(
        read_scope(by)?.owner(),
        filter.owner_id,
        other_pipeline || rest != DealFilter::default() || !custom.is_empty(),
    );
    board::build(
        db,
        by.tenant()?,
        PipelineKind::Deal,
        pipeline_id,
        base,
        totals,
        per_stage,
        |rows: Vec<entity::Model>| async { Ok(rows.into_iter().map(Into::into).collect()) },
    )
    .await
}
