use reqwest::StatusCode;
use serde_json::json;
use voronka_types::audit::AuditEntry;
use voronka_types::contacts::{Contact, DuplicateGroup, DuplicateReason};
use voronka_types::deals::Deal;
use voronka_types::leads::Lead;
use voronka_types::notifications::Notification;
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::helpers::*;

async fn add_contact(app: &TestApp, token: &str, body: serde_json::Value) -> Contact {
    ok_json(
        app.post("/api/v1/contacts", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn adding_a_known_phone_answers_the_existing_contact_with_the_new_details() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let first = add_contact(
        &app,
        &manager.access_token,
        json!({"name": "Иван", "phones": ["+7 916 123-45-67"]}),
    )
    .await;
    let again = app
        .post(
            "/api/v1/contacts",
            Some(&owner.access_token),
            &json!({"name": "Ваня", "phones": ["8 916 1234567"], "emails": ["ivan@mail.ru"], "tags": ["VIP"]}),
        )
        .await;
    let existing: Contact = ok_json(again, StatusCode::OK).await;
    assert_eq!(existing.id, first.id, "no second contact");
    assert_eq!(existing.name, "Иван");
    assert_eq!(existing.emails, ["ivan@mail.ru"]);
    assert_eq!(existing.tags, ["VIP"]);
    assert_eq!(existing.owner_id, Some(manager_user.id));
    let all: Page<Contact> = ok_json(app.get("/api/v1/contacts", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(all.total, 1);
    let inbox: Page<Notification> = ok_json(
        app.get("/api/v1/notifications", &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        inbox.items.iter().map(|n| n.kind.as_str()).collect::<Vec<_>>(),
        ["contact.duplicate"]
    );
}

#[tokio::test]
async fn a_manager_cannot_take_over_another_managers_customer_by_adding_it_again() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (_, anna) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (_, boris) = app.user_with_role(&owner.access_token, Role::Manager).await;
    add_contact(
        &app,
        &anna.access_token,
        json!({"name": "Customer", "emails": ["c@x.io"]}),
    )
    .await;
    let taken = app
        .post(
            "/api/v1/contacts",
            Some(&boris.access_token),
            &json!({"name": "Mine", "emails": ["C@X.IO"]}),
        )
        .await;
    names_field(
        &problem(taken, StatusCode::CONFLICT, "duplicate_contact").await,
        "emails",
    );
    let inbox: Page<Notification> = ok_json(
        app.get("/api/v1/notifications", &anna.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(inbox.total, 1, "the customer's manager hears of it");
    let boris_sees: Page<Contact> =
        ok_json(app.get("/api/v1/contacts", &boris.access_token).await, StatusCode::OK).await;
    assert_eq!(boris_sees.total, 0);
}

#[tokio::test]
async fn likely_duplicates_are_grouped_by_phone_email_and_name() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let a = add_contact(&app, token, json!({"name": "Пётр Иванов", "phones": ["+79161112233"]})).await;
    let b = add_contact(&app, token, json!({"name": "Иванов Петр", "emails": ["p@x.ru"]})).await;
    let c = add_contact(&app, token, json!({"name": "Someone", "phones": ["+79160000000"]})).await;
    // A phone added later by hand (PATCH does not merge) makes a shared phone.
    let _: Contact = ok_json(
        app.patch(
            &format!("/api/v1/contacts/{}", c.id),
            token,
            &json!({"phones": ["+79160000000", "+7 916 111-22-33"]}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let page: Page<DuplicateGroup> = ok_json(app.get("/api/v1/contacts/duplicates", token).await, StatusCode::OK).await;
    assert_eq!(page.total, 2);
    let by_name = page
        .items
        .iter()
        .find(|g| g.reason == DuplicateReason::Name)
        .expect("a name group");
    assert_eq!(by_name.contacts.iter().map(|c| c.id).collect::<Vec<_>>(), [a.id, b.id]);
    let by_phone = page
        .items
        .iter()
        .find(|g| g.reason == DuplicateReason::Phone)
        .expect("a phone group");
    assert_eq!(by_phone.value, "+79161112233");
    assert_eq!(by_phone.contacts.iter().map(|c| c.id).collect::<Vec<_>>(), [a.id, c.id]);

    let first: Page<DuplicateGroup> = ok_json(
        app.get("/api/v1/contacts/duplicates?limit=1", token).await,
        StatusCode::OK,
    )
    .await;
    let rest: Page<DuplicateGroup> = ok_json(
        app.get(
            &format!(
                "/api/v1/contacts/duplicates?limit=1&cursor={}",
                first.next_cursor.unwrap()
            ),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(first.items.len() + rest.items.len(), 2);
    assert_ne!(first.items[0].reason, rest.items[0].reason);
    assert!(rest.next_cursor.is_none());

    let (_, manager) = app.user_with_role(token, Role::Manager).await;
    let theirs: Page<DuplicateGroup> = ok_json(
        app.get("/api/v1/contacts/duplicates", &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        theirs.total, 0,
        "a manager sees duplicates among their own contacts only"
    );
}

#[tokio::test]
async fn merging_moves_everything_to_the_kept_contact_and_deletes_the_other() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let keep = add_contact(
        &app,
        token,
        json!({"name": "Anna Smith", "phones": ["+442079460958"], "tags": ["vip"]}),
    )
    .await;
    let other = add_contact(
        &app,
        token,
        json!({"name": "Smith Anna", "emails": ["anna@x.io"], "city": "Leeds", "tags": ["VIP", "b2b"]}),
    )
    .await;
    let lead = add_lead(&app, token, json!({"contact_id": other.id})).await;
    let deal = add_deal(&app, token, json!({"title": "Deal", "contact_id": other.id})).await;
    let _: serde_json::Value = ok_json(
        app.post(
            "/api/v1/notes",
            Some(token),
            &json!({"contact_id": other.id, "body": "Met at the fair"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let _: serde_json::Value = ok_json(
        app.post(
            "/api/v1/tasks",
            Some(token),
            &json!({"title": "Call", "contact_id": other.id}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let merged: Contact = ok_json(
        app.post(
            &format!("/api/v1/contacts/{}/merge", keep.id),
            Some(token),
            &json!({"other_id": other.id}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(merged.id, keep.id);
    assert_eq!(merged.name, "Anna Smith");
    assert_eq!(merged.emails, ["anna@x.io"]);
    assert_eq!(merged.tags, ["vip", "b2b"]);
    assert_eq!(merged.city.as_deref(), Some("Leeds"));
    problem(
        app.get(&format!("/api/v1/contacts/{}", other.id), token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let lead: Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(lead.contact.id, keep.id);
    let deal: Deal = ok_json(
        app.get(&format!("/api/v1/deals/{}", deal.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deal.contact_id, Some(keep.id));
    let tasks: Page<serde_json::Value> = ok_json(
        app.get(&format!("/api/v1/tasks?contact_id={}", keep.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tasks.total, 1);
    let story: Page<voronka_types::timeline::TimelineItem> = ok_json(
        app.get(&format!("/api/v1/contacts/{}/timeline", keep.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert!(story.items.iter().any(
        |i| matches!(&i.event, voronka_types::timeline::TimelineEvent::Note { note } if note.body == "Met at the fair")
    ));
    let found: Page<Contact> = ok_json(app.get("/api/v1/contacts?q=anna%40x", token).await, StatusCode::OK).await;
    assert_eq!(
        found.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        [keep.id],
        "search keys follow the merge"
    );
    let audit: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=contact", token).await,
        StatusCode::OK,
    )
    .await;
    assert!(audit.items.iter().any(|e| e.action == "contact.merged"));
    let dupes: Page<DuplicateGroup> =
        ok_json(app.get("/api/v1/contacts/duplicates", token).await, StatusCode::OK).await;
    assert_eq!(dupes.total, 0);
}

#[tokio::test]
async fn merging_is_checked_and_scoped() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let a = add_contact(&app, token, json!({"name": "A"})).await;
    let path = format!("/api/v1/contacts/{}/merge", a.id);
    let itself = app.post(&path, Some(token), &json!({"other_id": a.id})).await;
    names_field(
        &problem(itself, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "other_id",
    );
    let missing = app
        .post(&path, Some(token), &json!({"other_id": uuid::Uuid::now_v7()}))
        .await;
    names_field(
        &problem(missing, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "other_id",
    );
    let other_company = app.register("Other").await;
    let foreign = add_contact(&app, &other_company.access_token, json!({"name": "F"})).await;
    let cross = app.post(&path, Some(token), &json!({"other_id": foreign.id})).await;
    names_field(
        &problem(cross, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "other_id",
    );
    let stranger = app
        .post(
            &path,
            Some(&other_company.access_token),
            &json!({"other_id": foreign.id}),
        )
        .await;
    problem(stranger, StatusCode::NOT_FOUND, "not_found").await;
    let (_, guest) = app.user_with_role(token, Role::Guest).await;
    let b = add_contact(&app, token, json!({"name": "B"})).await;
    let denied = app
        .post(&path, Some(&guest.access_token), &json!({"other_id": b.id}))
        .await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
    let bad_cursor = app.get("/api/v1/contacts/duplicates?cursor=zzz", token).await;
    names_field(
        &problem(bad_cursor, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );
}
