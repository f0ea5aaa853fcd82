//! The `reports` table: one periodic report per company, kind and period start.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    /// `daily`, `weekly` or `monthly`.
    pub kind: String,
    pub period_from: Date,
    pub period_to: Date,
    /// The [`voronka_types::periodic::PeriodicReportBody`] as JSON.
    pub body: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
