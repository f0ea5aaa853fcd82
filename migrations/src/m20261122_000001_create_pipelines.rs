use sea_orm_migration::{prelude::*, schema::*};

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000001_create_tenants_and_users::Tenants;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Pipelines::Table)
                    .col(pk_uuid(Pipelines::Id))
                    .col(uuid(Pipelines::TenantId))
                    .col(string_len(Pipelines::Name, 100))
                    .col(string_len(Pipelines::Kind, 8))
                    .col(integer(Pipelines::Position))
                    .col(boolean(Pipelines::IsDefault))
                    .col(timestamp_with_time_zone(Pipelines::CreatedAt))
                    .col(timestamp_with_time_zone(Pipelines::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pipelines::Table, Pipelines::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Stages::Table)
                    .col(pk_uuid(Stages::Id))
                    .col(uuid(Stages::TenantId))
                    .col(uuid(Stages::PipelineId))
                    .col(string_len(Stages::Name, 100))
                    .col(string_len(Stages::Kind, 8))
                    .col(integer(Stages::Position))
                    .col(string_len_null(Stages::Key, 32))
                    .col(timestamp_with_time_zone(Stages::CreatedAt))
                    .col(timestamp_with_time_zone(Stages::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Stages::Table, Stages::PipelineId)
                            .to(Pipelines::Table, Pipelines::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Every move of a lead or deal between stages: history, time in stage, funnels.
        manager
            .create_table(
                Table::create()
                    .table(StageChanges::Table)
                    .col(big_integer(StageChanges::Id).auto_increment().primary_key())
                    .col(uuid(StageChanges::TenantId))
                    .col(string_len(StageChanges::Entity, 8))
                    .col(uuid(StageChanges::RecordId))
                    .col(uuid(StageChanges::PipelineId))
                    .col(uuid_null(StageChanges::FromStageId))
                    .col(uuid(StageChanges::ToStageId))
                    .col(uuid_null(StageChanges::ActorId))
                    .col(timestamp_with_time_zone(StageChanges::ChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StageChanges::Table, StageChanges::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Tags of leads and deals, lower-cased, for exact filtering on both databases.
        manager
            .create_table(
                Table::create()
                    .table(RecordTags::Table)
                    .col(uuid(RecordTags::RecordId))
                    .col(uuid(RecordTags::TenantId))
                    .col(string_len(RecordTags::Entity, 8))
                    .col(string_len(RecordTags::Tag, 50))
                    .primary_key(Index::create().col(RecordTags::RecordId).col(RecordTags::Tag))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecordTags::Table, RecordTags::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Tenants::Table)
                    .add_column(string_len(TenantCurrency::Currency, 3).default("USD"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(Tenants::Table)
                    .value(TenantCurrency::Currency, "RUB")
                    .and_where(Expr::col(Tenants::Locale).eq("ru"))
                    .to_owned(),
            )
            .await?;
        let specs: Vec<IndexSpec> = vec![
            (
                "idx_pipelines_tenant",
                Pipelines::Table.into_iden(),
                vec![Pipelines::TenantId.into_iden(), Pipelines::Kind.into_iden()],
            ),
            (
                "idx_stages_pipeline",
                Stages::Table.into_iden(),
                vec![Stages::PipelineId.into_iden(), Stages::Position.into_iden()],
            ),
            (
                "idx_stage_changes_record",
                StageChanges::Table.into_iden(),
                vec![StageChanges::RecordId.into_iden(), StageChanges::Id.into_iden()],
            ),
            (
                "idx_stage_changes_pipeline",
                StageChanges::Table.into_iden(),
                vec![
                    StageChanges::TenantId.into_iden(),
                    StageChanges::PipelineId.into_iden(),
                    StageChanges::ChangedAt.into_iden(),
                ],
            ),
            (
                "idx_record_tags_tag",
                RecordTags::Table.into_iden(),
                vec![
                    RecordTags::TenantId.into_iden(),
                    RecordTags::Entity.into_iden(),
                    RecordTags::Tag.into_iden(),
                ],
            ),
        ];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tenants::Table)
                    .drop_column(TenantCurrency::Currency)
                    .to_owned(),
            )
            .await?;
        for table in [
            RecordTags::Table.into_iden(),
            StageChanges::Table.into_iden(),
            Stages::Table.into_iden(),
            Pipelines::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum Pipelines {
    Table,
    Id,
    TenantId,
    Name,
    Kind,
    Position,
    IsDefault,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Stages {
    Table,
    Id,
    TenantId,
    PipelineId,
    Name,
    Kind,
    Position,
    Key,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StageChanges {
    Table,
    Id,
    TenantId,
    Entity,
    RecordId,
    PipelineId,
    FromStageId,
    ToStageId,
    ActorId,
    ChangedAt,
}

#[derive(DeriveIden)]
enum RecordTags {
    Table,
    RecordId,
    TenantId,
    Entity,
    Tag,
}

#[derive(DeriveIden)]
enum TenantCurrency {
    Currency,
}
