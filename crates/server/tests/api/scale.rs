//! What the changes made for scale must not change. Boards without filters read their column
//! counts and amounts from the `stage_totals` roll-up kept by database triggers: after every
//! kind of change they must equal what a filtered board (which counts the records itself)
//! finds. Searches combine name and contact matches as a UNION: same results as before.

use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Page;
use voronka_types::Role;
use voronka_types::deals::Deal;
use voronka_types::leads::Lead;
use voronka_types::pipelines::{Board, Pipeline, PipelineKind};

use crate::crm::*;
use crate::helpers::*;

/// A filter that matches every record yet makes the board count instead of reading totals.
const COUNTED: &str = "created_from=2000-01-01T00:00:00Z";

type Totals = Vec<(String, u64, Vec<(String, String)>)>;

async fn totals(app: &TestApp, token: &str, path: &str) -> Totals {
    let board: Board<serde_json::Value> = ok_json(app.get(path, token).await, StatusCode::OK).await;
    board
        .columns
        .into_iter()
        .map(|c| {
            let sums = c.sums.into_iter().map(|m| (m.currency, m.amount)).collect();
            (c.stage.key.unwrap_or(c.stage.name), c.count, sums)
        })
        .collect()
}

/// The rolled-up totals of a board (of one owner's records when `query` says so), checked
/// against a fresh count.
async fn rolled_up_for(app: &TestApp, token: &str, records: &str, query: &str) -> Totals {
    let fast = totals(app, token, &format!("/api/v1/{records}/board?per_stage=1{query}")).await;
    let counted = totals(
        app,
        token,
        &format!("/api/v1/{records}/board?per_stage=1&{COUNTED}{query}"),
    )
    .await;
    assert_eq!(
        fast, counted,
        "the roll-up of {records}{query} agrees with a fresh count"
    );
    fast
}

async fn rolled_up(app: &TestApp, token: &str, records: &str) -> Totals {
    rolled_up_for(app, token, records, "").await
}

/// The total of a lead list filtered by stage and owner (the roll-up answers it) equals a
/// fresh count, for every stage of the pipeline and each of `owners`.
async fn list_totals_agree(app: &TestApp, token: &str, pipeline: &Pipeline, owners: &[String]) {
    let total = |query: String| async move {
        let page: Page<Lead> = ok_json(
            app.get(&format!("/api/v1/leads?limit=1{query}"), token).await,
            StatusCode::OK,
        )
        .await;
        page.total
    };
    for owner in owners {
        for stage in &pipeline.stages {
            let query = format!("&stage_id={}&owner_id={owner}", stage.id);
            assert_eq!(
                total(query.clone()).await,
                total(format!("{query}&{COUNTED}")).await,
                "{query}"
            );
        }
        let query = format!("&owner_id={owner}");
        assert_eq!(
            total(query.clone()).await,
            total(format!("{query}&{COUNTED}")).await,
            "{query}"
        );
    }
    assert_eq!(
        total(String::new()).await,
        total(format!("&{COUNTED}")).await,
        "all leads"
    );
}

fn column<'a>(totals: &'a Totals, key: &str) -> &'a (String, u64, Vec<(String, String)>) {
    totals.iter().find(|c| c.0 == key).expect("a column with the key")
}

