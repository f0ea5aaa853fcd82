use sea_orm_migration::prelude::*;

/// Indexes for the KPI and funnel reads: each filters a tenant's rows by an owner (or
/// assignee) and a time range, or by a time range alone for first responses.
#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 8] = [
    (
        "idx_kpi_leads_owner_created",
        "leads",
        &["tenant_id", "owner_id", "created_at"],
    ),
    (
        "idx_kpi_leads_pipeline_created",
        "leads",
        &["pipeline_id", "created_at"],
    ),
    (
        "idx_kpi_deals_owner_created",
        "deals",
        &["tenant_id", "owner_id", "created_at"],
    ),
    (
        "idx_kpi_deals_owner_closed",
        "deals",
        &["tenant_id", "owner_id", "closed_at"],
    ),
    (
        "idx_kpi_messages_outbound",
        "messages",
        &["tenant_id", "direction", "sent_at"],
    ),
    ("idx_kpi_notes_created", "notes", &["tenant_id", "created_at"]),
    (
        "idx_kpi_stage_changes_time",
        "stage_changes",
        &["tenant_id", "entity", "changed_at"],
    ),
    (
        "idx_kpi_tasks_assignee_completed",
        "tasks",
        &["assignee_id", "completed_at"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create().name(name).table(Alias::new(table)).to_owned();
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
