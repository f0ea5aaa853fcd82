//! Exporting contacts, leads and deals as CSV or XLSX with the list's filters.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::contacts::Contact;

use crate::custom_fields::define;
use crate::helpers::*;

async fn add(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    ok_json(app.post(path, Some(token), &body).await, StatusCode::CREATED).await
}

fn header(response: &Response, name: &str) -> String {
    response.headers()[name].to_str().unwrap().to_owned()
}

/// The CSV body's rows (header first), after checking it is an attachment.
async fn csv_rows(response: Response) -> Vec<Vec<String>> {
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-type"), "text/csv; charset=utf-8");
    assert!(header(&response, "content-disposition").starts_with("attachment; filename="));
    let body = response.bytes().await.unwrap();
    let body = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a BOM for spreadsheet programs");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The first sheet of an XLSX body, as text rows.
async fn xlsx_rows(response: Response) -> Vec<Vec<String>> {
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(header(&response, "content-disposition").ends_with(".xlsx\""));
    let body = response.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]))
}

#[tokio::test]
async fn a_csv_export_of_contacts_follows_the_list_filters_and_has_a_column_per_custom_field() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "contact", "label": "Бюджет", "key": "budget", "kind": "number"}),
    )
    .await;
    add(
        &app,
        t,
        "/api/v1/contacts",
        json!({"name": "Анна, ООО \"Рога\"", "phones": ["+7 916 123-45-67"], "tags": ["VIP"], "custom_fields": {"budget": "1500.50"}}),
    )
    .await;
    add(
        &app,
        t,
        "/api/v1/contacts",
        json!({"name": "Борис", "tags": ["VIP"], "custom_fields": {"budget": 10}}),
    )
    .await;
    add(&app, t, "/api/v1/contacts", json!({"name": "=cmd()"})).await;
    let rows = csv_rows(app.get("/api/v1/contacts/export?tag=vip&cf_from[budget]=1000", t).await).await;
    assert_eq!(rows.len(), 2, "the header and Anna: {rows:?}");
    assert_eq!(rows[1][column(&rows, "Name")], "Анна, ООО \"Рога\"");
    assert_eq!(rows[1][column(&rows, "Phones")], "+7 916 123-45-67");
    assert_eq!(rows[1][column(&rows, "Бюджет")], "1500.50");
    assert_eq!(rows[1][column(&rows, "Owner")], owner.user.name);
    let all = csv_rows(app.get("/api/v1/contacts/export", t).await).await;
    assert_eq!(all.len(), 4);
    assert_eq!(
        all[1][column(&all, "Name")],
        "'=cmd()",
        "newest first, formulas defused"
    );
    let bad = app.get("/api/v1/contacts/export?format=pdf", t).await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "format",
    );
}

#[tokio::test]
async fn an_xlsx_export_of_leads_reads_back_with_its_filter_and_custom_field_column() {
    let app = spawn_app().await;
    let owner = app.register("Export Co").await;
    let t = owner.access_token.as_str();
    define(&app, t, json!({"entity": "lead", "label": "Area", "kind": "number"})).await;
    add(
        &app,
        t,
        "/api/v1/leads",
        json!({"contact": {"name": "Anna", "phones": ["+1 212 555 0100"]}, "amount": "1500.50", "tags": ["roof"], "custom_fields": {"area": 120}}),
    )
    .await;
    add(&app, t, "/api/v1/leads", json!({"contact": {"name": "Boris"}})).await;
    let rows = xlsx_rows(app.get("/api/v1/leads/export?format=xlsx&tag=roof", t).await).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][column(&rows, "Contact")], "Anna");
    assert_eq!(rows[1][column(&rows, "Phone")], "+1 212 555 0100");
    assert_eq!(rows[1][column(&rows, "Stage")], "New");
    assert_eq!(rows[1][column(&rows, "Amount")], "1500.50");
    assert_eq!(rows[1][column(&rows, "Area")], "120");
    assert_eq!(rows[1][column(&rows, "Repeat")], "false");

    add(
        &app,
        t,
        "/api/v1/deals",
        json!({"title": "Roof for Anna", "amount": "99.90"}),
    )
    .await;
    let deals = csv_rows(app.get("/api/v1/deals/export", t).await).await;
    assert_eq!(deals.len(), 2);
    assert_eq!(deals[1][column(&deals, "Title")], "Roof for Anna");
    assert_eq!(deals[1][column(&deals, "Amount")], "99.90");
}

#[tokio::test]
async fn an_xlsx_export_over_the_row_cap_asks_for_csv_or_a_narrower_filter() {
    let app = spawn_app_with(|c| c.export_xlsx_max_rows = 1).await;
    let owner = app.register("Cap Co").await;
    let t = owner.access_token.as_str();
    for name in ["Anna", "Boris"] {
        add(&app, t, "/api/v1/contacts", json!({ "name": name })).await;
    }
    let p = problem(
        app.get("/api/v1/contacts/export?format=xlsx", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "format");
    assert_eq!(
        xlsx_rows(app.get("/api/v1/contacts/export?format=xlsx&q=anna", t).await)
            .await
            .len(),
        2
    );
    assert_eq!(csv_rows(app.get("/api/v1/contacts/export", t).await).await.len(), 3);
}

#[tokio::test]
async fn an_export_holds_only_what_the_caller_may_see_and_needs_import_export() {
    let app = spawn_app().await;
    let owner = app.register("Scope Co").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let m = manager.access_token.as_str();
    for path in [
        "/api/v1/contacts/export",
        "/api/v1/leads/export",
        "/api/v1/deals/export",
    ] {
        problem(app.get(path, m).await, StatusCode::FORBIDDEN, "permission_denied").await;
    }
    let body = json!({"permissions": ["contacts.read.own", "contacts.write", "leads.read.own", "import_export"]});
    let response = app
        .put("/api/v1/roles/manager/permissions", &owner.access_token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mine: Contact = ok_json(
        app.post("/api/v1/contacts", Some(m), &json!({"name": "Mine"})).await,
        StatusCode::CREATED,
    )
    .await;
    add(
        &app,
        &owner.access_token,
        "/api/v1/contacts",
        json!({"name": "The owner's"}),
    )
    .await;
    let rows = csv_rows(app.get("/api/v1/contacts/export", m).await).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][column(&rows, "ID")], mine.id.to_string());
    problem(
        app.get("/api/v1/deals/export", m).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;

    let other = app.register("Other Co").await;
    let theirs = csv_rows(app.get("/api/v1/contacts/export", &other.access_token).await).await;
    assert_eq!(theirs.len(), 1, "another company sees only the header");
}