#[tokio::test]
async fn lead_board_totals_stay_right_after_create_move_edit_bulk_move_convert_delete_and_stage_removal() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let (manager, _) = app.user_with_role(token, Role::Manager).await;
    let owners: Vec<String> = vec![owner.user.id.to_string(), manager.id.to_string()];
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let (call, won) = (stage(&pipeline, "wants_call"), stage(&pipeline, "won"));
    let mut leads: Vec<Lead> = Vec::new();
    for (name, amount, currency) in [
        ("Анна", Some("1000.50"), None),
        ("Борис", Some("250"), Some("USD")),
        ("Вера", None, None),
        ("Глеб", Some("99.50"), None),
    ] {
        leads.push(
            add_lead(
                &app,
                token,
                json!({"name": name, "contact": {"name": name}, "amount": amount, "currency": currency}),
            )
            .await,
        );
    }
    let after_create = rolled_up(&app, token, "leads").await;
    let expected_sums = vec![
        ("RUB".to_owned(), "1100.00".to_owned()),
        ("USD".to_owned(), "250.00".to_owned()),
    ];
    assert_eq!(column(&after_create, "new").1, 4);
    assert_eq!(column(&after_create, "new").2, expected_sums);

    let path = |lead: &Lead| format!("/api/v1/leads/{}", lead.id);
    let moved = app.patch(&path(&leads[0]), token, &json!({"stage_id": call.id})).await;
    assert_eq!(moved.status(), StatusCode::OK);
    let after_move = rolled_up(&app, token, "leads").await;
    assert_eq!(
        (column(&after_move, "new").1, column(&after_move, "wants_call").1),
        (3, 1)
    );

    let edited = app
        .patch(&path(&leads[3]), token, &json!({"amount": "10", "currency": "USD"}))
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let renamed = app
        .patch(&path(&leads[2]), token, &json!({"name": "Вера Павловна"}))
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let after_edit = rolled_up(&app, token, "leads").await;
    assert_eq!(
        column(&after_edit, "new").2,
        vec![("USD".to_owned(), "260.00".to_owned())]
    );

    let bulk = json!({"ids": [leads[1].id, leads[2].id], "action": "move", "stage_id": call.id});
    assert_eq!(
        app.post("/api/v1/leads/bulk", Some(token), &bulk).await.status(),
        StatusCode::OK
    );
    let after_bulk = rolled_up(&app, token, "leads").await;
    assert_eq!(column(&after_bulk, "wants_call").1, 3);
    list_totals_agree(&app, token, &pipeline, &owners).await;

    let convert = app
        .post(&format!("{}/convert", path(&leads[0])), Some(token), &json!({}))
        .await;
    assert_eq!(convert.status(), StatusCode::CREATED);
    let after_convert = rolled_up(&app, token, "leads").await;
    assert_eq!(column(&after_convert, "won").1, 1);
    assert_eq!(
        column(&after_convert, "won").2,
        vec![("RUB".to_owned(), "1000.50".to_owned())]
    );
    rolled_up(&app, token, "deals").await;

    let removed = app
        .delete(
            &format!(
                "/api/v1/pipelines/{}/stages/{}?move_to={}",
                pipeline.id, call.id, won.id
            ),
            token,
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let after_removal = rolled_up(&app, token, "leads").await;
    assert_eq!(column(&after_removal, "won").1, 3);
    assert!(after_removal.iter().all(|c| c.0 != "wants_call"));

    assert_eq!(
        app.delete(&path(&leads[3]), token).await.status(),
        StatusCode::NO_CONTENT
    );
    let bulk_delete = json!({"ids": [leads[1].id], "action": "delete"});
    assert_eq!(
        app.post("/api/v1/leads/bulk", Some(token), &bulk_delete).await.status(),
        StatusCode::OK
    );
    let after_delete = rolled_up(&app, token, "leads").await;
    assert_eq!(column(&after_delete, "new").1, 0);
    assert_eq!(column(&after_delete, "new").2, vec![]);
    assert_eq!(after_delete.iter().map(|c| c.1).sum::<u64>(), 2);

    let csv = "Name,Stage,Budget\nДина,won,300\nЕгор,new,\n".as_bytes();
    let mapping = json!({"Name": "name", "Stage": "stage", "Budget": "amount"});
    let imported = crate::imports::upload(&app, token, "/api/v1/leads/import", "leads.csv", csv, &mapping).await;
    assert_eq!(
        imported.status(),
        StatusCode::OK,
        "{}",
        imported.text().await.unwrap_or_default()
    );
    let after_import = rolled_up(&app, token, "leads").await;
    assert_eq!((column(&after_import, "won").1, column(&after_import, "new").1), (3, 1));
    assert_eq!(
        column(&after_import, "won").2,
        vec![("RUB".to_owned(), "1300.50".to_owned())]
    );
    let unassign = json!({"ids": [leads[0].id], "action": "assign", "owner_id": null});
    assert_eq!(
        app.post("/api/v1/leads/bulk", Some(token), &unassign).await.status(),
        StatusCode::OK
    );
    rolled_up_for(&app, token, "leads", &format!("&owner_id={}", owner.user.id)).await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    list_totals_agree(&app, token, &pipeline, &owners).await;
}

