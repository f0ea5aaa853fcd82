//! Merging two contacts into one: the kept contact takes over every lead, deal, task, note
//! and message of the other, gains its phones, e-mails, tags and custom field values (its own
//! win), fills its empty fields from it, and the other is deleted — audited, in one transaction.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use voronka_types::contacts::{Contact, MergeContacts, Phone};
use voronka_types::custom_fields::CustomFieldEntity;
use voronka_types::{ContactId, FieldError, Permission, TenantId};

use super::duplicates::union;
use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::service::{audit_view, find_model, replace_identities, to_json};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::custom_fields::values;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use crate::validation::Checks;
use crate::{deals, leads, messages, notes, tasks};

pub async fn merge(state: &AppState, by: &Principal, id: ContactId, req: MergeContacts) -> ApiResult<Contact> {
    by.require(Permission::ContactsWrite)?;
    let tenant = by.tenant()?;
    let txn = state.db.begin().await?;
    let keep = find_model(&txn, by, id).await?.ok_or(ApiError::NotFound("contact"))?;
    let mut checks = Checks::new();
    let other = if req.other_id == id {
        checks.push(FieldError::new(
            "other_id",
            "same_contact",
            "a contact cannot be merged into itself",
        ));
        None
    } else {
        let found = find_model(&txn, by, req.other_id).await?;
        if found.is_none() {
            checks.push(FieldError::new("other_id", "unknown_contact", "no such contact"));
        }
        found
    };
    if let Some(other) = &other
        && let (Some(mine), Some(theirs)) = (&keep.external_id, &other.external_id)
    {
        checks.push(FieldError::new(
            "other_id",
            "different_external_ids",
            format!(
                "both contacts are customers of your own system ({mine} and {theirs}); merge them there, \
                 or pushes for one id would make a new contact"
            ),
        ));
    }
    checks.finish()?;
    let Some(other) = other else {
        return Err(ApiError::Internal(anyhow::anyhow!("checked contact missing")));
    };
    let moved = move_records(&txn, other.id, keep.id).await?;

    let (kept, absorbed) = (Contact::from(keep.clone()), Contact::from(other.clone()));
    let mut active: contact::ActiveModel = keep.clone().into();
    active.phones = Set(to_json(&union(&kept.phones, &absorbed.phones, |p: &Phone| {
        p.e164.clone()
    }))?);
    active.emails = Set(to_json(&union(&kept.emails, &absorbed.emails, String::clone))?);
    active.tags = Set(to_json(&union(&kept.tags, &absorbed.tags, |t: &String| {
        t.to_lowercase()
    }))?);
    active.company_id = Set(keep.company_id.or(other.company_id));
    active.city = Set(keep.city.clone().or(other.city.clone()));
    active.owner_id = Set(keep.owner_id.or(other.owner_id));
    active.external_id = Set(keep.external_id.clone().or(other.external_id.clone()));
    let mut attributes = absorbed.attributes.clone();
    attributes.extend(kept.attributes.clone());
    active.attributes = Set(to_json(&attributes)?);
    let custom = values::merge(&absorbed.custom_fields, &kept.custom_fields);
    active.custom_fields = Set(values::to_column(&custom)?);
    active.updated_at = Set(clock::now());

    values::remove(&txn, CustomFieldEntity::Contact, other.id).await?;
    Identities::delete_many()
        .filter(identity::Column::ContactId.eq(other.id))
        .exec(&txn)
        .await?;
    Contacts::delete_by_id(other.id).exec(&txn).await?;
    let merged = active.update(&txn).await?;
    replace_identities(&txn, &Contact::from(merged.clone()), TenantId(tenant.0)).await?;
    values::store(&txn, tenant, CustomFieldEntity::Contact, merged.id, &custom).await?;
    let mut after = audit_view(&merged);
    after["merged_contact_id"] = json!(other.id);
    after["moved"] = moved;
    let mut before = audit_view(&keep);
    before["merged_contact"] = audit_view(&other);
    audit::record(
        &txn,
        by,
        AuditEvent::new("contact.merged", "contact", Some(keep.id.to_string()))
            .before(before)
            .after(after),
    )
    .await?;
    txn.commit().await?;
    Ok(merged.into())
}

/// Points the `column` of every `E` record of `from` at `to`; answers how many moved.
async fn repoint<E: sea_orm::EntityTrait>(
    db: &impl sea_orm::ConnectionTrait,
    column: E::Column,
    from: uuid::Uuid,
    to: uuid::Uuid,
) -> ApiResult<u64> {
    Ok(E::update_many()
        .col_expr(column, Expr::val(to))
        .filter(column.eq(from))
        .exec(db)
        .await?
        .rows_affected)
}

/// Points every record of `from` at `to`; answers how many of each moved.
async fn move_records(
    db: &impl sea_orm::ConnectionTrait,
    from: uuid::Uuid,
    to: uuid::Uuid,
) -> ApiResult<serde_json::Value> {
    use crate::purchases::entity as purchases;
    let leads = repoint::<leads::entity::Entity>(db, leads::entity::Column::ContactId, from, to).await?;
    let deals = repoint::<deals::entity::Entity>(db, deals::entity::Column::ContactId, from, to).await?;
    let tasks = repoint::<tasks::entity::Entity>(db, tasks::entity::Column::ContactId, from, to).await?;
    let notes = repoint::<notes::entity::Entity>(db, notes::entity::Column::ContactId, from, to).await?;
    let messages = repoint::<messages::entity::Entity>(db, messages::entity::Column::ContactId, from, to).await?;
    let purchases = repoint::<purchases::Entity>(db, purchases::Column::ContactId, from, to).await?;
    Ok(json!({
        "leads": leads, "deals": deals, "tasks": tasks, "notes": notes, "messages": messages, "purchases": purchases,
    }))
}
