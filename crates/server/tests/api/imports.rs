//! Importing contacts and leads from CSV and XLSX files.

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use voronka_types::contacts::{Contact, Source};
use voronka_types::imports::{Import, ImportReport, ImportStatus};
use voronka_types::leads::Lead;
use voronka_types::{Page, Role};

use crate::custom_fields::define;
use crate::helpers::*;

/// Sends `content` as the part `file` (named `file_name`) with `mapping`, as a browser would.
pub async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    file_name: &str,
    content: &[u8],
    mapping: &Value,
) -> Response {
    let boundary = "voronka-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{mapping}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.request(Method::POST, path, Some(token))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

/// An XLSX workbook whose first sheet holds `rows` as text cells.
pub fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

async fn all_contacts(app: &TestApp, token: &str) -> Vec<Contact> {
    let page: Page<Contact> = ok_json(app.get("/api/v1/contacts?limit=200", token).await, StatusCode::OK).await;
    page.items
}

async fn report(response: Response) -> ImportReport {
    ok_json(response, StatusCode::OK).await
}

const CONTACT_MAPPING: &str = r#"{"Имя": "name", "Телефон": "phone", "Почта": "email", "Бюджет": "cf.budget"}"#;

fn contact_mapping() -> Value {
    serde_json::from_str(CONTACT_MAPPING).unwrap()
}

#[tokio::test]
async fn a_csv_of_contacts_lands_its_good_rows_and_names_the_row_column_and_reason_of_the_bad_ones() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    define(
        &app,
        t,
        json!({"entity": "contact", "label": "Budget", "key": "budget", "kind": "number"}),
    )
    .await;
    let csv = "\u{feff}Имя;Телефон;Почта;Бюджет\n\
               Анна Петрова;8 (916) 123-45-67;Anna@Mail.ru;150000,50\n\
               ;8 495 111 22 33;;\n\
               Борис;позвони мне;boris@example.com;10\n\
               Вера;+7 903 000-00-01, +7 903 000-00-02;vera@example.com;много\n\
               Глеб;+7 903 000-00-03;gleb@example.com;\n";
    let report = report(
        upload(
            &app,
            t,
            "/api/v1/contacts/import",
            "база.csv",
            csv.as_bytes(),
            &contact_mapping(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (
            report.total_rows,
            report.created,
            report.updated,
            report.duplicate,
            report.failed
        ),
        (5, 2, 0, 0, 3)
    );
    assert!(!report.dry_run);
    let reasons: Vec<(u64, Option<&str>, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.field.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (3, Some("Имя"), "name"),
            (4, Some("Телефон"), "phones[0]"),
            (5, Some("Бюджет"), "custom_fields.budget"),
        ]
    );
    let contacts = all_contacts(&app, t).await;
    let anna = contacts.iter().find(|c| c.name == "Анна Петрова").expect("Anna landed");
    assert_eq!(anna.phones[0].e164, "+79161234567");
    assert_eq!(anna.emails, vec!["anna@mail.ru"]);
    assert_eq!(anna.custom_fields["budget"], json!("150000.50"));
    assert_eq!(anna.source, Source::Import);
    assert_eq!(
        anna.owner_id,
        Some(owner.user.id),
        "the importer is the responsible manager"
    );
    assert_eq!(contacts.len(), 2, "no half-imported row is left behind");
}

#[tokio::test]
async fn a_dry_run_counts_what_would_happen_including_repeats_within_the_file_and_writes_nothing() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let csv = "Имя,Телефон\nАнна,+7 916 123-45-67\nАнна снова,8 916 123 45 67\nБорис,bad\n";
    let mapping = json!({"Имя": "name", "Телефон": "phone"});
    let report = report(
        upload(
            &app,
            t,
            "/api/v1/contacts/import?dry_run=true",
            "a.csv",
            csv.as_bytes(),
            &mapping,
        )
        .await,
    )
    .await;
    assert!(report.dry_run);
    assert_eq!((report.created, report.duplicate, report.failed), (1, 1, 1));
    assert!(all_contacts(&app, t).await.is_empty(), "a dry run writes nothing");
    let audit: Value = ok_json(
        app.get("/api/v1/audit-log?action=contact.created", t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(audit["total"], json!(0), "nor audits anything");
}

#[tokio::test]
async fn a_contact_row_matching_an_existing_phone_in_another_format_is_a_duplicate_or_fills_in_what_is_new() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let existing: Contact = ok_json(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({"name": "Анна", "phones": ["+7 916 123-45-67"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let file = xlsx(&[
        &["Имя", "Телефон", "Почта", "Метки"],
        &["Анна П.", "8 (916) 123-45-67", "", ""],
        &["Анна", "89161234567", "anna@mail.ru", "VIP; Ремонт"],
        &["Новый", "+7 495 765-43-21", "", ""],
    ]);
    let mapping = json!({"Имя": "name", "Телефон": "phone", "Почта": "email", "Метки": "tags"});
    let report = report(upload(&app, t, "/api/v1/contacts/import", "база.xlsx", &file, &mapping).await).await;
    assert_eq!(
        (report.created, report.updated, report.duplicate, report.failed),
        (1, 1, 1, 0),
        "{report:?}"
    );
    let contacts = all_contacts(&app, t).await;
    assert_eq!(contacts.len(), 2, "no second Анна");
    let anna = contacts.iter().find(|c| c.id == existing.id).unwrap();
    assert_eq!(anna.name, "Анна", "the existing name stays");
    assert_eq!(anna.emails, vec!["anna@mail.ru"]);
    assert_eq!(anna.tags, vec!["VIP", "Ремонт"]);
    assert_eq!(anna.phones.len(), 1);
}

#[tokio::test]
async fn leads_from_xlsx_land_in_the_named_stage_and_a_known_phone_is_a_repeat_request_of_that_contact() {
    let app = spawn_app().await;
    let owner = app.register("Lead Import Co").await;
    let t = owner.access_token.as_str();
    define(&app, t, json!({"entity": "lead", "label": "Area", "kind": "number"})).await;
    let known: Contact = ok_json(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({"name": "Anna", "phones": ["+1 212 555 0100"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let file = xlsx(&[
        &["Name", "Phone", "Stage", "Budget", "Area"],
        &["Anna again", "+1 (212) 555-0100", "wants a call", "1500.50", "120"],
        &["Boris", "+1 212 555 0111", "", "", ""],
        &["Clara", "+1 212 555 0122", "Nowhere", "", ""],
        &["", "", "", "100", ""],
    ]);
    let mapping = json!({"Name": "name", "Phone": "phone", "Stage": "stage", "Budget": "amount", "Area": "cf.area"});
    let report = report(upload(&app, t, "/api/v1/leads/import", "leads.xlsx", &file, &mapping).await).await;
    assert_eq!(
        (report.created, report.duplicate, report.failed),
        (1, 1, 2),
        "{report:?}"
    );
    assert_eq!(report.errors[0].row, 4);
    assert_eq!(report.errors[0].column.as_deref(), Some("Stage"));
    assert_eq!(report.errors[1].row, 5);
    assert_eq!(report.errors[1].field, "contact");
    let leads: Page<Lead> = ok_json(app.get("/api/v1/leads?sort=name", t).await, StatusCode::OK).await;
    assert_eq!(leads.total, 2);
    let repeat = leads.items.iter().find(|l| l.repeat).expect("a repeat request");
    assert_eq!(repeat.contact.id, known.id, "linked to the contact the phone matched");
    assert_eq!(repeat.amount.as_ref().map(|m| m.amount.as_str()), Some("1500.50"));
    assert_eq!(repeat.custom_fields["area"], json!("120"));
    assert_eq!(repeat.source, Source::Import);
    let contacts = all_contacts(&app, t).await;
    assert_eq!(contacts.len(), 2, "Anna and Boris, no second Anna");
}

#[tokio::test]
async fn a_broken_file_or_mapping_answers_422_naming_the_file_row_or_column_and_nothing_lands() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let mapping = json!({"Имя": "name", "Телефон": "phone"});
    let mut cp1251 = "Имя;Телефон\n".as_bytes().to_vec();
    cp1251.extend_from_slice(b"\xc0\xed\xed\xe0;+7 916 123-45-67\n");
    let cases: Vec<(&str, Vec<u8>, Value, &str)> = vec![
        ("a.csv", cp1251, mapping.clone(), "file"),
        (
            "a.csv",
            "Имя;Телефон\nАнна;+7 916 123-45-67\nБорис\n".as_bytes().to_vec(),
            mapping.clone(),
            "rows[3]",
        ),
        ("a.xlsx", b"not a workbook at all".to_vec(), mapping.clone(), "file"),
        (
            "a.csv",
            "Имя;Телефон\nАнна;1\n".as_bytes().to_vec(),
            json!({"Имя": "name", "Телефон": "fax"}),
            "mapping.Телефон",
        ),
        (
            "a.csv",
            "Имя;Телефон\nАнна;1\n".as_bytes().to_vec(),
            json!({"Имя": "name", "Город": "city"}),
            "mapping.Город",
        ),
        (
            "a.csv",
            "Имя;Телефон\nАнна;1\n".as_bytes().to_vec(),
            json!({"Имя": "name", "Телефон": "cf.nope"}),
            "mapping.Телефон",
        ),
    ];
    for (name, content, mapping, field) in cases {
        let p = problem(
            upload(&app, t, "/api/v1/contacts/import", name, &content, &mapping).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let bare = app
        .request(Method::POST, "/api/v1/contacts/import", Some(t))
        .header("content-type", "multipart/form-data; boundary=x")
        .body("--x\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{\"a\":\"name\"}\r\n--x--\r\n")
        .send()
        .await
        .unwrap();
    names_field(
        &problem(bare, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "file",
    );
    let json_body = app
        .post("/api/v1/contacts/import", Some(t), &json!({"file": "x"}))
        .await;
    problem(json_body, StatusCode::BAD_REQUEST, "malformed_multipart").await;
    assert!(all_contacts(&app, t).await.is_empty());
}

#[tokio::test]
async fn importing_needs_the_import_export_permission_and_the_write_permission_of_what_is_imported() {
    let app = spawn_app().await;
    let owner = app.register("Perm Co").await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    let csv = b"name\nAnna\n";
    for token in [&manager.access_token, &guest.access_token] {
        for path in ["/api/v1/contacts/import", "/api/v1/leads/import"] {
            let response = upload(&app, token, path, "a.csv", csv, &json!({"name": "name"})).await;
            problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
        }
        problem(
            app.get("/api/v1/imports", token).await,
            StatusCode::FORBIDDEN,
            "permission_denied",
        )
        .await;
    }
}

#[tokio::test]
async fn a_large_file_imports_in_the_background_chunk_by_chunk_with_progress_and_final_counts() {
    let app = spawn_app_with(|c| {
        c.import_sync_max_rows = 3;
        c.import_chunk_rows = 2;
        c.import_chunks_per_job = 1;
    })
    .await;
    let owner = app.register_russian().await;
    let t = owner.access_token.as_str();
    let mut csv = String::from("Имя;Телефон\n");
    for i in 0..6 {
        csv.push_str(&format!("Клиент {i};+7 916 000-00-1{i}\n"));
    }
    csv.push_str("Без телефона;не номер\n");
    let response = upload(
        &app,
        t,
        "/api/v1/contacts/import",
        "big.csv",
        csv.as_bytes(),
        &json!({"Имя": "name", "Телефон": "phone"}),
    )
    .await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let queued: Import = ok_json(response, StatusCode::ACCEPTED).await;
    assert_eq!(location, format!("/api/v1/imports/{}", queued.id));
    assert_eq!(
        (queued.status, queued.processed_rows, queued.report.total_rows),
        (ImportStatus::Queued, 0, 7)
    );
    assert!(
        all_contacts(&app, t).await.is_empty(),
        "nothing lands before the worker runs"
    );

    assert_eq!(voronka_server::jobs::run_due(&app.state).await, 1);
    let running: Import = ok_json(app.get(&location, t).await, StatusCode::OK).await;
    assert_eq!(
        (running.status, running.processed_rows, running.report.created),
        (ImportStatus::Running, 2, 2)
    );
    assert_eq!(all_contacts(&app, t).await.len(), 2, "the first chunk has landed");

    app.run_jobs().await;
    let done: Import = ok_json(app.get(&location, t).await, StatusCode::OK).await;
    assert_eq!(done.status, ImportStatus::Done);
    assert_eq!(
        (done.processed_rows, done.report.created, done.report.failed),
        (7, 6, 1)
    );
    assert_eq!(
        (done.report.errors[0].row, done.report.errors[0].column.as_deref()),
        (8, Some("Телефон"))
    );
    assert!(done.finished_at.is_some());
    assert_eq!(all_contacts(&app, t).await.len(), 6, "every row landed once");
    assert_eq!(app.run_jobs().await, 0, "nothing is left to do");

    let listed: Page<Import> = ok_json(app.get("/api/v1/imports", t).await, StatusCode::OK).await;
    assert_eq!(listed.items.iter().map(|i| i.id).collect::<Vec<_>>(), vec![done.id]);
    let other = app.register("Other Co").await;
    problem(
        app.get(&location, &other.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let empty: Page<Import> = ok_json(app.get("/api/v1/imports", &other.access_token).await, StatusCode::OK).await;
    assert!(empty.items.is_empty());
}

#[tokio::test]
async fn a_background_import_run_again_resumes_after_the_last_committed_chunk_so_every_row_lands_once() {
    let app = spawn_app_with(|c| {
        c.import_sync_max_rows = 2;
        c.import_chunk_rows = 2;
        c.import_chunks_per_job = 1;
    })
    .await;
    let owner = app.register("Resume Co").await;
    let t = owner.access_token.as_str();
    let csv: String = std::iter::once("name\n".to_owned())
        .chain((0..5).map(|i| format!("Client {i}\n")))
        .collect();
    let queued: Import = ok_json(
        upload(
            &app,
            t,
            "/api/v1/contacts/import",
            "c.csv",
            csv.as_bytes(),
            &json!({"name": "name"}),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    // The same job delivered twice (a worker whose lease ran out, then its successor).
    let job = voronka_server::jobs::Job {
        id: voronka_types::JobId::new(),
        kind: voronka_server::imports::job::JOB_KIND.into(),
        tenant: None,
        payload: json!({ "import_id": queued.id }),
        attempt: 1,
        run_at: chrono::Utc::now(),
        now: chrono::Utc::now(),
    };
    for processed in [2, 4] {
        voronka_server::imports::job::run(&app.state, &job).await.unwrap();
        let import: Import = ok_json(
            app.get(&format!("/api/v1/imports/{}", queued.id), t).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(import.processed_rows, processed);
    }
    app.run_jobs().await;
    let done: Import = ok_json(
        app.get(&format!("/api/v1/imports/{}", queued.id), t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (done.status, done.report.created, done.report.duplicate),
        (ImportStatus::Done, 5, 0)
    );
    assert_eq!(all_contacts(&app, t).await.len(), 5, "no row landed twice");
}

#[tokio::test]
async fn a_background_dry_run_reports_every_row_and_writes_nothing() {
    let app = spawn_app_with(|c| {
        c.import_sync_max_rows = 1;
        c.import_chunk_rows = 2;
    })
    .await;
    let owner = app.register("Dry Co").await;
    let t = owner.access_token.as_str();
    let csv = "name,email\nAnna,anna@example.com\nBoris,not-an-email\nClara,clara@example.com\n";
    let queued: Import = ok_json(
        upload(
            &app,
            t,
            "/api/v1/contacts/import?dry_run=true",
            "c.csv",
            csv.as_bytes(),
            &json!({"name": "name", "email": "email"}),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert!(queued.report.dry_run);
    app.run_jobs().await;
    let done: Import = ok_json(
        app.get(&format!("/api/v1/imports/{}", queued.id), t).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (done.status, done.report.created, done.report.failed),
        (ImportStatus::Done, 2, 1)
    );
    assert_eq!(done.report.errors[0].field, "emails[0]");
    assert!(all_contacts(&app, t).await.is_empty());
}
