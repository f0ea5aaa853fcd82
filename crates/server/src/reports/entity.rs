//! The `saved_reports` table: a report-builder query (JSON text) saved by a user.

use sea_orm::entity::prelude::*;
use voronka_types::reports::{ReportQuery, SavedReport};
use voronka_types::{SavedReportId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub author_id: Option<Uuid>,
    pub name: String,
    /// The [`ReportQuery`] as JSON.
    pub query: String,
    pub shared: bool,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The API view; a query that no longer parses (never written so) shows as a bare count.
    pub fn view(self) -> SavedReport {
        let query = serde_json::from_str::<ReportQuery>(&self.query).unwrap_or_else(|_| ReportQuery {
            entity: voronka_types::reports::ReportEntity::Leads,
            filters: Vec::new(),
            group_by: Vec::new(),
            measures: Vec::new(),
            sort: Vec::new(),
            limit: None,
        });
        SavedReport {
            id: SavedReportId(self.id),
            name: self.name,
            query,
            shared: self.shared,
            author_id: self.author_id.map(UserId),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}
