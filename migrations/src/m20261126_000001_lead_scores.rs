use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Automatic lead scores: how each lead's score was reached (`leads.score_explained`, JSON) and
/// each company's outcome model fitted on its own closed leads (`lead_score_models`).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Leads::Table)
                    .add_column(text_null(Leads::ScoreExplained))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LeadScoreModels::Table)
                    .col(uuid(LeadScoreModels::TenantId).primary_key())
                    .col(text(LeadScoreModels::Model))
                    .col(integer(LeadScoreModels::ClosedLeads))
                    .col(integer(LeadScoreModels::Won))
                    .col(double_null(LeadScoreModels::HoldoutAuc))
                    .col(timestamp_with_time_zone(LeadScoreModels::FittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LeadScoreModels::Table, LeadScoreModels::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LeadScoreModels::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Leads::Table)
                    .drop_column(Leads::ScoreExplained)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Leads {
    Table,
    ScoreExplained,
}

#[derive(DeriveIden)]
enum LeadScoreModels {
    Table,
    TenantId,
    Model,
    ClosedLeads,
    Won,
    HoldoutAuc,
    FittedAt,
}
