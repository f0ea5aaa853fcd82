//! Likely duplicate contacts: matching a new contact to an existing one by phone or e-mail,
//! and listing groups of contacts that share a phone, an e-mail or a name.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, Set};
use serde_json::json;
use voronka_types::contacts::{Contact, DuplicateGroup, DuplicateReason, Phone};
use voronka_types::{Page, TenantId, UserId};

use super::entity::contact::{self, Entity as Contacts};
use super::entity::identity::{self, Entity as Identities};
use super::service::{audit_view, find_by_identities, read_scope, replace_identities, to_json};
use crate::audit::{self, AuditEvent};
use crate::auth::principal::Principal;
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::notifications;
use crate::startup::AppState;

/// A name as a duplicate key: lower case, `ё` as `е`, words without punctuation, sorted
/// ("Петров Иван" and "иван петров." match). `None` when no word is left.
pub fn name_key(name: &str) -> Option<String> {
    let lowered = name.to_lowercase().replace('ё', "е");
    let mut words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What became of a new contact's details.
pub enum Match {
    /// Nobody has them: store the new contact.
    None,
    /// An existing contact has them (and now the new phones, e-mails and tags too).
    Existing(Box<Contact>),
    /// A contact the caller may not see has them: answer [`hidden_duplicate`] after committing
    /// (its manager has been told).
    Hidden(&'static str),
}

/// The answer for a match the caller may not see, naming the field that matched.
pub fn hidden_duplicate(field: &'static str) -> ApiError {
    ApiError::conflict(
        "duplicate_contact",
        Some(field),
        "this phone or e-mail belongs to a contact of another manager; they have been told",
    )
}

/// Before a new contact is stored: when one of its phones or e-mails belongs to an existing
/// contact, that contact gets the new phones, e-mails and tags and is answered instead; its
/// manager is told either way.
pub async fn absorb_new(
    db: &impl ConnectionTrait,
    state: &AppState,
    by: &Principal,
    new: &contact::Model,
) -> ApiResult<Match> {
    let tenant = TenantId(new.tenant_id);
    let incoming = Contact::from(new.clone());
    let Some(existing) = find_by_identities(db, tenant, &incoming.phones, &incoming.emails).await? else {
        return Ok(Match::None);
    };
    let manager = existing.owner_id.map(UserId);
    let visible = match read_scope(by)?.owner() {
        Some(me) => manager == Some(me),
        None => true,
    };
    if let Some(manager) = manager.filter(|m| Some(*m) != by.user_id()) {
        let who = by.user_id().map_or("An integration", |_| "A colleague");
        notifications::notify(
            db,
            Some(&state.mailer),
            notifications::NewNotification {
                tenant,
                user: manager,
                kind: "contact.duplicate",
                title: format!("{who} added {} again", existing.name),
                body: format!("The details matched your contact {}.", existing.name),
                entity_type: "contact",
                entity_id: Some(existing.id),
            },
        )
        .await?;
    }
    if !visible {
        return Ok(Match::Hidden(if incoming.phones.is_empty() {
            "emails"
        } else {
            "phones"
        }));
    }
    let before = Contact::from(existing.clone());
    let phones = union(&before.phones, &incoming.phones, |p: &Phone| p.e164.clone());
    let emails = union(&before.emails, &incoming.emails, String::clone);
    let tags = union(&before.tags, &incoming.tags, |t: &String| t.to_lowercase());
    if phones == before.phones && emails == before.emails && tags == before.tags {
        return Ok(Match::Existing(Box::new(before)));
    }
    let mut active: contact::ActiveModel = existing.clone().into();
    active.phones = Set(to_json(&phones)?);
    active.emails = Set(to_json(&emails)?);
    active.tags = Set(to_json(&tags)?);
    active.updated_at = Set(clock::now());
    let updated = active.update(db).await?;
    replace_identities(db, &Contact::from(updated.clone()), tenant).await?;
    audit::record(
        db,
        by,
        AuditEvent::new("contact.updated", "contact", Some(existing.id.to_string()))
            .before(audit_view(&existing))
            .after(audit_view(&updated)),
    )
    .await?;
    Ok(Match::Existing(Box::new(updated.into())))
}

/// `first` followed by the items of `second` whose key is new.
pub fn union<T: Clone, K: PartialEq>(first: &[T], second: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out = first.to_vec();
    for item in second {
        if !out.iter().any(|known| key(known) == key(item)) {
            out.push(item.clone());
        }
    }
    out
}

fn reason_of(kind: &str) -> DuplicateReason {
    match kind {
        "phone" => DuplicateReason::Phone,
        "email" => DuplicateReason::Email,
        _ => DuplicateReason::Name,
    }
}

/// Groups of contacts (the caller can see) sharing a phone, an e-mail or a name, ordered by
/// reason and value, keyset-paged.
pub async fn groups(
    db: &impl ConnectionTrait,
    by: &Principal,
    cursor: Option<&str>,
    limit: u64,
) -> ApiResult<Page<DuplicateGroup>> {
    let tenant = by.tenant()?;
    let mut shared = Query::select()
        .column(identity::Column::Kind)
        .column(identity::Column::Value)
        .from(Identities)
        .and_where(Expr::col(identity::Column::TenantId).eq(tenant.0))
        .and_where(Expr::col(identity::Column::Kind).is_in(["phone", "email", "name_key"]))
        .group_by_col(identity::Column::Kind)
        .group_by_col(identity::Column::Value)
        .and_having(Expr::col(identity::Column::ContactId).count().gt(1))
        .to_owned();
    if let Some(owner) = read_scope(by)?.owner() {
        let own = Query::select()
            .column(contact::Column::Id)
            .from(Contacts)
            .and_where(Expr::col(contact::Column::OwnerId).eq(owner.0))
            .to_owned();
        shared.and_where(Expr::col(identity::Column::ContactId).in_subquery(own));
    }
    let total_query = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(shared.clone(), "shared")
        .to_owned();
    let total: i64 = match db.query_one(&total_query).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    let mut page = shared.clone();
    if let Some(cursor) = cursor {
        let (kind, value) = decode(cursor)?;
        page.and_where(
            Expr::col(identity::Column::Kind)
                .gt(kind.clone())
                .or(Expr::col(identity::Column::Kind)
                    .eq(kind)
                    .and(Expr::col(identity::Column::Value).gt(value))),
        );
    }
    page.order_by(identity::Column::Kind, Order::Asc)
        .order_by(identity::Column::Value, Order::Asc)
        .limit(limit + 1);
    let mut keys: Vec<(String, String)> = Vec::new();
    for row in db.query_all(&page).await? {
        keys.push((row.try_get_by_index(0)?, row.try_get_by_index(1)?));
    }
    let next_cursor = if keys.len() as u64 > limit {
        keys.truncate(limit as usize);
        keys.last().map(|(k, v)| encode(k, v))
    } else {
        None
    };
    let mut items = Vec::new();
    for (kind, value) in keys {
        let mut members = Contacts::find()
            .filter(contact::Column::TenantId.eq(tenant.0))
            .filter(
                contact::Column::Id.in_subquery(
                    Query::select()
                        .column(identity::Column::ContactId)
                        .from(Identities)
                        .and_where(Expr::col(identity::Column::TenantId).eq(tenant.0))
                        .and_where(Expr::col(identity::Column::Kind).eq(kind.as_str()))
                        .and_where(Expr::col(identity::Column::Value).eq(value.as_str()))
                        .to_owned(),
                ),
            )
            .order_by(contact::Column::Id, Order::Asc);
        if let Some(owner) = read_scope(by)?.owner() {
            members = members.filter(contact::Column::OwnerId.eq(owner.0));
        }
        items.push(DuplicateGroup {
            reason: reason_of(&kind),
            value,
            contacts: members.all(db).await?.into_iter().map(Into::into).collect(),
        });
    }
    Ok(Page {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
    })
}

fn encode(kind: &str, value: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json!([kind, value]).to_string())
}

fn decode(cursor: &str) -> ApiResult<(String, String)> {
    use base64::Engine;
    let invalid = || ApiError::field("cursor", "invalid_cursor", "the cursor is not one this API gave out");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    serde_json::from_slice::<(String, String)>(&bytes).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_regardless_of_case_order_yo_and_punctuation() {
        assert_eq!(name_key("Пётр Иванов"), name_key("иванов, петр"));
        assert_eq!(name_key("Anna-Maria Smith"), Some("anna maria smith".into()));
        assert_eq!(name_key(" -- "), None);
    }

    #[test]
    fn union_keeps_the_first_and_adds_what_is_new() {
        let merged = union(
            &["a".to_string(), "B".into()],
            &["b".into(), "c".into()],
            |s: &String| s.to_lowercase(),
        );
        assert_eq!(merged, ["a", "B", "c"]);
    }
}
