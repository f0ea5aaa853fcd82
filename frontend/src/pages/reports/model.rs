//! The report builder's form as plain data: which operators a field kind allows, how a typed
//! value becomes JSON, and the form ⇄ [`ReportQuery`] round trip. No Leptos here, so it is
//! tested on the host.

use serde_json::{Value, json};
use voronka_types::reports::{
    Bucket, FilterOp, MeasureFn, ReportEntity, ReportFieldInfo, ReportFieldKind, ReportFilter, ReportGroup,
    ReportMeasure, ReportQuery, ReportSort, SortDir,
};

/// Every entity, in the order the picker shows them.
pub const ENTITIES: [ReportEntity; 5] = [
    ReportEntity::Leads,
    ReportEntity::Deals,
    ReportEntity::Contacts,
    ReportEntity::Tasks,
    ReportEntity::Purchases,
];

/// The wire name of an entity (`leads` …).
pub fn entity_name(entity: ReportEntity) -> &'static str {
    match entity {
        ReportEntity::Leads => "leads",
        ReportEntity::Deals => "deals",
        ReportEntity::Contacts => "contacts",
        ReportEntity::Tasks => "tasks",
        ReportEntity::Purchases => "purchases",
    }
}

/// The entity named `name`, if any.
pub fn parse_entity(name: &str) -> Option<ReportEntity> {
    ENTITIES.into_iter().find(|e| entity_name(*e) == name)
}

/// The operators a filter on a field of `kind` may use, the first being the default.
pub fn operators(kind: ReportFieldKind) -> &'static [FilterOp] {
    use FilterOp::*;
    match kind {
        ReportFieldKind::Text => &[Eq, Ne, Contains, In, IsNull],
        ReportFieldKind::Uuid => &[Eq, Ne, In, IsNull],
        ReportFieldKind::Int | ReportFieldKind::Money | ReportFieldKind::Decimal => &[Eq, Ne, Gt, Gte, Lt, Lte, IsNull],
        ReportFieldKind::Time | ReportFieldKind::Date => &[Gte, Lt, Eq, IsNull],
        ReportFieldKind::Bool => &[Eq, IsNull],
        ReportFieldKind::List => &[Contains, IsNull],
    }
}

/// The wire name of an operator.
pub fn op_name(op: FilterOp) -> &'static str {
    match op {
        FilterOp::Eq => "eq",
        FilterOp::Ne => "ne",
        FilterOp::In => "in",
        FilterOp::Gt => "gt",
        FilterOp::Gte => "gte",
        FilterOp::Lt => "lt",
        FilterOp::Lte => "lte",
        FilterOp::Contains => "contains",
        FilterOp::IsNull => "is_null",
    }
}

/// The operator named `name`, if any.
pub fn parse_op(name: &str) -> Option<FilterOp> {
    use FilterOp::*;
    [Eq, Ne, In, Gt, Gte, Lt, Lte, Contains, IsNull]
        .into_iter()
        .find(|op| op_name(*op) == name)
}

/// The wire name of a measure function.
pub fn measure_fn_name(function: MeasureFn) -> &'static str {
    match function {
        MeasureFn::Count => "count",
        MeasureFn::Sum => "sum",
        MeasureFn::Avg => "avg",
        MeasureFn::Conversion => "conversion",
    }
}

/// The wire name of a date bucket.
pub fn bucket_name(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Day => "day",
        Bucket::Week => "week",
        Bucket::Month => "month",
    }
}

/// The bucket named `name` (anything else: none).
pub fn parse_bucket(name: &str) -> Option<Bucket> {
    [Bucket::Day, Bucket::Week, Bucket::Month]
        .into_iter()
        .find(|b| bucket_name(*b) == name)
}

/// One filter row as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterRow {
    pub field: String,
    pub op: FilterOp,
    pub value: String,
}

