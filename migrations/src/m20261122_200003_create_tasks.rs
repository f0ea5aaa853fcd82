use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::{Tenants, Users};

/// Tasks with a due time, a priority, an assignee and an optional reminder. `lead_id` and
/// `deal_id` are kept for the leads and deals contexts (indexed, no foreign keys yet).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tasks::Table)
                    .col(pk_uuid(Tasks::Id))
                    .col(uuid(Tasks::TenantId))
                    .col(string_len(Tasks::Title, 200))
                    // Lower-cased by the server (Unicode-aware) for search.
                    .col(string_len(Tasks::SearchTitle, 200))
                    .col(text_null(Tasks::Description))
                    .col(timestamp_with_time_zone_null(Tasks::DueAt))
                    .col(timestamp_with_time_zone_null(Tasks::RemindAt))
                    .col(string_len(Tasks::Priority, 16))
                    .col(string_len(Tasks::Status, 16))
                    .col(uuid(Tasks::AssigneeId))
                    .col(uuid_null(Tasks::ContactId))
                    .col(uuid_null(Tasks::LeadId))
                    .col(uuid_null(Tasks::DealId))
                    .col(timestamp_with_time_zone_null(Tasks::CompletedAt))
                    .col(uuid_null(Tasks::CreatedBy))
                    .col(timestamp_with_time_zone(Tasks::CreatedAt))
                    .col(timestamp_with_time_zone(Tasks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tasks::Table, Tasks::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tasks::Table, Tasks::AssigneeId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Tasks::Table, Tasks::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_tasks_tenant_due", vec![Tasks::TenantId, Tasks::DueAt, Tasks::Id]),
            ("idx_tasks_assignee_due", vec![Tasks::AssigneeId, Tasks::DueAt]),
            ("idx_tasks_created_by", vec![Tasks::CreatedBy]),
            ("idx_tasks_contact", vec![Tasks::ContactId]),
            ("idx_tasks_lead", vec![Tasks::LeadId]),
            ("idx_tasks_deal", vec![Tasks::DealId]),
        ] {
            let mut index = Index::create().name(name).table(Tasks::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Tasks::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Tasks {
    Table,
    Id,
    TenantId,
    Title,
    SearchTitle,
    Description,
    DueAt,
    RemindAt,
    Priority,
    Status,
    AssigneeId,
    ContactId,
    LeadId,
    DealId,
    CompletedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
}
