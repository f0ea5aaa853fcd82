use reqwest::StatusCode;
use serde_json::json;
use voronka_types::contacts::{Company, Contact};
use voronka_types::{Page, Role};

use crate::helpers::*;

#[tokio::test]
async fn companies_are_created_found_changed_and_deleted_without_losing_contacts() {
    let app = spawn_app().await;
    let owner = app.register("Companies Co").await;
    let t = owner.access_token.as_str();
    let company: Company = ok_json(
        app.post(
            "/api/v1/companies",
            Some(t),
            &json!({"name": "Строй Плюс", "domain": "https://www.StroyPlus.ru/about"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(company.domain.as_deref(), Some("stroyplus.ru"));
    assert_eq!(company.owner_id, Some(owner.user.id));
    let contact: Contact = ok_json(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({"name": "Anna", "company_id": company.id}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    for q in ["строй", "СТРОЙ", "stroyplus"] {
        let page: Page<Company> = ok_json(
            app.get(&format!("/api/v1/companies?q={}", urlencode(q)), t).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(page.total, 1, "search {q}");
        assert_eq!(page.items[0].contact_count, 1);
    }
    let path = format!("/api/v1/companies/{}", company.id);
    let renamed: Company = ok_json(
        app.patch(&path, t, &json!({"name": "Stroy Plus", "domain": null}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((renamed.name.as_str(), renamed.domain), ("Stroy Plus", None));
    assert_eq!(app.delete(&path, t).await.status(), StatusCode::NO_CONTENT);
    let kept: Contact = ok_json(
        app.get(&format!("/api/v1/contacts/{}", contact.id), t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(kept.company_id, None, "the contact stays, without a company");
}

#[tokio::test]
async fn bad_company_input_wrong_role_and_other_tenants_are_refused() {
    let app = spawn_app().await;
    let a = app.register("Companies A").await;
    let b = app.register("Companies B").await;
    let t = Some(a.access_token.as_str());
    let p = problem(
        app.post("/api/v1/companies", t, &json!({"name": ""})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "name");
    let p = problem(
        app.post("/api/v1/companies", t, &json!({"name": "X", "domain": "not a domain"}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "domain");
    let (_, guest) = app.user_with_role(&a.access_token, Role::Guest).await;
    problem(
        app.post("/api/v1/companies", Some(&guest.access_token), &json!({"name": "X"}))
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let theirs: Company = ok_json(
        app.post("/api/v1/companies", Some(&b.access_token), &json!({"name": "B Corp"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/companies/{}", theirs.id);
    problem(
        app.get(&path, &a.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.patch(&path, &a.access_token, &json!({"name": "Mine"})).await,
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
    let p = problem(
        app.post("/api/v1/contacts", t, &json!({"name": "x", "company_id": theirs.id}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "company_id");
    let list: Page<Company> = ok_json(app.get("/api/v1/companies", &a.access_token).await, StatusCode::OK).await;
    assert_eq!(list.total, 0);
}