/// The whole form.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub entity: ReportEntity,
    pub filters: Vec<FilterRow>,
    /// Up to two; an empty field means "not grouped".
    pub groups: Vec<ReportGroup>,
    pub measures: Vec<ReportMeasure>,
    /// A group field or a measure key; empty: the server's order.
    pub sort_by: String,
    pub sort_dir: SortDir,
}

impl Draft {
    /// A count of `entity`'s records, ungrouped.
    pub fn new(entity: ReportEntity) -> Self {
        Draft {
            entity,
            filters: Vec::new(),
            groups: Vec::new(),
            measures: vec![ReportMeasure {
                function: MeasureFn::Count,
                field: None,
            }],
            sort_by: String::new(),
            sort_dir: SortDir::Desc,
        }
    }

    /// The query the form asks, reading values by the kind of their field in `fields`.
    pub fn to_query(&self, fields: &[ReportFieldInfo]) -> ReportQuery {
        let kind_of = |key: &str| fields.iter().find(|f| f.key == key).map(|f| f.kind);
        ReportQuery {
            entity: self.entity,
            filters: self
                .filters
                .iter()
                .map(|f| ReportFilter {
                    field: f.field.clone(),
                    op: f.op,
                    value: filter_value(kind_of(&f.field).unwrap_or(ReportFieldKind::Text), f.op, &f.value),
                })
                .collect(),
            group_by: self.groups.iter().filter(|g| !g.field.is_empty()).cloned().collect(),
            measures: self.measures.clone(),
            sort: if self.sort_by.is_empty() {
                Vec::new()
            } else {
                vec![ReportSort {
                    by: self.sort_by.clone(),
                    dir: self.sort_dir,
                }]
            },
            limit: None,
        }
    }

    /// The form showing a saved query.
    pub fn from_query(query: &ReportQuery) -> Self {
        let sort = query.sort.first();
        Draft {
            entity: query.entity,
            filters: query
                .filters
                .iter()
                .map(|f| FilterRow {
                    field: f.field.clone(),
                    op: f.op,
                    value: value_text(&f.value),
                })
                .collect(),
            groups: query.group_by.clone(),
            measures: if query.measures.is_empty() {
                Draft::new(query.entity).measures
            } else {
                query.measures.clone()
            },
            sort_by: sort.map(|s| s.by.clone()).unwrap_or_default(),
            sort_dir: sort.map(|s| s.dir).unwrap_or(SortDir::Desc),
        }
    }
}

/// The key of a measure's column (and of `sort`): `count`, `conversion`, `sum_amount` …
pub fn measure_key(measure: &ReportMeasure) -> String {
    match (measure.function, &measure.field) {
        (MeasureFn::Sum | MeasureFn::Avg, Some(field)) => format!("{}_{field}", measure_fn_name(measure.function)),
        (function, _) => measure_fn_name(function).to_owned(),
    }
}

/// A typed value as the server wants it: numbers as numbers when they parse (else the text, so
/// the server names the bad value), booleans as booleans, `in` as a list split on commas,
/// `is_null` as true unless "false".
pub fn filter_value(kind: ReportFieldKind, op: FilterOp, text: &str) -> Value {
    let text = text.trim();
    match op {
        FilterOp::IsNull => return json!(text != "false"),
        FilterOp::In => {
            let items: Vec<Value> = text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| scalar(kind, s))
                .collect();
            return Value::Array(items);
        }
        _ => {}
    }
    scalar(kind, text)
}