#[tokio::test]
async fn deal_board_totals_stay_right_after_create_move_and_delete() {
    let app = spawn_app().await;
    let owner = app.register("Totals Ltd").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Deal).await;
    let mut deals: Vec<Deal> = Vec::new();
    for (title, amount) in [("One", "100"), ("Two", "250.25"), ("Three", "0")] {
        deals.push(add_deal(&app, token, json!({"title": title, "amount": amount})).await);
    }
    let created = rolled_up(&app, token, "deals").await;
    assert_eq!(column(&created, "new").1, 3);
    assert_eq!(column(&created, "new").2, vec![("USD".to_owned(), "350.25".to_owned())]);
    let proposal = stage(&pipeline, "proposal");
    let moved = app
        .patch(
            &format!("/api/v1/deals/{}", deals[1].id),
            token,
            &json!({"stage_id": proposal.id, "amount": "300"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let after_move = rolled_up(&app, token, "deals").await;
    assert_eq!(
        column(&after_move, "proposal").2,
        vec![("USD".to_owned(), "300.00".to_owned())]
    );
    assert_eq!(
        app.delete(&format!("/api/v1/deals/{}", deals[0].id), token)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let after_delete = rolled_up(&app, token, "deals").await;
    assert_eq!(
        column(&after_delete, "new").2,
        vec![("USD".to_owned(), "0.00".to_owned())]
    );
}

#[tokio::test]
async fn a_manager_who_sees_only_their_own_leads_gets_their_own_counts_not_the_company_totals() {
    let app = spawn_app().await;
    let owner = app.register("Scoped Ltd").await;
    let (manager, session) = app.user_with_role(&owner.access_token, Role::Manager).await;
    add_lead(
        &app,
        &owner.access_token,
        json!({"contact": {"name": "Mine"}, "owner_id": manager.id, "amount": "5"}),
    )
    .await;
    add_lead(
        &app,
        &owner.access_token,
        json!({"contact": {"name": "Not mine"}, "amount": "7"}),
    )
    .await;
    let company = rolled_up(&app, &owner.access_token, "leads").await;
    assert_eq!(column(&company, "new").1, 2);
    let own = rolled_up(&app, &session.access_token, "leads").await;
    assert_eq!(column(&own, "new").1, 1);
    assert_eq!(column(&own, "new").2, vec![("USD".to_owned(), "5.00".to_owned())]);
    let filtered = rolled_up_for(&app, &owner.access_token, "leads", &format!("&owner_id={}", manager.id)).await;
    assert_eq!(column(&filtered, "new").1, 1);
    let someone_else = format!("&owner_id={}", owner.user.id);
    let nothing = rolled_up_for(&app, &session.access_token, "leads", &someone_else).await;
    assert_eq!(
        column(&nothing, "new").1,
        0,
        "a manager sees no one else's leads, even asking by owner"
    );
    let list: Page<Lead> = ok_json(
        app.get(
            &format!("/api/v1/leads?owner_id={}", owner.user.id),
            &session.access_token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.total, 0);
}

#[tokio::test]
async fn searching_leads_by_name_or_by_the_phone_of_their_contact_finds_each_once() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let by_phone = add_lead(
        &app,
        token,
        json!({"name": "Заказ окон", "contact": {"name": "Иван", "phones": ["+7 916 123-45-67"]}}),
    )
    .await;
    let by_name = add_lead(
        &app,
        token,
        json!({"name": "Звонок 8 916 123", "contact": {"name": "Пётр"}}),
    )
    .await;
    add_lead(
        &app,
        token,
        json!({"contact": {"name": "Другой", "phones": ["+7 903 000-00-00"]}}),
    )
    .await;
    let found: voronka_types::Page<Lead> = ok_json(
        app.get(&format!("/api/v1/leads?q={}", urlencode("8 916 123")), token)
            .await,
        StatusCode::OK,
    )
    .await;
    let mut ids: Vec<_> = found.items.iter().map(|l| l.id).collect();
    ids.sort();
    let mut expected = vec![by_phone.id, by_name.id];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(found.total, 2);
}
