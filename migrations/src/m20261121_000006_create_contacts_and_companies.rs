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
                    .table(Companies::Table)
                    .col(pk_uuid(Companies::Id))
                    .col(uuid(Companies::TenantId))
                    .col(string_len(Companies::Name, 200))
                    // Lower-cased by the server (Unicode-aware) for search.
                    .col(string_len(Companies::SearchName, 200))
                    .col(string_len_null(Companies::Domain, 253))
                    .col(uuid_null(Companies::OwnerId))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .col(timestamp_with_time_zone(Companies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Companies::Table, Companies::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contacts::Table)
                    .col(pk_uuid(Contacts::Id))
                    .col(uuid(Contacts::TenantId))
                    .col(string_len(Contacts::Name, 200))
                    .col(text(Contacts::Phones))
                    .col(text(Contacts::Emails))
                    .col(uuid_null(Contacts::CompanyId))
                    .col(string_len_null(Contacts::City, 100))
                    .col(string_len(Contacts::Source, 32))
                    .col(text(Contacts::Tags))
                    .col(uuid_null(Contacts::OwnerId))
                    .col(timestamp_with_time_zone(Contacts::CreatedAt))
                    .col(timestamp_with_time_zone(Contacts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Contacts::Table, Contacts::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Contacts::Table, Contacts::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Normalised phones and e-mails, one row each: matching and search by any format.
        manager
            .create_table(
                Table::create()
                    .table(ContactIdentities::Table)
                    .col(uuid(ContactIdentities::ContactId))
                    .col(uuid(ContactIdentities::TenantId))
                    .col(string_len(ContactIdentities::Kind, 8))
                    .col(string_len(ContactIdentities::Value, 254))
                    .primary_key(
                        Index::create()
                            .col(ContactIdentities::ContactId)
                            .col(ContactIdentities::Kind)
                            .col(ContactIdentities::Value),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactIdentities::Table, ContactIdentities::ContactId)
                            .to(Contacts::Table, Contacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, table, columns) in [
            (
                "idx_companies_tenant",
                Companies::Table.into_iden(),
                vec![Companies::TenantId.into_iden(), Companies::Id.into_iden()],
            ),
            (
                "idx_contacts_tenant",
                Contacts::Table.into_iden(),
                vec![Contacts::TenantId.into_iden(), Contacts::Id.into_iden()],
            ),
            (
                "idx_contacts_owner",
                Contacts::Table.into_iden(),
                vec![Contacts::TenantId.into_iden(), Contacts::OwnerId.into_iden()],
            ),
            (
                "idx_contacts_company",
                Contacts::Table.into_iden(),
                vec![Contacts::CompanyId.into_iden()],
            ),
            (
                "idx_contact_identities_value",
                ContactIdentities::Table.into_iden(),
                vec![
                    ContactIdentities::TenantId.into_iden(),
                    ContactIdentities::Kind.into_iden(),
                    ContactIdentities::Value.into_iden(),
                ],
            ),
        ] {
            let mut index = Index::create().name(name).table(table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContactIdentities::Table.into_iden(),
            Contacts::Table.into_iden(),
            Companies::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum Companies {
    Table,
    Id,
    TenantId,
    Name,
    SearchName,
    Domain,
    OwnerId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Contacts {
    Table,
    Id,
    TenantId,
    Name,
    Phones,
    Emails,
    CompanyId,
    City,
    Source,
    Tags,
    OwnerId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContactIdentities {
    Table,
    ContactId,
    TenantId,
    Kind,
    Value,
}
