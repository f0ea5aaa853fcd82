use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::{Tenants, Users};

/// Stretches of continuous activity of a user (check-in, heartbeats, check-out), each within
/// one local day (`day`, company time zone). A heartbeat moves `last_seen_at`; a check-out
/// sets `closed_at` so the session is never extended again.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkSessions::Table)
                    .col(pk_uuid(WorkSessions::Id))
                    .col(uuid(WorkSessions::TenantId))
                    .col(uuid(WorkSessions::UserId))
                    .col(date(WorkSessions::Day))
                    .col(timestamp_with_time_zone(WorkSessions::StartedAt))
                    .col(timestamp_with_time_zone(WorkSessions::LastSeenAt))
                    .col(timestamp_with_time_zone_null(WorkSessions::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkSessions::Table, WorkSessions::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkSessions::Table, WorkSessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            // The heartbeat's UPDATE and "online now".
            (
                "idx_work_sessions_user_seen",
                vec![WorkSessions::UserId, WorkSessions::LastSeenAt],
            ),
            // Reports by day over the team.
            (
                "idx_work_sessions_tenant_day",
                vec![WorkSessions::TenantId, WorkSessions::Day, WorkSessions::UserId],
            ),
        ] {
            let mut index = Index::create().name(name).table(WorkSessions::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkSessions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum WorkSessions {
    Table,
    Id,
    TenantId,
    UserId,
    Day,
    StartedAt,
    LastSeenAt,
    ClosedAt,
}
