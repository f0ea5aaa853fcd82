//! Leads that arrived in a period, by source, with how many of them were won.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect};
use voronka_insights::sales::Period;
use voronka_types::ai::SourceConversion;

use super::window::Company;
use crate::error::ApiResult;
use crate::leads::entity::{Column, Entity as Leads};

/// Sources with the most leads first; a lead counts as won when it sits in a won stage or was
/// converted to a deal.
pub async fn conversion(
    db: &impl ConnectionTrait,
    company: &Company,
    period: Period,
) -> ApiResult<Vec<SourceConversion>> {
    let won = Expr::cust("SUM(CASE WHEN status = 'won' OR deal_id IS NOT NULL THEN 1 ELSE 0 END)");
    let rows: Vec<(String, i64, Option<i64>)> = Leads::find()
        .select_only()
        .column(Column::Source)
        .column_as(Expr::col(Column::Id).count(), "leads")
        .column_as(won.cast_as("BIGINT"), "won")
        .filter(Column::TenantId.eq(company.tenant.0))
        .filter(Column::CreatedAt.gte(company.start_of(period.from)))
        .filter(Column::CreatedAt.lt(company.end_of(period.to)))
        .group_by(Column::Source)
        .into_tuple()
        .all(db)
        .await?;
    let mut sources: Vec<SourceConversion> = rows
        .into_iter()
        .map(|(source, leads, won)| {
            let leads = u64::try_from(leads).unwrap_or_default();
            let won = u64::try_from(won.unwrap_or_default()).unwrap_or_default();
            SourceConversion {
                source,
                leads,
                won,
                conversion: if leads > 0 { won as f64 / leads as f64 } else { 0.0 },
            }
        })
        .collect();
    sources.sort_by(|a, b| b.leads.cmp(&a.leads).then_with(|| a.source.cmp(&b.source)));
    Ok(sources)
}
