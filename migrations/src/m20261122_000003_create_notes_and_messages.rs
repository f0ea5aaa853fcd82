use sea_orm_migration::{prelude::*, schema::*};

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000001_create_tenants_and_users::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Notes and logged calls on a lead, a deal or a contact (no foreign keys: merging and
        // deleting records move or clear these links in the same transaction).
        manager
            .create_table(
                Table::create()
                    .table(Notes::Table)
                    .col(pk_uuid(Notes::Id))
                    .col(uuid(Notes::TenantId))
                    .col(string_len(Notes::Kind, 8))
                    .col(text(Notes::Body))
                    .col(string_len_null(Notes::CallDirection, 8))
                    .col(integer_null(Notes::CallDurationSecs))
                    .col(string_len_null(Notes::CallOutcome, 16))
                    .col(uuid_null(Notes::LeadId))
                    .col(uuid_null(Notes::DealId))
                    .col(uuid_null(Notes::ContactId))
                    .col(uuid_null(Notes::AuthorId))
                    .col(timestamp_with_time_zone(Notes::CreatedAt))
                    .col(timestamp_with_time_zone(Notes::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notes::Table, Notes::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The conversation with a lead, in and out.
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(pk_uuid(Messages::Id))
                    .col(uuid(Messages::TenantId))
                    .col(uuid(Messages::LeadId))
                    .col(uuid(Messages::ContactId))
                    .col(string_len(Messages::Direction, 8))
                    .col(string_len(Messages::Channel, 16))
                    .col(text(Messages::Body))
                    .col(uuid_null(Messages::AuthorId))
                    .col(timestamp_with_time_zone(Messages::SentAt))
                    .col(timestamp_with_time_zone(Messages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Messages::Table, Messages::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let specs: Vec<IndexSpec> = vec![
            (
                "idx_notes_lead",
                Notes::Table.into_iden(),
                vec![Notes::LeadId.into_iden()],
            ),
            (
                "idx_notes_deal",
                Notes::Table.into_iden(),
                vec![Notes::DealId.into_iden()],
            ),
            (
                "idx_notes_contact",
                Notes::Table.into_iden(),
                vec![Notes::ContactId.into_iden()],
            ),
            (
                "idx_messages_lead",
                Messages::Table.into_iden(),
                vec![Messages::LeadId.into_iden(), Messages::SentAt.into_iden()],
            ),
            (
                "idx_messages_contact",
                Messages::Table.into_iden(),
                vec![Messages::ContactId.into_iden()],
            ),
        ];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Messages::Table.into_iden(), Notes::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Notes {
    Table,
    Id,
    TenantId,
    Kind,
    Body,
    CallDirection,
    CallDurationSecs,
    CallOutcome,
    LeadId,
    DealId,
    ContactId,
    AuthorId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    TenantId,
    LeadId,
    ContactId,
    Direction,
    Channel,
    Body,
    AuthorId,
    SentAt,
    CreatedAt,
}
