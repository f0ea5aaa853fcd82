use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Outbound webhooks: the subscriptions of each tenant and the log of what was sent to them.
/// The sending itself runs as jobs of the durable queue (`jobs`).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WebhookSubscriptions::Table)
                    .col(pk_uuid(WebhookSubscriptions::Id))
                    .col(uuid(WebhookSubscriptions::TenantId))
                    .col(string_len(WebhookSubscriptions::Url, 2048))
                    .col(text(WebhookSubscriptions::Events))
                    .col(boolean(WebhookSubscriptions::Active))
                    .col(string_len_null(WebhookSubscriptions::Description, 500))
                    .col(string_len(WebhookSubscriptions::Secret, 128))
                    .col(timestamp_with_time_zone_null(WebhookSubscriptions::FailingSince))
                    .col(string_len_null(WebhookSubscriptions::DisabledReason, 1000))
                    .col(timestamp_with_time_zone(WebhookSubscriptions::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookSubscriptions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookSubscriptions::Table, WebhookSubscriptions::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_subscriptions_tenant")
                    .table(WebhookSubscriptions::Table)
                    .col(WebhookSubscriptions::TenantId)
                    .col(WebhookSubscriptions::Active)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(pk_uuid(WebhookDeliveries::Id))
                    .col(uuid(WebhookDeliveries::TenantId))
                    .col(uuid(WebhookDeliveries::SubscriptionId))
                    .col(string_len(WebhookDeliveries::EventType, 64))
                    .col(text(WebhookDeliveries::Payload))
                    .col(string_len(WebhookDeliveries::Status, 16))
                    .col(integer(WebhookDeliveries::Attempts))
                    .col(uuid_null(WebhookDeliveries::JobId))
                    .col(integer_null(WebhookDeliveries::LastResponseCode))
                    .col(big_integer_null(WebhookDeliveries::LastLatencyMs))
                    .col(text_null(WebhookDeliveries::LastError))
                    .col(timestamp_with_time_zone_null(WebhookDeliveries::LastAttemptAt))
                    .col(timestamp_with_time_zone_null(WebhookDeliveries::DeliveredAt))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookDeliveries::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::SubscriptionId)
                            .to(WebhookSubscriptions::Table, WebhookSubscriptions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The delivery log of one subscription, newest first.
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_deliveries_subscription")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::SubscriptionId)
                    .col(WebhookDeliveries::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(WebhookSubscriptions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum WebhookSubscriptions {
    Table,
    Id,
    TenantId,
    Url,
    /// JSON array of event names.
    Events,
    Active,
    Description,
    /// `whsec_…`, kept in clear: every delivery is signed with it.
    Secret,
    FailingSince,
    DisabledReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    TenantId,
    SubscriptionId,
    EventType,
    Payload,
    Status,
    Attempts,
    /// The queue job that makes the next attempt; a job that is not this one sends nothing.
    JobId,
    LastResponseCode,
    LastLatencyMs,
    LastError,
    LastAttemptAt,
    DeliveredAt,
    CreatedAt,
    UpdatedAt,
}
