use sea_orm_migration::{prelude::*, schema::*};

/// What a lead's latest inbound message wants, as the classifier read it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Leads::Table)
                    .add_column(string_len_null(Leads::Intent, 32))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Leads::Table).drop_column(Leads::Intent).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    Intent,
}
