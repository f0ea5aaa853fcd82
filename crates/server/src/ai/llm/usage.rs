//! The `llm_usage` table: tokens, calls and failures per company, month and purpose, counted
//! with one upsert per call; the monthly budget is checked against its sums.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ExprTrait, QuerySelect, Set};
use voronka_types::TenantId;

use crate::error::ApiResult;

/// One company's use of the LLM in one month for one purpose.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "llm_usage")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// `2026-11`, in the company's time zone.
    #[sea_orm(primary_key, auto_increment = false)]
    pub month: String,
    /// `narrative` or `classify`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub purpose: String,
    pub prompt_tokens: i64,
    pub completion_tokens: i64,
    pub calls: i64,
    /// Calls that gave no usable answer (error, timeout, rejected answer).
    pub failures: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What one call adds to the counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub failed: bool,
}

/// Tokens (prompt + completion) the company spent in `month`, all purposes together.
pub async fn spent(db: &impl ConnectionTrait, tenant: TenantId, month: &str) -> ApiResult<u64> {
    let total: Option<(Option<i64>, Option<i64>)> = Entity::find()
        .select_only()
        // PostgreSQL sums BIGINTs as NUMERIC.
        .column_as(Expr::col(Column::PromptTokens).sum().cast_as("BIGINT"), "prompt")
        .column_as(
            Expr::col(Column::CompletionTokens).sum().cast_as("BIGINT"),
            "completion",
        )
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::Month.eq(month))
        .into_tuple()
        .one(db)
        .await?;
    let (prompt, completion) = total.unwrap_or_default();
    Ok(u64::try_from(prompt.unwrap_or(0) + completion.unwrap_or(0)).unwrap_or(0))
}

/// Adds one call to the company's counts for `month` and `purpose` (inserted or added to).
pub async fn record(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    month: &str,
    purpose: &str,
    tally: Tally,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let prompt = i64::try_from(tally.prompt_tokens).unwrap_or(i64::MAX);
    let completion = i64::try_from(tally.completion_tokens).unwrap_or(i64::MAX);
    let failures = i64::from(tally.failed);
    let row = ActiveModel {
        tenant_id: Set(tenant.0),
        month: Set(month.to_owned()),
        purpose: Set(purpose.to_owned()),
        prompt_tokens: Set(prompt),
        completion_tokens: Set(completion),
        calls: Set(1),
        failures: Set(failures),
        updated_at: Set(now),
    };
    let add = |column: Column, by: i64| (column, Expr::col((Entity, column)).add(by));
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::TenantId, Column::Month, Column::Purpose])
                .values([
                    add(Column::PromptTokens, prompt),
                    add(Column::CompletionTokens, completion),
                    add(Column::Calls, 1),
                    add(Column::Failures, failures),
                ])
                .update_column(Column::UpdatedAt)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
