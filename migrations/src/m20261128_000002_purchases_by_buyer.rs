use sea_orm_migration::prelude::*;

use crate::indexes::{self, IndexSpec};

/// The analyses read a company's purchase history in one currency buyer by buyer (time and
/// amount of each purchase): an index holding all of it in that order lets both databases group
/// the purchases per buyer from the index alone, without visiting each purchase row or sorting
/// (SQLite, 100,000 purchases: ~280 ms reading rows in time order through the old index, ~70 ms
/// grouping from this one).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let specs: Vec<IndexSpec> = vec![(
            "idx_purchases_by_buyer",
            Purchases::Table.into_iden(),
            vec![
                Purchases::TenantId.into_iden(),
                Purchases::Currency.into_iden(),
                Purchases::ContactId.into_iden(),
                Purchases::PurchasedAt.into_iden(),
                Purchases::AmountMinor.into_iden(),
            ],
        )];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_purchases_by_buyer")
                    .table(Purchases::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Purchases {
    Table,
    TenantId,
    Currency,
    PurchasedAt,
    ContactId,
    AmountMinor,
}
