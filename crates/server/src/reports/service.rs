//! Running a report query: the caller's row scope, the company's fields, one SELECT (grouped
//! in SQL when only plain columns are involved, [`super::grouped`]), then grouping in Rust
//! ([`super::compute`]).

use sea_orm::ConnectionTrait;
use serde_json::Value;
use voronka_types::Permission;
use voronka_types::reports::{ReportEntity, ReportQuery, ReportTable};

use super::fetch::{self, forbidden_entity};
use super::fields::{Catalog, custom_entity};
use super::{compute, grouped, plan};
use crate::ai::window::Company;
use crate::auth::principal::Principal;
use crate::custom_fields::values;
use crate::error::ApiResult;
use crate::purchases::list::read_scope;
use crate::rbac::scope::RowScope;

/// The rows of `entity` the caller may read: all, their own, or 403 naming the entity.
pub fn scope(principal: &Principal, entity: ReportEntity) -> ApiResult<RowScope> {
    use Permission::*;
    let scope = match entity {
        ReportEntity::Leads => RowScope::of(principal, LeadsReadAll, LeadsReadOwn),
        ReportEntity::Deals => RowScope::of(principal, DealsReadAll, DealsReadOwn),
        ReportEntity::Contacts => RowScope::of(principal, ContactsReadAll, ContactsReadOwn),
        ReportEntity::Tasks => RowScope::of(principal, TasksReadAll, TasksReadOwn),
        ReportEntity::Purchases => read_scope(principal),
    };
    scope.map_err(|_| forbidden_entity(entity))
}

/// Answers `query` for the caller: only records they may see are counted; unknown fields,
/// measures, buckets and values answer 422 naming their path.
pub async fn run(db: &impl ConnectionTrait, principal: &Principal, query: &ReportQuery) -> ApiResult<ReportTable> {
    let tenant = principal.tenant()?;
    let owner = scope(principal, query.entity)?.owner();
    let company = Company::load(db, tenant).await?;
    let custom = match custom_entity(query.entity) {
        Some(entity) => values::columns(db, tenant, entity).await?,
        None => Vec::new(),
    };
    let plan = plan::check(query, &Catalog::new(query.entity, custom), &company)?;
    let records = if grouped::applies(&plan) {
        grouped::records(db, tenant, owner, &plan, &company).await?
    } else {
        fetch::records(db, tenant, owner, &plan).await?
    };
    Ok(compute::table(&plan, &records, &company))
}

/// A table's cells as text, for CSV and XLSX.
pub fn as_text(table: &ReportTable) -> (Vec<String>, Vec<Vec<String>>) {
    let headers = table.columns.iter().map(|c| c.label.clone()).collect();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    (headers, rows)
}
