use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tenants::Table)
                    .col(pk_uuid(Tenants::Id))
                    .col(string_len(Tenants::Name, 200))
                    .col(string_len(Tenants::Locale, 8).default("en"))
                    .col(string_len(Tenants::TimeZone, 64).default("UTC"))
                    .col(timestamp_with_time_zone(Tenants::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(uuid_null(Users::TenantId))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::Name, 200))
                    .col(string(Users::PasswordHash))
                    .col(string_len(Users::Role, 32))
                    .col(string_len(Users::Status, 16))
                    .col(date_null(Users::StartDate))
                    .col(string_null(Users::TotpSecret))
                    .col(boolean(Users::TotpEnabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_tenant")
                    .table(Users::Table)
                    .col(Users::TenantId)
                    .col(Users::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Users::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Tenants::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Tenants {
    Table,
    Id,
    Name,
    Locale,
    TimeZone,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    TenantId,
    Email,
    Name,
    PasswordHash,
    Role,
    Status,
    StartDate,
    TotpSecret,
    TotpEnabled,
    CreatedAt,
    UpdatedAt,
}
