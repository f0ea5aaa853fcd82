use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::{Tenants, Users};

/// Each user's weekly work schedule (hours per weekday in the company's time zone, as JSON).
/// A user without a row works the default Monday–Friday 09:00–18:00.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkSchedules::Table)
                    .col(pk_uuid(WorkSchedules::UserId))
                    .col(uuid(WorkSchedules::TenantId))
                    .col(text(WorkSchedules::Days))
                    .col(timestamp_with_time_zone(WorkSchedules::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkSchedules::Table, WorkSchedules::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkSchedules::Table, WorkSchedules::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_work_schedules_tenant")
                    .table(WorkSchedules::Table)
                    .col(WorkSchedules::TenantId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkSchedules::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum WorkSchedules {
    Table,
    UserId,
    TenantId,
    Days,
    UpdatedAt,
}
