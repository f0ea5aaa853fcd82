//! Voronka's schema. Every migration uses sea-orm's schema helpers so it runs on both
//! SQLite and PostgreSQL. Files are named `mYYYYMMDD_HHMMSS_<verb>_<noun>.rs`.

pub use sea_orm_migration::prelude::*;

mod indexes;
mod m20261121_000001_create_tenants_and_users;
mod m20261121_000002_create_role_permissions;
mod m20261121_000003_create_auth_tokens;
mod m20261121_000004_create_api_keys;
mod m20261121_000005_create_audit_log;
mod m20261121_000006_create_contacts_and_companies;
mod m20261122_000001_create_pipelines;
mod m20261122_000002_create_leads_and_deals;
mod m20261122_000003_create_notes_and_messages;
mod m20261122_000004_add_tenant_phone_region;
mod m20261122_000005_add_contact_sort_name;
mod m20261122_100001_create_custom_fields;
mod m20261122_200001_create_jobs;
mod m20261122_200002_create_notifications;
mod m20261122_200003_create_tasks;
mod m20261122_300001_create_imports;
mod m20261122_400001_create_search_indexes;
mod m20261122_400002_create_stage_totals;
mod m20261122_500001_create_purchases;
mod m20261122_510001_create_webhooks;
mod m20261122_520001_create_forms;
mod m20261123_000001_create_recommendation_states;
mod m20261123_000002_add_lead_intent;
mod m20261124_000001_work_schedules;
mod m20261124_000002_work_sessions;
mod m20261124_000003_kpi_indexes;
mod m20261125_000001_llm_usage;
mod m20261125_000002_llm_tenant_switch;
mod m20261126_000001_lead_scores;
mod m20261127_000001_reports;
mod m20261127_000002_saved_reports;
mod m20261128_000001_purchase_lines;
mod m20261128_000002_purchases_by_buyer;
mod m20261129_000001_lead_first_responses;
mod m20261129_000002_kpi_days;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_tenants_and_users::Migration),
            Box::new(m20261121_000002_create_role_permissions::Migration),
            Box::new(m20261121_000003_create_auth_tokens::Migration),
            Box::new(m20261121_000004_create_api_keys::Migration),
            Box::new(m20261121_000005_create_audit_log::Migration),
            Box::new(m20261121_000006_create_contacts_and_companies::Migration),
            Box::new(m20261122_000001_create_pipelines::Migration),
            Box::new(m20261122_000002_create_leads_and_deals::Migration),
            Box::new(m20261122_000003_create_notes_and_messages::Migration),
            Box::new(m20261122_000004_add_tenant_phone_region::Migration),
            Box::new(m20261122_000005_add_contact_sort_name::Migration),
            Box::new(m20261122_100001_create_custom_fields::Migration),
            Box::new(m20261122_200001_create_jobs::Migration),
            Box::new(m20261122_200002_create_notifications::Migration),
            Box::new(m20261122_200003_create_tasks::Migration),
            Box::new(m20261122_300001_create_imports::Migration),
            Box::new(m20261122_400001_create_search_indexes::Migration),
            Box::new(m20261122_400002_create_stage_totals::Migration),
            Box::new(m20261122_500001_create_purchases::Migration),
            Box::new(m20261122_510001_create_webhooks::Migration),
            Box::new(m20261122_520001_create_forms::Migration),
            Box::new(m20261123_000001_create_recommendation_states::Migration),
            Box::new(m20261123_000002_add_lead_intent::Migration),
            Box::new(m20261124_000001_work_schedules::Migration),
            Box::new(m20261124_000002_work_sessions::Migration),
            Box::new(m20261124_000003_kpi_indexes::Migration),
            Box::new(m20261125_000001_llm_usage::Migration),
            Box::new(m20261125_000002_llm_tenant_switch::Migration),
            Box::new(m20261126_000001_lead_scores::Migration),
            Box::new(m20261127_000001_reports::Migration),
            Box::new(m20261127_000002_saved_reports::Migration),
            Box::new(m20261128_000001_purchase_lines::Migration),
            Box::new(m20261128_000002_purchases_by_buyer::Migration),
            Box::new(m20261129_000001_lead_first_responses::Migration),
            Box::new(m20261129_000002_kpi_days::Migration),
        ]
    }
}
