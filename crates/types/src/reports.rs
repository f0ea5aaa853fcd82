//! The report builder (`POST /api/v1/reports/query`) and saved reports.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{SavedReportId, UserId};

/// What a report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReportEntity {
    Leads,
    Deals,
    Contacts,
    Tasks,
    Purchases,
}

/// How a filter compares a field with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FilterOp {
    Eq,
    Ne,
    /// `value` is an array: any of them.
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    /// Text containing `value` in any case; tags and multi-selects having that option.
    Contains,
    /// `value` true (default) for empty, false for filled.
    IsNull,
}

/// One condition; all conditions must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFilter {
    /// A field of the entity (`source`, `created_at`, `cf.<key>` …).
    pub field: String,
    pub op: FilterOp,
    /// A string, number or boolean (an array for `in`). Dates as `YYYY-MM-DD` (company time
    /// zone) or RFC 3339; money in major units (`"1250.50"`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub value: Value,
}

/// Date buckets of a date field, in the company's time zone; weeks start on Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    Week,
    Month,
}

/// A grouping column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportGroup {
    pub field: String,
    /// Only for date fields; default `day`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Bucket>,
}

/// An aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MeasureFn {
    Count,
    Sum,
    Avg,
    /// Share of records won (leads: status `won` or converted into a deal; deals: `won`).
    Conversion,
}

/// A measure column; its key (for `sort`) is `count`, `conversion` or `<fn>_<field>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportMeasure {
    #[serde(rename = "fn")]
    pub function: MeasureFn,
    /// The numeric field `sum` and `avg` read (`amount`, `score`, `cf.<key>` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

/// Sorting by a group field or a measure key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSort {
    pub by: String,
    #[serde(default)]
    pub dir: SortDir,
}

/// A report-builder query: whitelisted fields only, never SQL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportQuery {
    pub entity: ReportEntity,
    #[serde(default)]
    pub filters: Vec<ReportFilter>,
    /// At most two.
    #[serde(default)]
    pub group_by: Vec<ReportGroup>,
    /// Default: `[{"fn": "count"}]`.
    #[serde(default)]
    pub measures: Vec<ReportMeasure>,
    #[serde(default)]
    pub sort: Vec<ReportSort>,
    /// Rows answered, 1–1000; default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// A column of a report table. `type`: `text`, `number`, `money` (decimal string), `ratio`
/// (0–1), `date` (`YYYY-MM-DD`), `month` (`YYYY-MM`) or `bool`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportColumn {
    pub key: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// The answer of a report query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTable {
    pub columns: Vec<ReportColumn>,
    /// One array per row, cells in column order.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<Object>>))]
    pub rows: Vec<Vec<Value>>,
    /// Rows before `limit`.
    pub total_rows: u64,
}

/// A saved report-builder query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedReport {
    pub id: SavedReportId,
    pub name: String,
    pub query: ReportQuery,
    /// Visible to the whole team (editable only by the author and the owner).
    pub shared: bool,
    pub author_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSavedReport {
    /// 1–200 characters.
    pub name: String,
    pub query: ReportQuery,
    #[serde(default)]
    pub shared: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedReportChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<ReportQuery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
}

/// How a report field's values look, for the builder's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReportFieldKind {
    Text,
    Uuid,
    Int,
    /// A decimal string in major units.
    Money,
    /// A moment (RFC 3339); filters also take `YYYY-MM-DD`.
    Time,
    Bool,
    /// Tags or a multi-select: `contains` one option.
    List,
    Decimal,
    /// `YYYY-MM-DD`.
    Date,
}

/// A field the report builder may offer for an entity (`GET /reports/fields`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportFieldInfo {
    /// As a query names it (`source`, `cf.<key>`).
    pub key: String,
    /// In the company's language; a custom field's own label.
    pub label: String,
    pub kind: ReportFieldKind,
    /// May be a `group_by` field.
    pub groupable: bool,
    /// May be read by `sum` and `avg`.
    pub measurable: bool,
    /// May take a date bucket (`day`, `week`, `month`).
    pub bucketable: bool,
}
