use sea_orm_migration::{prelude::*, schema::*};

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000006_create_contacts_and_companies::{Companies, Contacts};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Contacts::Table)
                    .add_column(string_len(SortName::SortName, 200).default(""))
                    .to_owned(),
            )
            .await?;
        // Existing rows: the server lower-cases Unicode itself on every write from now on;
        // SQL `lower()` is the best a migration can do (ASCII only on SQLite).
        manager
            .exec_stmt(
                Query::update()
                    .table(Contacts::Table)
                    .value(SortName::SortName, Func::lower(Expr::col(Contacts::Name)))
                    .to_owned(),
            )
            .await?;
        let specs: Vec<IndexSpec> = vec![
            (
                "idx_contacts_sort_name",
                Contacts::Table.into_iden(),
                vec![
                    Contacts::TenantId.into_iden(),
                    SortName::SortName.into_iden(),
                    Contacts::Id.into_iden(),
                ],
            ),
            (
                "idx_contacts_updated",
                Contacts::Table.into_iden(),
                vec![
                    Contacts::TenantId.into_iden(),
                    Contacts::UpdatedAt.into_iden(),
                    Contacts::Id.into_iden(),
                ],
            ),
            (
                "idx_companies_search_name",
                Companies::Table.into_iden(),
                vec![
                    Companies::TenantId.into_iden(),
                    Companies::SearchName.into_iden(),
                    Companies::Id.into_iden(),
                ],
            ),
        ];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "idx_contacts_sort_name",
            "idx_contacts_updated",
            "idx_companies_search_name",
        ] {
            manager.drop_index(Index::drop().name(name).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Contacts::Table)
                    .drop_column(SortName::SortName)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum SortName {
    SortName,
}
