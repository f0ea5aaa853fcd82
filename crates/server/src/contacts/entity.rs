//! The `contacts` table and its normalised `contact_identities`.

pub mod contact {
    use sea_orm::entity::prelude::*;
    use voronka_types::contacts::{Contact, Phone, Source};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contacts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        pub name: String,
        /// `name` lower-cased (Unicode-aware) for sorting.
        pub sort_name: String,
        /// JSON array of `{raw, e164}`.
        pub phones: String,
        /// JSON array of lower-cased e-mails.
        pub emails: String,
        pub company_id: Option<Uuid>,
        pub city: Option<String>,
        pub source: String,
        /// JSON array of tags.
        pub tags: String,
        pub owner_id: Option<Uuid>,
        /// JSON object of custom field values by key.
        pub custom_fields: String,
        /// The customer's id in the company's own system, unique per company.
        pub external_id: Option<String>,
        /// JSON object of the integrator's attributes.
        pub attributes: String,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// A new contact of `tenant` named `name`, with nothing else known yet.
        pub fn fresh(tenant: Uuid, name: String, source: Source, now: ChronoDateTimeUtc) -> Self {
            Self {
                id: Uuid::now_v7(),
                tenant_id: tenant,
                sort_name: crate::search::fold(&name),
                name,
                phones: "[]".into(),
                emails: "[]".into(),
                company_id: None,
                city: None,
                source: source.as_str().into(),
                tags: "[]".into(),
                owner_id: None,
                custom_fields: "{}".into(),
                external_id: None,
                attributes: "{}".into(),
                created_at: now,
                updated_at: now,
            }
        }
    }

    impl From<Model> for Contact {
        fn from(m: Model) -> Self {
            Self {
                id: m.id.into(),
                name: m.name,
                phones: serde_json::from_str::<Vec<Phone>>(&m.phones).unwrap_or_default(),
                emails: serde_json::from_str(&m.emails).unwrap_or_default(),
                company_id: m.company_id.map(Into::into),
                city: m.city,
                source: Source::parse(&m.source).unwrap_or(Source::Other),
                tags: serde_json::from_str(&m.tags).unwrap_or_default(),
                owner_id: m.owner_id.map(Into::into),
                custom_fields: crate::custom_fields::values::from_column(&m.custom_fields),
                external_id: m.external_id,
                attributes: serde_json::from_str(&m.attributes).unwrap_or_default(),
                purchases: None,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        }
    }
}

pub mod identity {
    use sea_orm::entity::prelude::*;

    /// One normalised phone (`kind = "phone"`, E.164) or e-mail (`kind = "email"`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contact_identities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contact_id: Uuid,
        pub tenant_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub value: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
