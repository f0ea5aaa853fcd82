use sea_orm_migration::{prelude::*, schema::*};

use crate::indexes::{self, IndexSpec};
use crate::m20261121_000001_create_tenants_and_users::Tenants;
use crate::m20261121_000006_create_contacts_and_companies::{Companies, Contacts};
use crate::m20261122_000001_create_pipelines::{Pipelines, Stages};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn belongs(
    table: impl IntoIden,
    from: impl IntoIden,
    to_table: impl IntoIden,
    to: impl IntoIden,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, from)
        .to(to_table, to)
        .on_delete(action)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Leads::Table)
                    .col(pk_uuid(Leads::Id))
                    .col(uuid(Leads::TenantId))
                    .col(uuid(Leads::ContactId))
                    .col(string_len(Leads::Name, 200))
                    // Lower-cased by the server (Unicode-aware) for sorting and search.
                    .col(string_len(Leads::SortName, 200))
                    .col(string_len(Leads::Source, 32))
                    .col(uuid(Leads::PipelineId))
                    .col(uuid(Leads::StageId))
                    // The stage's kind, kept here so status filters need no join.
                    .col(string_len(Leads::Status, 8))
                    // Manual order within a stage (ascending).
                    .col(big_integer(Leads::Rank))
                    .col(uuid_null(Leads::OwnerId))
                    .col(small_integer(Leads::Score))
                    .col(string_len_null(Leads::Temperature, 8))
                    .col(string_len(Leads::HandledBy, 8))
                    .col(text_null(Leads::LastInboundMessage))
                    .col(timestamp_with_time_zone_null(Leads::LastInboundAt))
                    .col(timestamp_with_time_zone_null(Leads::LastOutboundAt))
                    .col(big_integer_null(Leads::AmountMinor))
                    .col(string_len_null(Leads::Currency, 3))
                    .col(string_len_null(Leads::City, 100))
                    .col(text(Leads::Tags))
                    .col(boolean(Leads::Repeat))
                    .col(string_len_null(Leads::CloseReason, 500))
                    .col(uuid_null(Leads::DealId))
                    .col(text(Leads::CustomFields).default("{}"))
                    .col(timestamp_with_time_zone(Leads::StageChangedAt))
                    .col(timestamp_with_time_zone(Leads::CreatedAt))
                    .col(timestamp_with_time_zone(Leads::UpdatedAt))
                    .foreign_key(&mut belongs(
                        Leads::Table,
                        Leads::TenantId,
                        Tenants::Table,
                        Tenants::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut belongs(
                        Leads::Table,
                        Leads::ContactId,
                        Contacts::Table,
                        Contacts::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut belongs(
                        Leads::Table,
                        Leads::PipelineId,
                        Pipelines::Table,
                        Pipelines::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut belongs(
                        Leads::Table,
                        Leads::StageId,
                        Stages::Table,
                        Stages::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Deals::Table)
                    .col(pk_uuid(Deals::Id))
                    .col(uuid(Deals::TenantId))
                    .col(string_len(Deals::Title, 200))
                    .col(string_len(Deals::SortTitle, 200))
                    .col(uuid_null(Deals::ContactId))
                    .col(uuid_null(Deals::CompanyId))
                    .col(uuid_null(Deals::LeadId))
                    .col(uuid(Deals::PipelineId))
                    .col(uuid(Deals::StageId))
                    .col(string_len(Deals::Status, 8))
                    .col(big_integer(Deals::Rank))
                    .col(uuid_null(Deals::OwnerId))
                    .col(big_integer(Deals::AmountMinor))
                    .col(string_len(Deals::Currency, 3))
                    .col(date_null(Deals::ExpectedCloseDate))
                    .col(small_integer_null(Deals::Probability))
                    .col(string_len_null(Deals::CloseReason, 500))
                    .col(timestamp_with_time_zone_null(Deals::ClosedAt))
                    .col(text(Deals::Tags))
                    .col(text(Deals::CustomFields).default("{}"))
                    .col(timestamp_with_time_zone(Deals::StageChangedAt))
                    .col(timestamp_with_time_zone(Deals::CreatedAt))
                    .col(timestamp_with_time_zone(Deals::UpdatedAt))
                    .foreign_key(&mut belongs(
                        Deals::Table,
                        Deals::TenantId,
                        Tenants::Table,
                        Tenants::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut belongs(
                        Deals::Table,
                        Deals::ContactId,
                        Contacts::Table,
                        Contacts::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut belongs(
                        Deals::Table,
                        Deals::CompanyId,
                        Companies::Table,
                        Companies::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut belongs(
                        Deals::Table,
                        Deals::PipelineId,
                        Pipelines::Table,
                        Pipelines::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut belongs(
                        Deals::Table,
                        Deals::StageId,
                        Stages::Table,
                        Stages::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        let lead = |cols: &[Leads]| -> Vec<DynIden> {
            std::iter::once(Leads::TenantId.into_iden())
                .chain(cols.iter().map(|c| c.into_iden()))
                .collect()
        };
        let deal = |cols: &[Deals]| -> Vec<DynIden> {
            std::iter::once(Deals::TenantId.into_iden())
                .chain(cols.iter().map(|c| c.into_iden()))
                .collect()
        };
        let specs: Vec<IndexSpec> = vec![
            ("idx_leads_tenant", Leads::Table.into_iden(), lead(&[Leads::Id])),
            (
                "idx_leads_board",
                Leads::Table.into_iden(),
                lead(&[Leads::StageId, Leads::Rank, Leads::Id]),
            ),
            (
                "idx_leads_stage_owner_score",
                Leads::Table.into_iden(),
                lead(&[Leads::StageId, Leads::OwnerId, Leads::Score, Leads::Id]),
            ),
            (
                "idx_leads_owner",
                Leads::Table.into_iden(),
                lead(&[Leads::OwnerId, Leads::Id]),
            ),
            (
                "idx_leads_pipeline",
                Leads::Table.into_iden(),
                lead(&[Leads::PipelineId, Leads::Id]),
            ),
            (
                "idx_leads_updated",
                Leads::Table.into_iden(),
                lead(&[Leads::UpdatedAt, Leads::Id]),
            ),
            (
                "idx_leads_score",
                Leads::Table.into_iden(),
                lead(&[Leads::Score, Leads::Id]),
            ),
            (
                "idx_leads_amount",
                Leads::Table.into_iden(),
                lead(&[Leads::AmountMinor, Leads::Id]),
            ),
            (
                "idx_leads_name",
                Leads::Table.into_iden(),
                lead(&[Leads::SortName, Leads::Id]),
            ),
            (
                "idx_leads_last_inbound",
                Leads::Table.into_iden(),
                lead(&[Leads::LastInboundAt, Leads::Id]),
            ),
            (
                "idx_leads_contact",
                Leads::Table.into_iden(),
                vec![Leads::ContactId.into_iden()],
            ),
            ("idx_deals_tenant", Deals::Table.into_iden(), deal(&[Deals::Id])),
            (
                "idx_deals_board",
                Deals::Table.into_iden(),
                deal(&[Deals::StageId, Deals::Rank, Deals::Id]),
            ),
            (
                "idx_deals_owner",
                Deals::Table.into_iden(),
                deal(&[Deals::OwnerId, Deals::Id]),
            ),
            (
                "idx_deals_pipeline",
                Deals::Table.into_iden(),
                deal(&[Deals::PipelineId, Deals::Id]),
            ),
            (
                "idx_deals_amount",
                Deals::Table.into_iden(),
                deal(&[Deals::AmountMinor, Deals::Id]),
            ),
            (
                "idx_deals_close_date",
                Deals::Table.into_iden(),
                deal(&[Deals::ExpectedCloseDate, Deals::Id]),
            ),
            (
                "idx_deals_contact",
                Deals::Table.into_iden(),
                vec![Deals::ContactId.into_iden()],
            ),
            (
                "idx_deals_company",
                Deals::Table.into_iden(),
                vec![Deals::CompanyId.into_iden()],
            ),
        ];
        indexes::create_all(manager, specs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Deals::Table.into_iden(), Leads::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Leads {
    Table,
    Id,
    TenantId,
    ContactId,
    Name,
    SortName,
    Source,
    PipelineId,
    StageId,
    Status,
    Rank,
    OwnerId,
    Score,
    Temperature,
    HandledBy,
    LastInboundMessage,
    LastInboundAt,
    LastOutboundAt,
    AmountMinor,
    Currency,
    City,
    Tags,
    Repeat,
    CloseReason,
    DealId,
    CustomFields,
    StageChangedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Deals {
    Table,
    Id,
    TenantId,
    Title,
    SortTitle,
    ContactId,
    CompanyId,
    LeadId,
    PipelineId,
    StageId,
    Status,
    Rank,
    OwnerId,
    AmountMinor,
    Currency,
    ExpectedCloseDate,
    Probability,
    CloseReason,
    ClosedAt,
    Tags,
    CustomFields,
    StageChangedAt,
    CreatedAt,
    UpdatedAt,
}
