//! The per-stage roll-up of leads and deals (`stage_totals`): how many records sit in each
//! stage and their amounts per currency. Database triggers keep it in the same transaction
//! as every write to `leads` and `deals` (see the migration
//! `m20261122_400002_create_stage_totals`), so no service has to remember it. A board whose
//! records are not narrowed by any filter or row scope reads its column totals here instead
//! of counting a stage of possibly hundreds of thousands of records on every view.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use voronka_types::TenantId;

use crate::error::ApiResult;

pub mod entity {
    use sea_orm::entity::prelude::*;

    /// The records of one stage in one currency (`""`: records without an amount).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stage_totals")]
    pub struct Model {
        /// `lead` or `deal`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub entity: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub stage_id: Uuid,
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

/// A column's totals: the record count and the amounts per currency (alphabetical).
pub type ColumnTotals = (u64, BTreeMap<String, i64>);

/// The totals of these stages of the tenant's records of `entity` (`lead` or `deal`); a
/// stage without records is absent. Answers what `records::column_totals` counts for an
/// unfiltered selection: a currency appears when at least one record carries an amount in it.
pub async fn of_stages(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    entity: &str,
    stages: &[Uuid],
) -> ApiResult<HashMap<Uuid, ColumnTotals>> {
    let rows = entity::Entity::find()
        .filter(entity::Column::TenantId.eq(tenant.0))
        .filter(entity::Column::Entity.eq(entity))
        .filter(entity::Column::StageId.is_in(stages.iter().copied()))
        .all(db)
        .await?;
    let mut totals: HashMap<Uuid, ColumnTotals> = HashMap::new();
    for row in rows.into_iter().filter(|r| r.record_count > 0) {
        let (count, sums) = totals.entry(row.stage_id).or_default();
        *count += row.record_count as u64;
        if !row.currency.is_empty() {
            sums.insert(row.currency, row.amount_sum);
        }
    }
    Ok(totals)
}
