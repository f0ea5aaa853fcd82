//! The `imports` table (progress and counters of background imports) and `import_files` (the
//! uploaded file, until the import ends).

pub mod import {
    use sea_orm::entity::prelude::*;
    use voronka_types::imports::{Import, ImportKind, ImportReport, ImportStatus};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "imports")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub tenant_id: Uuid,
        /// `contacts` or `leads`.
        pub kind: String,
        /// `queued`, `running`, `done` or `failed`.
        pub status: String,
        pub dry_run: bool,
        pub file_name: Option<String>,
        /// The mapping as sent: a JSON object of header → field.
        pub mapping: String,
        /// The user who started it; absent for an API key.
        pub created_by: Option<Uuid>,
        pub api_key_id: Option<Uuid>,
        pub total_rows: i64,
        pub processed_rows: i64,
        pub created_rows: i64,
        pub updated_rows: i64,
        pub duplicate_rows: i64,
        pub failed_rows: i64,
        /// JSON array of row errors (the first 1,000).
        pub errors: String,
        pub failure: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
        pub finished_at: Option<ChronoDateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    fn count(n: i64) -> u64 {
        u64::try_from(n).unwrap_or(0)
    }

    impl Model {
        pub fn kind(&self) -> ImportKind {
            ImportKind::parse(&self.kind).unwrap_or(ImportKind::Contacts)
        }

        pub fn status(&self) -> ImportStatus {
            ImportStatus::parse(&self.status).unwrap_or(ImportStatus::Failed)
        }

        /// The counts so far.
        pub fn report(&self) -> ImportReport {
            ImportReport {
                dry_run: self.dry_run,
                total_rows: count(self.total_rows),
                created: count(self.created_rows),
                updated: count(self.updated_rows),
                duplicate: count(self.duplicate_rows),
                failed: count(self.failed_rows),
                errors: serde_json::from_str(&self.errors).unwrap_or_default(),
            }
        }
    }

    impl From<Model> for Import {
        fn from(m: Model) -> Self {
            Import {
                id: m.id.into(),
                kind: m.kind(),
                status: m.status(),
                report: m.report(),
                file_name: m.file_name,
                created_by: m.created_by.map(Into::into),
                processed_rows: count(m.processed_rows),
                failure: m.failure,
                created_at: m.created_at,
                finished_at: m.finished_at,
            }
        }
    }
}

pub mod file {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "import_files")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub import_id: Uuid,
        #[sea_orm(column_type = "Blob")]
        pub content: Vec<u8>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
