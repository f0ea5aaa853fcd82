use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_uuid(AuditLog::Id))
                    .col(uuid(AuditLog::TenantId))
                    .col(string_len(AuditLog::ActorKind, 16))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(string_len_null(AuditLog::ActorName, 200))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::EntityType, 64))
                    .col(string_len_null(AuditLog::EntityId, 64))
                    .col(text(AuditLog::Changes))
                    .col(string_len_null(AuditLog::RequestId, 64))
                    .col(string_len_null(AuditLog::Ip, 64))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_tenant_id")
                    .table(AuditLog::Table)
                    .col(AuditLog::TenantId)
                    .col(AuditLog::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::TenantId)
                    .col(AuditLog::EntityType)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    TenantId,
    ActorKind,
    ActorId,
    ActorName,
    Action,
    EntityType,
    EntityId,
    Changes,
    RequestId,
    Ip,
    CreatedAt,
}
