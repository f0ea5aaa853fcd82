use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261121_000001_create_tenants_and_users::Tenants;

/// Web forms that turn submissions from a company's site into leads, and the `forms.manage`
/// permission for heads of sales of the companies that exist already (new companies get it
/// from the role defaults; owners hold every permission).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Forms::Table)
                    .col(pk_uuid(Forms::Id))
                    .col(uuid(Forms::TenantId))
                    .col(string_len(Forms::Name, 200))
                    // JSON array of fields.
                    .col(text(Forms::Fields))
                    .col(uuid(Forms::PipelineId))
                    .col(uuid(Forms::StageId))
                    // JSON object: the owner rule.
                    .col(text(Forms::OwnerRule))
                    // How many leads the round-robin has handed out: the next one goes to
                    // the user at this count modulo the active users of the list.
                    .col(big_integer(Forms::Rotation).default(0))
                    .col(text(Forms::Tags))
                    .col(string_len(Forms::Source, 32))
                    .col(text(Forms::AllowedOrigins))
                    .col(string_len(Forms::HoneypotField, 64))
                    .col(boolean(Forms::Active))
                    .col(string_len(Forms::SuccessMessage, 500))
                    .col(text_null(Forms::RedirectUrl))
                    .col(string_len_uniq(Forms::PublicKey, 64))
                    .col(uuid_null(Forms::CreatedBy))
                    .col(timestamp_with_time_zone(Forms::CreatedAt))
                    .col(timestamp_with_time_zone(Forms::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Forms::Table, Forms::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_forms_tenant")
                    .table(Forms::Table)
                    .col(Forms::TenantId)
                    .col(Forms::Id)
                    .to_owned(),
            )
            .await?;
        let grant = Query::insert()
            .into_table(RolePermissions::Table)
            .columns([
                RolePermissions::TenantId,
                RolePermissions::Role,
                RolePermissions::Permission,
            ])
            .select_from(
                Query::select()
                    .column(Tenants::Id)
                    .expr(Expr::val("head_of_sales"))
                    .expr(Expr::val("forms.manage"))
                    .from(Tenants::Table)
                    .to_owned(),
            )
            .map_err(|e| DbErr::Migration(e.to_string()))?
            .to_owned();
        manager.exec_stmt(grant).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(RolePermissions::Table)
                    .and_where(Expr::col(RolePermissions::Permission).eq("forms.manage"))
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(Forms::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Forms {
    Table,
    Id,
    TenantId,
    Name,
    Fields,
    PipelineId,
    StageId,
    OwnerRule,
    Rotation,
    Tags,
    Source,
    AllowedOrigins,
    HoneypotField,
    Active,
    SuccessMessage,
    RedirectUrl,
    PublicKey,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RolePermissions {
    Table,
    TenantId,
    Role,
    Permission,
}
