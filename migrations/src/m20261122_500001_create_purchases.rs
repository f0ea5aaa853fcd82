use sea_orm_migration::{prelude::*, schema::*};

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000001_create_tenants_and_users::Tenants;
use crate::m20261121_000006_create_contacts_and_companies::Contacts;

/// What integrators push in: a contact's id in their system (`external_id`, unique per
/// company) and free-form `attributes`; `purchases` in integer minor units of an ISO 4217
/// currency; `idempotency_keys` holding the first answer to each `Idempotency-Key`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Contacts::Table)
                    .add_column(string_len_null(Ingest::ExternalId, 200))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Contacts::Table)
                    .add_column(text(Ingest::Attributes).default("{}"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contacts_external_id")
                    .table(Contacts::Table)
                    .col(Contacts::TenantId)
                    .col(Ingest::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Purchases::Table)
                    .col(pk_uuid(Purchases::Id))
                    .col(uuid(Purchases::TenantId))
                    .col(uuid(Purchases::ContactId))
                    .col(string_len(Purchases::ExternalId, 200))
                    .col(big_integer(Purchases::AmountMinor))
                    .col(string_len(Purchases::Currency, 3))
                    .col(timestamp_with_time_zone(Purchases::PurchasedAt))
                    .col(text(Purchases::Items))
                    .col(text(Purchases::Attributes))
                    .col(timestamp_with_time_zone(Purchases::CreatedAt))
                    .col(timestamp_with_time_zone(Purchases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Purchases::Table, Purchases::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Purchases::Table, Purchases::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_purchases_external_id")
                    .table(Purchases::Table)
                    .col(Purchases::TenantId)
                    .col(Purchases::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let specs: Vec<IndexSpec> = vec![
            (
                "idx_purchases_purchased_at",
                Purchases::Table.into_iden(),
                vec![
                    Purchases::TenantId.into_iden(),
                    Purchases::PurchasedAt.into_iden(),
                    Purchases::Id.into_iden(),
                ],
            ),
            (
                "idx_purchases_contact",
                Purchases::Table.into_iden(),
                vec![
                    Purchases::ContactId.into_iden(),
                    Purchases::PurchasedAt.into_iden(),
                    Purchases::Id.into_iden(),
                ],
            ),
        ];
        indexes::create_all(manager, specs).await?;
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(uuid(IdempotencyKeys::TenantId))
                    .col(string_len(IdempotencyKeys::Caller, 64))
                    .col(string_len(IdempotencyKeys::Key, 255))
                    .col(string_len(IdempotencyKeys::Fingerprint, 64))
                    .col(small_integer_null(IdempotencyKeys::Status))
                    .col(string_len_null(IdempotencyKeys::ContentType, 100))
                    .col(blob_null(IdempotencyKeys::Body))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::TenantId)
                            .col(IdempotencyKeys::Caller)
                            .col(IdempotencyKeys::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdempotencyKeys::Table, IdempotencyKeys::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let specs: Vec<IndexSpec> = vec![(
            "idx_idempotency_keys_created_at",
            IdempotencyKeys::Table.into_iden(),
            vec![IdempotencyKeys::CreatedAt.into_iden()],
        )];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Purchases::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_contacts_external_id")
                    .table(Contacts::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Ingest::Attributes, Ingest::ExternalId] {
            manager
                .alter_table(Table::alter().table(Contacts::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Ingest {
    ExternalId,
    Attributes,
}

#[derive(DeriveIden)]
pub enum Purchases {
    Table,
    Id,
    TenantId,
    ContactId,
    ExternalId,
    AmountMinor,
    Currency,
    PurchasedAt,
    Items,
    Attributes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    TenantId,
    Caller,
    Key,
    Fingerprint,
    Status,
    ContentType,
    Body,
    CreatedAt,
}
