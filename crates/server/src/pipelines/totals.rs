//! The per-stage roll-up of leads and deals (`stage_totals`): how many records each owner has
//! in each stage and their amounts per currency. Database triggers keep it in the same
//! transaction as every write to `leads` and `deals` (see the migration
//! `m20261122_400002_create_stage_totals`), so no service has to remember it. A board or list
//! narrowed by nothing but an owner (a filter or a manager's own row scope) and, for lists, a
//! stage reads its totals here instead of counting possibly hundreds of thousands of records
//! on every view.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect, Select};
use uuid::Uuid;
use voronka_types::{TenantId, UserId};

use crate::error::ApiResult;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// The records of one owner in one stage in one currency (`""`: records without an
    /// amount).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stage_totals")]
    pub struct Model {
        /// `lead` or `deal`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub entity: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub stage_id: Uuid,
        /// The nil UUID for records nobody owns.
        #[sea_orm(primary_key, auto_increment = false)]
        pub owner_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub currency: String,
        pub tenant_id: Uuid,
        pub record_count: i64,
        /// In minor units.
        pub amount_sum: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Where the totals of a selection of records come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalsSource {
    /// Counted from the selected records (whatever narrows them).
    Counted,
    /// Read from the roll-up: the selection is every record of the tenant, or of one owner.
    RolledUp { owner: Option<Uuid> },
}

impl TotalsSource {
    /// The roll-up serves a selection narrowed by at most the caller's row scope (`scope`)
    /// and an owner filter (`owner`); `narrowed_otherwise` says something else narrows it.
    pub fn of(scope: Option<UserId>, owner: Option<UserId>, narrowed_otherwise: bool) -> Self {
        match (scope, owner) {
            _ if narrowed_otherwise => Self::Counted,
            // Someone else's records seen through one's own scope: nothing, counted quickly.
            (Some(mine), Some(theirs)) if mine != theirs => Self::Counted,
            (mine, theirs) => Self::RolledUp {
                owner: mine.or(theirs).map(|u| u.0),
            },
        }
    }
}

/// A column's totals: the record count and the amounts per currency (alphabetical).
pub type ColumnTotals = (u64, BTreeMap<String, i64>);

fn rows(tenant: TenantId, entity: &str, owner: Option<Uuid>) -> Select<entity::Entity> {
    let query = entity::Entity::find()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::Entity.eq(entity));
    match owner {
        Some(owner) => query.filter(entity::Column::OwnerId.eq(owner)),
        None => query,
    }
}

/// The totals of these stages of the tenant's records of `entity` (`lead` or `deal`), of one
/// owner's records when `owner` is given; a stage without records is absent. Answers what
/// `records::column_totals` counts: a currency appears when at least one record carries an
/// amount in it.
pub async fn of_stages(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: &str,
    stages: &[Uuid],
    owner: Option<Uuid>,
) -> ApiResult<HashMap<Uuid, ColumnTotals>> {
    let sum = |column: entity::Column| Expr::col(column).sum().cast_as("BIGINT");
    let rows: Vec<(Uuid, String, Option<i64>, Option<i64>)> = rows(tenant, entity, owner)
        .filter(entity::Column::StageId.is_in(stages.iter().copied()))
        .select_only()
        .column(entity::Column::StageId)
        .column(entity::Column::Currency)
        .column_as(sum(entity::Column::RecordCount), "records")
        .column_as(sum(entity::Column::AmountSum), "amount")
        .group_by(entity::Column::StageId)
        .group_by(entity::Column::Currency)
        .into_tuple()
        .all(db)
        .await?;
    let mut totals: HashMap<Uuid, ColumnTotals> = HashMap::new();
    for (stage, currency, records, amount) in rows {
        let records = u64::try_from(records.unwrap_or(0)).unwrap_or(0);
        if records == 0 {
            continue;
        }
        let (count, sums) = totals.entry(stage).or_default();
        *count += records;
        if !currency.is_empty() {
            sums.insert(currency, amount.unwrap_or(0));
        }
    }
    Ok(totals)
}

/// How many records of `entity` the tenant has (in `stage`, of `owner`, when given).
pub async fn count(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: &str,
    stage: Option<Uuid>,
    owner: Option<Uuid>,
) -> ApiResult<u64> {
    let mut query = rows(tenant, entity, owner);
    if let Some(stage) = stage {
        query = query.filter(entity::Column::StageId.eq(stage));
    }
    let total: Option<Option<i64>> = query
        .select_only()
        .column_as(Expr::col(entity::Column::RecordCount).sum().cast_as("BIGINT"), "total")
        .into_tuple()
        .one(db)
        .await?;
    Ok(u64::try_from(total.flatten().unwrap_or(0)).unwrap_or(0))
}
