//! The fields a report may filter, group and measure: a fixed whitelist of columns per entity
//! plus the company's custom fields (`cf.<key>`, leads, deals and contacts). Nothing the client
//! sends reaches SQL except as a bound value of a whitelisted column.

use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldKind};
use voronka_types::reports::ReportEntity;

/// How a field's values are stored and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Uuid,
    /// `BIGINT`.
    Int,
    /// `SMALLINT` (read apart: PostgreSQL does not widen it).
    Small,
    /// Integer minor units; shown as a decimal string, summed per currency.
    Money,
    Time,
    Bool,
    /// A JSON array of strings in a TEXT column (tags), or a multi-select custom field.
    List,
    /// A custom field's decimal (kept as a string in the record's JSON).
    Decimal,
    /// A custom field's `YYYY-MM-DD`.
    Date,
}

impl Kind {
    /// Whether `sum` and `avg` may read it.
    pub fn numeric(self) -> bool {
        matches!(self, Kind::Int | Kind::Small | Kind::Money | Kind::Decimal)
    }

    /// Whether it may take a date bucket.
    pub fn dated(self) -> bool {
        matches!(self, Kind::Time | Kind::Date)
    }

    /// The column type of a report table showing its values.
    pub fn column_type(self) -> &'static str {
        match self {
            Kind::Int | Kind::Small | Kind::Decimal => "number",
            Kind::Money => "money",
            Kind::Time | Kind::Date => "date",
            Kind::Bool => "bool",
            Kind::Text | Kind::Uuid | Kind::List => "text",
        }
    }
}

/// A resolved field: a column of the entity's table, or a key of its `custom_fields` JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// As the client names it (`source`, `cf.budget`).
    pub key: String,
    pub label: String,
    pub kind: Kind,
    /// The table column; `None` for a custom field.
    pub column: Option<&'static str>,
}

impl Field {
    /// The custom field key, for `cf.<key>` fields.
    pub fn custom_key(&self) -> Option<&str> {
        self.column.is_none().then(|| &self.key[3..])
    }
}

type System = (&'static str, &'static str, Kind);

const LEADS: &[System] = &[
    ("source", "source", Kind::Text),
    ("status", "status", Kind::Text),
    ("pipeline_id", "pipeline_id", Kind::Uuid),
    ("stage_id", "stage_id", Kind::Uuid),
    ("owner_id", "owner_id", Kind::Uuid),
    ("contact_id", "contact_id", Kind::Uuid),
    ("temperature", "temperature", Kind::Text),
    ("intent", "intent", Kind::Text),
    ("handled_by", "handled_by", Kind::Text),
    ("score", "score", Kind::Small),
    ("amount", "amount_minor", Kind::Money),
    ("currency", "currency", Kind::Text),
    ("city", "city", Kind::Text),
    ("tags", "tags", Kind::List),
    ("repeat", "repeat", Kind::Bool),
    ("close_reason", "close_reason", Kind::Text),
    ("created_at", "created_at", Kind::Time),
    ("updated_at", "updated_at", Kind::Time),
    ("stage_changed_at", "stage_changed_at", Kind::Time),
];

const DEALS: &[System] = &[
    ("status", "status", Kind::Text),
    ("pipeline_id", "pipeline_id", Kind::Uuid),
    ("stage_id", "stage_id", Kind::Uuid),
    ("owner_id", "owner_id", Kind::Uuid),
    ("contact_id", "contact_id", Kind::Uuid),
    ("company_id", "company_id", Kind::Uuid),
    ("amount", "amount_minor", Kind::Money),
    ("currency", "currency", Kind::Text),
    ("probability", "probability", Kind::Small),
    ("close_reason", "close_reason", Kind::Text),
    ("tags", "tags", Kind::List),
    ("created_at", "created_at", Kind::Time),
    ("updated_at", "updated_at", Kind::Time),
    ("closed_at", "closed_at", Kind::Time),
];

const CONTACTS: &[System] = &[
    ("source", "source", Kind::Text),
    ("city", "city", Kind::Text),
    ("owner_id", "owner_id", Kind::Uuid),
    ("company_id", "company_id", Kind::Uuid),
    ("tags", "tags", Kind::List),
    ("created_at", "created_at", Kind::Time),
    ("updated_at", "updated_at", Kind::Time),
];

