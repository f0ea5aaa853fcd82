use reqwest::StatusCode;
use serde_json::json;
use voronka_types::contacts::{Company, Contact, Source};
use voronka_types::{Page, Role};

use crate::helpers::*;

async fn add_contact(app: &TestApp, token: &str, body: serde_json::Value) -> Contact {
    ok_json(
        app.post("/api/v1/contacts", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn a_contact_keeps_raw_phones_for_display_and_e164_for_matching() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let contact = add_contact(
        &app,
        &owner.access_token,
        json!({"name": "Анна Петрова", "phones": ["8 (916) 123-45-67", "+7 916 123 45 67"], "emails": ["Anna@Mail.RU"],
               "city": "Москва", "tags": ["VIP", "vip", "Ремонт"]}),
    )
    .await;
    assert_eq!(contact.phones.len(), 1, "the same number twice is kept once");
    assert_eq!(contact.phones[0].raw, "8 (916) 123-45-67");
    assert_eq!(contact.phones[0].e164, "+79161234567");
    assert_eq!(contact.emails, vec!["anna@mail.ru"]);
    assert_eq!(contact.tags, vec!["VIP", "Ремонт"]);
    assert_eq!(contact.source, Source::Manual);
    assert_eq!(
        contact.owner_id,
        Some(owner.user.id),
        "the creator is the responsible manager"
    );
    let read: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", contact.id), &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        read.purchases.as_ref().map(|p| p.count),
        Some(0),
        "one contact's read carries its purchase figures"
    );
    assert_eq!(
        Contact {
            purchases: None,
            ..read
        },
        contact
    );
}

#[tokio::test]
async fn contacts_are_found_by_name_email_tag_or_a_phone_in_any_format() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let anna = add_contact(
        &app,
        t,
        json!({"name": "Анна Петрова", "phones": ["+7 916 123-45-67"], "emails": ["anna@mail.ru"], "tags": ["Ремонт"]}),
    )
    .await;
    add_contact(
        &app,
        t,
        json!({"name": "Boris 100%_sure", "phones": ["+7 495 765-43-21"], "source": "website"}),
    )
    .await;
    let find = |q: &str| format!("/api/v1/contacts?q={}", urlencode(q));
    for q in [
        "анна",
        "АННА",
        "mail.ru",
        "8 916 123",
        "89161234567",
        "+7 (916) 123-45-67",
        "4567",
    ] {
        let page: Page<Contact> = ok_json(app.get(&find(q), t).await, StatusCode::OK).await;
        assert_eq!(page.total, 1, "search {q:?}");
        assert_eq!(page.items[0].id, anna.id, "search {q:?}");
    }
    let literal: Page<Contact> = ok_json(app.get(&find("100%_"), t).await, StatusCode::OK).await;
    assert_eq!(literal.total, 1, "% and _ are taken literally");
    let wildcard: Page<Contact> = ok_json(app.get(&find("%"), t).await, StatusCode::OK).await;
    assert_eq!(wildcard.total, 1);
    let tagged: Page<Contact> = ok_json(
        app.get(&format!("/api/v1/contacts?tag={}", urlencode("ремонт")), t)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tagged.total, 1);
    let from_site: Page<Contact> = ok_json(app.get("/api/v1/contacts?source=website", t).await, StatusCode::OK).await;
    assert_eq!(from_site.total, 1);
    let all: Page<Contact> = ok_json(app.get("/api/v1/contacts?limit=1", t).await, StatusCode::OK).await;
    assert_eq!((all.items.len(), all.total), (1, 2));
    let rest: Page<Contact> = ok_json(
        app.get(
            &format!("/api/v1/contacts?limit=1&cursor={}", all.next_cursor.unwrap()),
            t,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_ne!(rest.items[0].id, all.items[0].id);
    let p = problem(
        app.get("/api/v1/contacts?source=pigeon", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "source");
}

#[tokio::test]
async fn bad_contact_input_names_the_field_and_saves_nothing() {
    let app = spawn_app().await;
    let owner = app.register("English Co").await;
    let t = Some(owner.access_token.as_str());
    let cases = [
        (json!({"name": ""}), "name"),
        (
            json!({"name": "A", "phones": ["+79161234567", "not a phone"]}),
            "phones[1]",
        ),
        (json!({"name": "A", "phones": ["9161234567"]}), "phones[0]"),
        (json!({"name": "A", "emails": ["nope"]}), "emails[0]"),
        (json!({"name": "A", "tags": [""]}), "tags[0]"),
        (json!({"name": "A", "source": "pigeon"}), "source"),
        (json!({"name": "A", "owner_id": uuid::Uuid::now_v7()}), "owner_id"),
        (json!({"name": "A", "company_id": uuid::Uuid::now_v7()}), "company_id"),
    ];
    for (body, field) in cases {
        let p = problem(
            app.post("/api/v1/contacts", t, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let page: Page<Contact> = ok_json(app.get("/api/v1/contacts", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(page.total, 0);
}

#[tokio::test]
async fn managers_see_and_change_only_their_own_contacts() {
    let app = spawn_app().await;
    let owner = app.register("Scope Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let owners_contact = add_contact(&app, &owner.access_token, json!({"name": "Owner's client"})).await;
    let mine = add_contact(&app, &manager.access_token, json!({"name": "Manager's client"})).await;
    assert_eq!(mine.owner_id, Some(manager_user.id));
    let page: Page<Contact> = ok_json(app.get("/api/v1/contacts", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].id, mine.id);
    let theirs = format!("/api/v1/contacts/{}", owners_contact.id);
    problem(
        app.get(&theirs, &manager.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.patch(&theirs, &manager.access_token, &json!({"name": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.delete(&theirs, &manager.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let p = problem(
        app.patch(
            &format!("/api/v1/contacts/{}", mine.id),
            &manager.access_token,
            &json!({"owner_id": owner.user.id}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "owner_id");
    // The owner sees both and can hand one over.
    let all: Page<Contact> = ok_json(app.get("/api/v1/contacts", &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(all.total, 2);
    let moved: Contact = ok_json(
        app.patch(&theirs, &owner.access_token, &json!({"owner_id": manager_user.id}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.owner_id, Some(manager_user.id));
    assert_eq!(app.get(&theirs, &manager.access_token).await.status(), StatusCode::OK);
    // A guest has no write permission.
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    problem(
        app.post("/api/v1/contacts", Some(&guest.access_token), &json!({"name": "x"}))
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}

#[tokio::test]
async fn editing_a_contact_changes_only_what_is_sent_and_is_audited() {
    let app = spawn_app().await;
    let owner = app.register("Edit Co").await;
    let t = owner.access_token.as_str();
    let company: Company = ok_json(
        app.post("/api/v1/companies", Some(t), &json!({"name": "Acme"})).await,
        StatusCode::CREATED,
    )
    .await;
    let contact = add_contact(
        &app,
        t,
        json!({"name": "Ivan", "phones": ["+1 415 555 2671"], "city": "Boston"}),
    )
    .await;
    let path = format!("/api/v1/contacts/{}", contact.id);
    let updated: Contact = ok_json(
        app.patch(
            &path,
            t,
            &json!({"emails": ["ivan@acme.com"], "company_id": company.id, "city": null}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated.name, "Ivan");
    assert_eq!(updated.phones, contact.phones);
    assert_eq!(updated.emails, vec!["ivan@acme.com"]);
    assert_eq!(updated.company_id, Some(company.id));
    assert_eq!(updated.city, None);
    let found: Page<Contact> = ok_json(app.get("/api/v1/contacts?q=acme.com", t).await, StatusCode::OK).await;
    assert_eq!(found.total, 1, "new e-mails are searchable");
    let with_company: Company = ok_json(
        app.get(&format!("/api/v1/companies/{}", company.id), t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(with_company.contact_count, 1);
    let log: Page<voronka_types::audit::AuditEntry> = ok_json(
        app.get(
            &format!("/api/v1/audit-log?entity_type=contact&entity_id={}", contact.id),
            t,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let update = log.items.iter().find(|e| e.action == "contact.updated").unwrap();
    let fields: Vec<&str> = update.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["city", "company_id", "emails"]);
    assert_eq!(app.delete(&path, t).await.status(), StatusCode::NO_CONTENT);
    problem(app.get(&path, t).await, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn another_companys_contacts_are_invisible() {
    let app = spawn_app().await;
    let a = app.register("Contacts A").await;
    let b = app.register("Contacts B").await;
    let theirs = add_contact(
        &app,
        &b.access_token,
        json!({"name": "B's client", "phones": ["+14155552671"]}),
    )
    .await;
    let path = format!("/api/v1/contacts/{}", theirs.id);
    problem(
        app.get(&path, &a.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.patch(&path, &a.access_token, &json!({"name": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.delete(&path, &a.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let search: Page<Contact> = ok_json(
        app.get("/api/v1/contacts?q=4155552671", &a.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(search.total, 0);
    let p = problem(
        app.post(
            "/api/v1/contacts",
            Some(&a.access_token),
            &json!({"name": "x", "owner_id": b.user.id}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "owner_id");
}

#[tokio::test]
async fn contacts_and_companies_sort_by_name_or_update_and_page_through_date_ranges() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    for name in ["Вера", "анна", "Борис", "Ёлка"] {
        add_contact(&app, token, json!({"name": name})).await;
        let _: Company = ok_json(
            app.post("/api/v1/companies", Some(token), &json!({"name": name})).await,
            StatusCode::CREATED,
        )
        .await;
    }
    let names = |page: Page<Contact>| page.items.into_iter().map(|c| c.name).collect::<Vec<_>>();
    let by_name: Page<Contact> = ok_json(app.get("/api/v1/contacts?sort=name", token).await, StatusCode::OK).await;
    assert_eq!(names(by_name), ["анна", "Борис", "Вера", "Ёлка"], "ё sorts as е");
    let first: Page<Contact> = ok_json(
        app.get("/api/v1/contacts?sort=name&direction=desc&limit=3", token)
            .await,
        StatusCode::OK,
    )
    .await;
    let cursor = first.next_cursor.clone().expect("a second page");
    assert_eq!(names(first), ["Ёлка", "Вера", "Борис"]);
    let rest: Page<Contact> = ok_json(
        app.get(
            &format!("/api/v1/contacts?sort=name&direction=desc&limit=3&cursor={cursor}"),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(names(rest), ["анна"]);
    let wrong_sort = app
        .get(&format!("/api/v1/contacts?sort=updated&cursor={cursor}"), token)
        .await;
    names_field(
        &problem(wrong_sort, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );

    let companies: Page<Company> = ok_json(app.get("/api/v1/companies?sort=name", token).await, StatusCode::OK).await;
    assert_eq!(
        companies.items.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["анна", "Борис", "Вера", "Ёлка"]
    );

    let future = urlencode("2999-01-01T00:00:00Z");
    let none: Page<Contact> = ok_json(
        app.get(&format!("/api/v1/contacts?created_from={future}"), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(none.total, 0);
    let all: Page<Contact> = ok_json(
        app.get(&format!("/api/v1/contacts?updated_to={future}"), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all.total, 4);
    let bad = app.get("/api/v1/contacts?created_from=yesterday", token).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "created_from",
    );
}

#[tokio::test]
async fn yo_sorts_and_is_found_as_ye_in_lead_and_company_names() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    for name in ["Ёлкин", "Жуков", "Егоров"] {
        let _: serde_json::Value = ok_json(
            app.post("/api/v1/leads", Some(token), &json!({"contact": {"name": name}}))
                .await,
            StatusCode::CREATED,
        )
        .await;
    }
    let page: Page<voronka_types::leads::Lead> =
        ok_json(app.get("/api/v1/leads?sort=name", token).await, StatusCode::OK).await;
    assert_eq!(
        page.items.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        ["Егоров", "Ёлкин", "Жуков"]
    );
    let found: Page<voronka_types::leads::Lead> = ok_json(
        app.get(&format!("/api/v1/leads?q={}", urlencode("елкин")), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(found.total, 1);
}
