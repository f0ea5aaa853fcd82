use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Recommendations of the AI assistant that a company applied or dismissed: hidden until
/// `hidden_until` so the same advice does not come back at once.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecommendationStates::Table)
                    .col(uuid(RecommendationStates::TenantId))
                    .col(string_len(RecommendationStates::RecommendationId, 200))
                    .col(string_len(RecommendationStates::Status, 16))
                    .col(uuid_null(RecommendationStates::DecidedBy))
                    .col(timestamp_with_time_zone(RecommendationStates::DecidedAt))
                    .col(timestamp_with_time_zone(RecommendationStates::HiddenUntil))
                    .primary_key(
                        Index::create()
                            .col(RecommendationStates::TenantId)
                            .col(RecommendationStates::RecommendationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecommendationStates::Table, RecommendationStates::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RecommendationStates::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum RecommendationStates {
    Table,
    TenantId,
    RecommendationId,
    Status,
    DecidedBy,
    DecidedAt,
    HiddenUntil,
}