const TASKS: &[System] = &[
    ("status", "status", Kind::Text),
    ("priority", "priority", Kind::Text),
    ("assignee_id", "assignee_id", Kind::Uuid),
    ("created_by", "created_by", Kind::Uuid),
    ("contact_id", "contact_id", Kind::Uuid),
    ("lead_id", "lead_id", Kind::Uuid),
    ("deal_id", "deal_id", Kind::Uuid),
    ("due_at", "due_at", Kind::Time),
    ("completed_at", "completed_at", Kind::Time),
    ("created_at", "created_at", Kind::Time),
];

const PURCHASES: &[System] = &[
    ("contact_id", "contact_id", Kind::Uuid),
    ("amount", "amount_minor", Kind::Money),
    ("currency", "currency", Kind::Text),
    ("purchased_at", "purchased_at", Kind::Time),
    ("created_at", "created_at", Kind::Time),
];

/// The table of an entity.
pub fn table(entity: ReportEntity) -> &'static str {
    match entity {
        ReportEntity::Leads => "leads",
        ReportEntity::Deals => "deals",
        ReportEntity::Contacts => "contacts",
        ReportEntity::Tasks => "tasks",
        ReportEntity::Purchases => "purchases",
    }
}

fn system(entity: ReportEntity) -> &'static [System] {
    match entity {
        ReportEntity::Leads => LEADS,
        ReportEntity::Deals => DEALS,
        ReportEntity::Contacts => CONTACTS,
        ReportEntity::Tasks => TASKS,
        ReportEntity::Purchases => PURCHASES,
    }
}

/// The custom-field context of an entity, if it has custom fields.
pub fn custom_entity(entity: ReportEntity) -> Option<CustomFieldEntity> {
    match entity {
        ReportEntity::Leads => Some(CustomFieldEntity::Lead),
        ReportEntity::Deals => Some(CustomFieldEntity::Deal),
        ReportEntity::Contacts => Some(CustomFieldEntity::Contact),
        ReportEntity::Tasks | ReportEntity::Purchases => None,
    }
}

/// The fields of one entity for one company.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub entity: ReportEntity,
    custom: Vec<CustomField>,
}

impl Catalog {
    pub fn new(entity: ReportEntity, custom: Vec<CustomField>) -> Self {
        Catalog { entity, custom }
    }

    /// The field named `key`, if the entity has it.
    pub fn find(&self, key: &str) -> Option<Field> {
        if let Some(custom) = key.strip_prefix("cf.") {
            let field = self.custom.iter().find(|f| f.key == custom)?;
            let kind = match field.kind {
                CustomFieldKind::Text | CustomFieldKind::Select => Kind::Text,
                CustomFieldKind::Number => Kind::Decimal,
                CustomFieldKind::Date => Kind::Date,
                CustomFieldKind::MultiSelect => Kind::List,
                CustomFieldKind::Bool => Kind::Bool,
            };
            return Some(Field {
                key: key.to_owned(),
                label: field.label.clone(),
                kind,
                column: None,
            });
        }
        system(self.entity)
            .iter()
            .find(|(name, _, _)| *name == key)
            .map(|(name, column, kind)| Field {
                key: (*name).to_owned(),
                label: (*name).replace('_', " "),
                kind: *kind,
                column: Some(column),
            })
    }

    /// Every field of the entity: the whitelisted columns, then the custom fields.
    pub fn all(&self) -> Vec<Field> {
        let system = system(self.entity).iter().map(|(name, _, _)| (*name).to_owned());
        let custom = self.custom.iter().map(|f| format!("cf.{}", f.key));
        system.chain(custom).filter_map(|key| self.find(&key)).collect()
    }

    /// The money field (`amount`) of the entity, if any, and its currency column.
    pub fn has_currency(&self) -> bool {
        system(self.entity).iter().any(|(name, _, _)| *name == "currency")
    }
}

/// The column the row scope narrows (`None`: purchases, scoped through their contact).
pub fn owner_column(entity: ReportEntity) -> Option<&'static str> {
    match entity {
        ReportEntity::Leads | ReportEntity::Deals | ReportEntity::Contacts => Some("owner_id"),
        ReportEntity::Tasks => Some("assignee_id"),
        ReportEntity::Purchases => None,
    }
}
