use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::{Tenants, Users};

/// Report-builder queries saved by users (`query` as JSON text), maybe shared with the team.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedReports::Table)
                    .col(uuid(SavedReports::Id).primary_key())
                    .col(uuid(SavedReports::TenantId))
                    .col(uuid_null(SavedReports::AuthorId))
                    .col(string_len(SavedReports::Name, 200))
                    .col(text(SavedReports::Query))
                    .col(boolean(SavedReports::Shared).default(false))
                    .col(timestamp_with_time_zone(SavedReports::CreatedAt))
                    .col(timestamp_with_time_zone(SavedReports::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedReports::Table, SavedReports::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedReports::Table, SavedReports::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_saved_reports_tenant")
                    .table(SavedReports::Table)
                    .col(SavedReports::TenantId)
                    .col(SavedReports::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SavedReports::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SavedReports {
    Table,
    Id,
    TenantId,
    AuthorId,
    Name,
    Query,
    Shared,
    CreatedAt,
    UpdatedAt,
}