fn scalar(kind: ReportFieldKind, text: &str) -> Value {
    match kind {
        ReportFieldKind::Int | ReportFieldKind::Decimal | ReportFieldKind::Money => {
            let normal = text.replace(',', ".").replace(' ', "");
            normal
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
                .unwrap_or_else(|| json!(text))
        }
        ReportFieldKind::Bool => match text {
            "true" => json!(true),
            "false" => json!(false),
            other => json!(other),
        },
        _ => json!(text),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A cell as a number, for the chart (money comes as a decimal string).
pub fn cell_number(cell: &Value) -> Option<f64> {
    match cell {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(key: &str, kind: ReportFieldKind) -> ReportFieldInfo {
        ReportFieldInfo {
            key: key.to_owned(),
            label: key.to_owned(),
            kind,
            groupable: true,
            measurable: false,
            bucketable: false,
        }
    }

    #[test]
    fn only_text_and_lists_offer_contains_and_only_ordered_kinds_offer_greater_than() {
        use ReportFieldKind::*;
        for kind in [Text, Uuid, Int, Money, Time, Bool, List, Decimal, Date] {
            let ops = operators(kind);
            assert_eq!(
                ops.contains(&FilterOp::Contains),
                matches!(kind, Text | List),
                "{kind:?}"
            );
            let ordered = ops.contains(&FilterOp::Gte);
            assert_eq!(ordered, matches!(kind, Int | Money | Decimal | Time | Date), "{kind:?}");
            assert!(ops.contains(&FilterOp::IsNull));
        }
    }

    #[test]
    fn operators_round_trip_through_their_wire_names() {
        for op in operators(ReportFieldKind::Int)
            .iter()
            .chain(operators(ReportFieldKind::Text))
        {
            assert_eq!(parse_op(op_name(*op)), Some(*op));
        }
        assert_eq!(parse_op("between"), None);
    }

    #[test]
    fn numbers_are_sent_as_numbers_and_bad_ones_as_typed() {
        assert_eq!(
            filter_value(ReportFieldKind::Money, FilterOp::Gte, "1 250,50"),
            json!(1250.5)
        );
        assert_eq!(filter_value(ReportFieldKind::Int, FilterOp::Eq, "ten"), json!("ten"));
        assert_eq!(filter_value(ReportFieldKind::Bool, FilterOp::Eq, "true"), json!(true));
        assert_eq!(
            filter_value(ReportFieldKind::Text, FilterOp::In, "website, phone,"),
            json!(["website", "phone"])
        );
        assert_eq!(
            filter_value(ReportFieldKind::Date, FilterOp::IsNull, "false"),
            json!(false)
        );
        assert_eq!(filter_value(ReportFieldKind::Date, FilterOp::IsNull, ""), json!(true));
    }

    #[test]
    fn the_form_builds_the_query_and_comes_back_from_it() {
        let fields = [
            info("source", ReportFieldKind::Text),
            info("score", ReportFieldKind::Int),
        ];
        let mut draft = Draft::new(ReportEntity::Leads);
        draft.groups = vec![
            ReportGroup {
                field: "source".into(),
                bucket: None,
            },
            ReportGroup {
                field: String::new(),
                bucket: None,
            },
        ];
        draft.filters.push(FilterRow {
            field: "score".into(),
            op: FilterOp::Gt,
            value: "40".into(),
        });
        draft.sort_by = "count".into();
        let query = draft.to_query(&fields);
        assert_eq!(query.group_by.len(), 1, "an empty second group is left out");
        assert_eq!(query.filters[0].value, json!(40.0));
        assert_eq!(query.sort[0].by, "count");
        assert_eq!(query.sort[0].dir, SortDir::Desc);
        let back = Draft::from_query(&query);
        assert_eq!(back.groups, query.group_by);
        assert_eq!(back.filters[0].value, "40.0");
        assert_eq!(back.sort_by, "count");
    }

    #[test]
    fn measure_keys_match_the_servers_column_keys() {
        let sum = ReportMeasure {
            function: MeasureFn::Sum,
            field: Some("amount".into()),
        };
        assert_eq!(measure_key(&sum), "sum_amount");
        let count = ReportMeasure {
            function: MeasureFn::Count,
            field: None,
        };
        assert_eq!(measure_key(&count), "count");
        assert_eq!(cell_number(&json!("12.50")), Some(12.5));
        assert_eq!(parse_entity("deals"), Some(ReportEntity::Deals));
    }
}
