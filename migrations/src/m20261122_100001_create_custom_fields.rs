//! Custom fields: per-tenant definitions, one typed row per value for filtering, and a JSON
//! `custom_fields` column on contacts and companies for display.

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
                    .table(CustomFields::Table)
                    .col(pk_uuid(CustomFields::Id))
                    .col(uuid(CustomFields::TenantId))
                    .col(string_len(CustomFields::Entity, 16))
                    .col(string_len(CustomFields::Key, 50))
                    .col(string_len(CustomFields::Label, 100))
                    .col(string_len(CustomFields::Kind, 16))
                    // JSON array of option strings.
                    .col(text(CustomFields::Options))
                    .col(boolean(CustomFields::Required))
                    .col(integer(CustomFields::Position))
                    .col(timestamp_with_time_zone(CustomFields::CreatedAt))
                    .col(timestamp_with_time_zone(CustomFields::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CustomFields::Table, CustomFields::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_custom_fields_key")
                    .table(CustomFields::Table)
                    .col(CustomFields::TenantId)
                    .col(CustomFields::Entity)
                    .col(CustomFields::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One row per value (per chosen option for multi-select), typed so that filters
        // compare text, numbers and dates with plain indexed SQL on both engines.
        manager
            .create_table(
                Table::create()
                    .table(CustomFieldValues::Table)
                    .col(string_len(CustomFieldValues::Entity, 16))
                    .col(uuid(CustomFieldValues::RecordId))
                    .col(uuid(CustomFieldValues::FieldId))
                    .col(integer(CustomFieldValues::Seq))
                    .col(uuid(CustomFieldValues::TenantId))
                    // Text, select and multi-select values, lower-cased by the server.
                    .col(text_null(CustomFieldValues::ValueText))
                    // Numbers; bools as 1/0.
                    .col(double_null(CustomFieldValues::ValueNumber))
                    .col(date_null(CustomFieldValues::ValueDate))
                    .primary_key(
                        Index::create()
                            .col(CustomFieldValues::Entity)
                            .col(CustomFieldValues::RecordId)
                            .col(CustomFieldValues::FieldId)
                            .col(CustomFieldValues::Seq),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CustomFieldValues::Table, CustomFieldValues::FieldId)
                            .to(CustomFields::Table, CustomFields::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CustomFieldValues::Table, CustomFieldValues::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_custom_field_values_text", CustomFieldValues::ValueText),
            ("idx_custom_field_values_number", CustomFieldValues::ValueNumber),
            ("idx_custom_field_values_date", CustomFieldValues::ValueDate),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(CustomFieldValues::Table)
                        .col(CustomFieldValues::FieldId)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [Contacts::Table.into_iden(), Companies::Table.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(text(Records::CustomFields).default("{}"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Contacts::Table.into_iden(), Companies::Table.into_iden()] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Records::CustomFields)
                        .to_owned(),
                )
                .await?;
        }
        for table in [CustomFieldValues::Table.into_iden(), CustomFields::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum CustomFields {
    Table,
    Id,
    TenantId,
    Entity,
    Key,
    Label,
    Kind,
    Options,
    Required,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CustomFieldValues {
    Table,
    Entity,
    RecordId,
    FieldId,
    Seq,
    TenantId,
    ValueText,
    ValueNumber,
    ValueDate,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
}

/// Columns every record table with custom fields has.
#[derive(DeriveIden)]
enum Records {
    CustomFields,
}
