use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Background imports of contacts and leads: the import's progress and counters in `imports`,
/// the uploaded file in `import_files` (kept apart so status reads never load it; deleted when
/// the import ends).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Imports::Table)
                    .col(pk_uuid(Imports::Id))
                    .col(uuid(Imports::TenantId))
                    .col(string_len(Imports::Kind, 16))
                    .col(string_len(Imports::Status, 16))
                    .col(boolean(Imports::DryRun))
                    .col(string_len_null(Imports::FileName, 255))
                    .col(text(Imports::Mapping))
                    .col(uuid_null(Imports::CreatedBy))
                    .col(uuid_null(Imports::ApiKeyId))
                    .col(big_integer(Imports::TotalRows))
                    .col(big_integer(Imports::ProcessedRows))
                    .col(big_integer(Imports::CreatedRows))
                    .col(big_integer(Imports::UpdatedRows))
                    .col(big_integer(Imports::DuplicateRows))
                    .col(big_integer(Imports::FailedRows))
                    .col(text(Imports::Errors))
                    .col(text_null(Imports::Failure))
                    .col(timestamp_with_time_zone(Imports::CreatedAt))
                    .col(timestamp_with_time_zone(Imports::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Imports::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Imports::Table, Imports::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_imports_tenant_id")
                    .table(Imports::Table)
                    .col(Imports::TenantId)
                    .col(Imports::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportFiles::Table)
                    .col(pk_uuid(ImportFiles::ImportId))
                    .col(blob(ImportFiles::Content))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportFiles::Table, ImportFiles::ImportId)
                            .to(Imports::Table, Imports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportFiles::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Imports::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    TenantId,
    Kind,
    Status,
    DryRun,
    FileName,
    Mapping,
    CreatedBy,
    ApiKeyId,
    TotalRows,
    ProcessedRows,
    CreatedRows,
    UpdatedRows,
    DuplicateRows,
    FailedRows,
    Errors,
    Failure,
    CreatedAt,
    UpdatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum ImportFiles {
    Table,
    ImportId,
    Content,
}
