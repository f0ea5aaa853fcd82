//! Finding leads: filters, sorts, keyset pages and the kanban board.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Select};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::leads::{Lead, LeadFilter, LeadSort};
use voronka_types::pipelines::{Board, PipelineKind};
use voronka_types::{Direction, Page, PipelineId};

use super::card;
use super::entity::{self, Column, Entity as Leads};
use super::service::read_scope;
use crate::auth::principal::Principal;
use crate::contacts;
use crate::custom_fields::{CustomFieldFilter, CustomFieldParams};
use crate::error::ApiResult;
use crate::pipelines::totals::{self, TotalsSource};
use crate::pipelines::{board, records};
use crate::search;
use crate::sorting::{self, PageRequest, SortSpec, SortValue};

/// The leads the caller may see that match `filter`.
pub async fn selection(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &LeadFilter,
    custom: &CustomFieldParams,
) -> ApiResult<Select<Leads>> {
    let tenant = by.tenant()?;
    let mut query = Leads::find().filter(Column::TenantId.eq(tenant.0));
    if let Some(owner) = read_scope(by)?.owner() {
        query = query.filter(Column::OwnerId.eq(owner.0));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let contacts = contacts::service::matching_ids(db, tenant, Some(q)).await?;
        let term = search::contains(&search::fold(q));
        let ids = records::text_or_contact::<Leads>(tenant, Column::SortName, term, Column::ContactId, contacts);
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
    if filter.unassigned == Some(true) {
        query = query.filter(Column::OwnerId.is_null());
    }
    if let Some(contact) = filter.contact_id {
        query = query.filter(Column::ContactId.eq(contact.0));
    }
    if let Some(source) = filter.source {
        query = query.filter(Column::Source.eq(source.as_str()));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.trim().is_empty()) {
        query = query.filter(Column::Id.in_subquery(records::with_tag(tenant, "lead", tag)));
    }
    if let Some(t) = filter.temperature {
        query = query.filter(Column::Temperature.eq(t.as_str()));
    }
    if let Some(intent) = filter.intent {
        query = query.filter(Column::Intent.eq(intent.as_str()));
    }
    if let Some(h) = filter.handled_by {
        query = query.filter(Column::HandledBy.eq(h.as_str()));
    }
    if let Some(repeat) = filter.repeat {
        query = query.filter(Column::Repeat.eq(repeat));
    }
    if let Some(awaiting) = filter.awaiting_reply {
        let waiting = sea_orm::Condition::all().add(Column::LastInboundAt.is_not_null()).add(
            sea_orm::Condition::any()
                .add(Column::LastOutboundAt.is_null())
                .add(Expr::col(Column::LastOutboundAt).lt(Expr::col(Column::LastInboundAt))),
        );
        query = query.filter(if awaiting { waiting } else { waiting.not() });
    }
    query = sorting::within(query, Column::CreatedAt, filter.created_from, filter.created_to);
    query = sorting::within(query, Column::UpdatedAt, filter.updated_from, filter.updated_to);
    let custom = CustomFieldFilter::resolve(db, tenant, CustomFieldEntity::Lead, custom).await?;
    Ok(custom.apply(query, Column::Id))
}

/// Whether `rest` (a filter with the parts the roll-up can answer taken out) or custom-field
/// conditions narrow the leads.
fn narrowed(rest: &LeadFilter, custom: &CustomFieldParams) -> bool {
    rest != &LeadFilter::default() || !custom.is_empty()
}

/// How `sort` orders leads, and in which direction by default.
pub fn sort_spec(sort: LeadSort, direction: Option<Direction>) -> SortSpec<Leads> {
    let (column, nullable, default) = match sort {
        LeadSort::Created => (None, false, Direction::Desc),
        LeadSort::Updated => (Some(Column::UpdatedAt), false, Direction::Desc),
        LeadSort::Score => (Some(Column::Score), false, Direction::Desc),
        LeadSort::Amount => (Some(Column::AmountMinor), true, Direction::Desc),
        LeadSort::Name => (Some(Column::SortName), false, Direction::Asc),
        LeadSort::LastMessage => (Some(Column::LastInboundAt), true, Direction::Desc),
        LeadSort::Position => (Some(Column::Rank), false, Direction::Asc),
    };
    let name = match sort {
        LeadSort::Created => "created",
        LeadSort::Updated => "updated",
        LeadSort::Score => "score",
        LeadSort::Amount => "amount",
        LeadSort::Name => "name",
        LeadSort::LastMessage => "last_message",
        LeadSort::Position => "position",
    };
    SortSpec {
        name,
        column,
        nullable,
        direction: direction.unwrap_or(default),
    }
}

fn sort_key(sort: LeadSort) -> impl Fn(&entity::Model) -> (SortValue, uuid::Uuid) {
    move |m| {
        let value = match sort {
            LeadSort::Created => SortValue::Null,
            LeadSort::Updated => SortValue::Time(m.updated_at),
            LeadSort::Score => SortValue::Int(i64::from(m.score)),
            LeadSort::Amount => m.amount_minor.into(),
            LeadSort::Name => SortValue::Text(m.sort_name.clone()),
            LeadSort::LastMessage => m.last_inbound_at.into(),
            LeadSort::Position => SortValue::Int(m.rank),
        };
        (value, m.id)
    }
}

/// One page of leads.
pub async fn list(
    db: &impl ConnectionTrait,
    by: &Principal,
    filter: &LeadFilter,
    custom: &CustomFieldParams,
    page: PageRequest<LeadSort>,
) -> ApiResult<Page<Lead>> {
    let sort = page.sort;
    let query = selection(db, by, filter, custom).await?;
    let spec = sort_spec(sort, page.direction);
    // Narrowed by nothing but scope, owner and stage: the roll-up knows the exact total.
    let rest = LeadFilter {
        stage_id: None,
        owner_id: None,
        ..filter.clone()
    };
    let total = match TotalsSource::of(read_scope(by)?.owner(), filter.owner_id, narrowed(&rest, custom)) {
        TotalsSource::RolledUp { owner } => {
            Some(totals::count(db, by.tenant()?, "lead", filter.stage_id.map(|s| s.0), owner).await?)
        }
        TotalsSource::Counted => None,
    };
    let page: Page<entity::Model> = sorting::sorted_page_of(
        db,
        query,
        Column::Id,
        &spec,
        sort_key(sort),
        page.cursor.as_deref(),
        page.limit,
        total,
    )
    .await?;
    Ok(Page {
        items: card::with_contacts(db, page.items).await?,
        next_cursor: page.next_cursor,
        total: page.total,
    })
}

/// The lead board of a pipeline (the default lead pipeline when absent): per stage the count,
/// the amounts per currency and the first `per_stage` cards in board order.
pub async fn board(
    db: &impl ConnectionTrait,
    by: &Principal,
    pipeline_id: Option<PipelineId>,
    filter: &LeadFilter,
    custom: &CustomFieldParams,
    per_stage: u64,
) -> ApiResult<Board<Lead>> {
    let base = selection(db, by, filter, custom).await?;
    // The board's own pipeline filter narrows nothing; another pipeline's would.
    let rest = LeadFilter {
        pipeline_id: None,
        owner_id: None,
        ..filter.clone()
    };
    let other_pipeline = filter.pipeline_id.is_some() && filter.pipeline_id != pipeline_id;
    let totals = TotalsSource::of(
        read_scope(by)?.owner(),
        filter.owner_id,
        other_pipeline || narrowed(&rest, custom),
    );
    board::build(
        db,
        by.tenant()?,
        PipelineKind::Lead,
        pipeline_id,
        base,
        totals,
        per_stage,
        |rows| card::with_contacts(db, rows),
    )
    .await
}
