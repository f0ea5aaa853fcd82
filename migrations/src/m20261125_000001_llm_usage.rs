use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Tokens each company spent on the LLM, by month (`2026-11`) and purpose (`narrative`,
/// `classify`): the monthly budget is checked against it before every call.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LlmUsage::Table)
                    .col(uuid(LlmUsage::TenantId))
                    .col(string_len(LlmUsage::Month, 7))
                    .col(string_len(LlmUsage::Purpose, 32))
                    .col(big_integer(LlmUsage::PromptTokens).default(0))
                    .col(big_integer(LlmUsage::CompletionTokens).default(0))
                    .col(big_integer(LlmUsage::Calls).default(0))
                    .col(big_integer(LlmUsage::Failures).default(0))
                    .col(timestamp_with_time_zone(LlmUsage::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(LlmUsage::TenantId)
                            .col(LlmUsage::Month)
                            .col(LlmUsage::Purpose),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LlmUsage::Table, LlmUsage::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LlmUsage::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum LlmUsage {
    Table,
    TenantId,
    Month,
    Purpose,
    PromptTokens,
    CompletionTokens,
    Calls,
    Failures,
    UpdatedAt,
}
