use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Periodic activity reports (daily, weekly, monthly) kept by the job queue; one per company,
/// kind and period start.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(uuid(Reports::Id).primary_key())
                    .col(uuid(Reports::CompanyId))
                    .col(string_len(Reports::Kind, 16))
                    .col(date(Reports::PeriodFrom))
                    .col(date(Reports::PeriodTo))
                    .col(text(Reports::Body))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::CompanyId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_reports_company_kind_period")
                    .table(Reports::Table)
                    .col(Reports::CompanyId)
                    .col(Reports::Kind)
                    .col(Reports::PeriodFrom)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_company_period")
                    .table(Reports::Table)
                    .col(Reports::CompanyId)
                    .col(Reports::PeriodFrom)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Reports::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    CompanyId,
    Kind,
    PeriodFrom,
    PeriodTo,
    Body,
    CreatedAt,
}
