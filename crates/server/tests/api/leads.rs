use reqwest::StatusCode;
use serde_json::json;
use voronka_types::audit::AuditEntry;
use voronka_types::leads::{BulkResult, ConvertedLead, Handler, Lead, Temperature};
use voronka_types::pipelines::{Board, PipelineKind, StageChange, StageKind};
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::helpers::*;

#[tokio::test]
async fn a_lead_with_a_new_phone_creates_its_contact_in_the_first_stage_of_the_default_pipeline() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let lead = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Иван", "phones": ["8 (916) 123-45-67"]}, "source": "whatsapp",
               "message": "Сколько стоит 40 м²?", "amount": "150000.50", "city": "Казань", "tags": ["Панели"],
               "score": 72, "temperature": "hot", "handled_by": "ai"}),
    )
    .await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    assert_eq!(lead.pipeline_id, pipeline.id);
    assert_eq!(lead.stage_id, stage(&pipeline, "new").id);
    assert_eq!(lead.name, "Иван");
    assert_eq!(lead.contact.phone.as_deref(), Some("8 (916) 123-45-67"));
    assert_eq!(lead.contact.phone_e164.as_deref(), Some("+79161234567"));
    assert_eq!(lead.owner_id, Some(owner.user.id));
    assert!(!lead.repeat);
    assert_eq!(
        lead.amount.as_ref().map(|m| (m.amount.as_str(), m.currency.as_str())),
        Some(("150000.50", "RUB"))
    );
    assert_eq!(
        (lead.score, lead.temperature, lead.handled_by),
        (72, Some(Temperature::Hot), Handler::Ai)
    );
    assert_eq!(
        lead.awaiting_reply_since, lead.last_inbound_at,
        "the reply timer runs from the message"
    );
    assert!(lead.last_inbound_at.is_some());
    let history: Vec<StageChange> = ok_json(
        app.get(&format!("/api/v1/leads/{}/stage-history", lead.id), token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].from_stage_id, None);
    let read: Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read, lead);
}

#[tokio::test]
async fn a_lead_whose_phone_or_email_matches_a_contact_is_a_repeat_request_of_that_contact() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let first = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Иван", "phones": ["+7 916 123 45 67"]}}),
    )
    .await;
    let again = add_lead(
        &app,
        token,
        json!({"contact": {"phones": ["89161234567"]}, "message": "Это снова я"}),
    )
    .await;
    assert_eq!(again.contact.id, first.contact.id, "no second contact");
    assert!(again.repeat);
    assert_eq!(again.name, "Иван");
    let by_mail = add_lead(&app, token, json!({"contact": {"name": "Ivan", "emails": ["x@y.ru"]}})).await;
    let mail_again = add_lead(&app, token, json!({"contact": {"emails": ["X@Y.RU"]}})).await;
    assert_eq!(mail_again.contact.id, by_mail.contact.id);
    let contacts: Page<voronka_types::contacts::Contact> =
        ok_json(app.get("/api/v1/contacts", token).await, StatusCode::OK).await;
    assert_eq!(contacts.total, 2);
    let repeats: Page<Lead> = ok_json(app.get("/api/v1/leads?repeat=true", token).await, StatusCode::OK).await;
    assert_eq!(repeats.total, 2);
}

#[tokio::test]
async fn moving_a_lead_keeps_its_stage_history_and_its_place_in_the_column() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let new = stage(&pipeline, "new");
    let call = stage(&pipeline, "wants_call");
    let a = add_lead(&app, token, json!({"contact": {"name": "A"}, "amount": "10"})).await;
    let b = add_lead(&app, token, json!({"contact": {"name": "B"}, "amount": "20.5"})).await;
    let c = add_lead(
        &app,
        token,
        json!({"contact": {"name": "C"}, "amount": "5", "currency": "EUR"}),
    )
    .await;
    let board: Board<Lead> = ok_json(app.get("/api/v1/leads/board", token).await, StatusCode::OK).await;
    let column = &board.columns[0];
    assert_eq!(column.stage.id, new.id);
    let names: Vec<&str> = column.cards.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["C", "B", "A"], "new leads come on top");
    assert_eq!(column.count, 3);
    let sums: Vec<(&str, &str)> = column
        .sums
        .iter()
        .map(|m| (m.currency.as_str(), m.amount.as_str()))
        .collect();
    assert_eq!(sums, [("EUR", "5.00"), ("USD", "30.50")]);

    let _: Lead = ok_json(
        app.patch(&format!("/api/v1/leads/{}", c.id), token, &json!({"after_id": a.id}))
            .await,
        StatusCode::OK,
    )
    .await;
    let _: Lead = ok_json(
        app.patch(&format!("/api/v1/leads/{}", a.id), token, &json!({"after_id": null}))
            .await,
        StatusCode::OK,
    )
    .await;
    let board: Board<Lead> = ok_json(app.get("/api/v1/leads/board?per_stage=2", token).await, StatusCode::OK).await;
    let names: Vec<&str> = board.columns[0].cards.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["A", "B"], "manual order is kept");
    let cursor = board.columns[0].next_cursor.clone().expect("more cards");
    let rest: Page<Lead> = ok_json(
        app.get(
            &format!("/api/v1/leads?stage_id={}&sort=position&cursor={cursor}", new.id),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rest.items.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["C"]);

    let moved: Lead = ok_json(
        app.patch(&format!("/api/v1/leads/{}", b.id), token, &json!({"stage_id": call.id}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.stage_id, call.id);
    assert!(moved.stage_changed_at > b.stage_changed_at);
    let history: Vec<StageChange> = ok_json(
        app.get(&format!("/api/v1/leads/{}/stage-history", b.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[1].from_stage_id, history[1].to_stage_id),
        (Some(new.id), call.id)
    );
    assert_eq!(history[1].actor_id, Some(owner.user.id));

    let elsewhere = app
        .patch(&format!("/api/v1/leads/{}", a.id), token, &json!({"after_id": b.id}))
        .await;
    names_field(
        &problem(elsewhere, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "after_id",
    );
}

#[tokio::test]
async fn lead_lists_filter_search_sort_and_page_without_gaps() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let (manager, _) = app.user_with_role(token, Role::Manager).await;
    for (i, name) in ["Вера", "анна", "Борис", "Глеб", "Дина"].iter().enumerate() {
        let owner_id = if i % 2 == 0 { Some(manager.id) } else { None };
        add_lead(
            &app,
            token,
            json!({"contact": {"name": name, "phones": [format!("+7 916 000 00 0{i}")]}, "score": i * 20,
                   "source": if i < 2 { "website" } else { "telegram" }, "tags": if i == 3 { vec!["VIP"] } else { vec![] },
                   "temperature": if i == 4 { "cold" } else { "warm" }, "owner_id": owner_id}),
        )
        .await;
    }
    let get = |q: &str| {
        let app = &app;
        let path = format!("/api/v1/leads?{q}");
        async move { ok_json::<Page<Lead>>(app.get(&path, token).await, StatusCode::OK).await }
    };
    assert_eq!(get("source=website").await.total, 2);
    assert_eq!(get(&format!("owner_id={}", manager.id)).await.total, 3);
    assert_eq!(get("tag=vip").await.items[0].name, "Глеб");
    assert_eq!(get("temperature=cold").await.items[0].name, "Дина");
    assert_eq!(
        get(&format!("q={}", urlencode("8 916 000-00-02"))).await.items[0].name,
        "Борис"
    );
    assert_eq!(get(&format!("q={}", urlencode("АННА"))).await.items[0].name, "анна");
    let names = |page: Page<Lead>| page.items.into_iter().map(|l| l.name).collect::<Vec<_>>();
    assert_eq!(names(get("sort=name").await), ["анна", "Борис", "Вера", "Глеб", "Дина"]);
    assert_eq!(names(get("sort=score&direction=asc&limit=2").await), ["Вера", "анна"]);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("sort=score&limit=2&cursor={c}"),
            None => "sort=score&limit=2".into(),
        };
        let page = get(&q).await;
        assert_eq!(page.total, 5);
        seen.extend(page.items.iter().map(|l| l.score));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, [80, 60, 40, 20, 0], "every lead once, highest score first");

    let future = "2999-01-01T00:00:00Z";
    assert_eq!(get(&format!("created_from={}", urlencode(future))).await.total, 0);
    assert_eq!(get(&format!("created_to={}", urlencode(future))).await.total, 5);
}

#[tokio::test]
async fn bad_lead_input_is_named() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let deals = default_pipeline(&app, token, PipelineKind::Deal).await;
    let leads = default_pipeline(&app, token, PipelineKind::Lead).await;
    let cases = [
        (json!({}), "contact"),
        (json!({"contact": {}}), "contact"),
        (json!({"contact": {"phones": ["call me"]}}), "contact.phones[0]"),
        (json!({"contact": {"name": "A"}, "amount": "-5"}), "amount"),
        (json!({"contact": {"name": "A"}, "amount": "12,50"}), "amount"),
        (json!({"contact": {"name": "A"}, "amount": "1.005"}), "amount"),
        (json!({"contact": {"name": "A"}, "amount": 12.5}), "amount"),
        (
            json!({"contact": {"name": "A"}, "amount": "1", "currency": "XXQ"}),
            "currency",
        ),
        (json!({"contact": {"name": "A"}, "score": 101}), "score"),
        (
            json!({"contact": {"name": "A"}, "stage_id": deals.stages[0].id}),
            "pipeline_id",
        ),
        (
            json!({"contact": {"name": "A"}, "stage_id": uuid::Uuid::now_v7()}),
            "stage_id",
        ),
        (
            json!({"contact": {"name": "A"}, "pipeline_id": deals.id, "stage_id": leads.stages[0].id}),
            "pipeline_id",
        ),
        (
            json!({"contact": {"name": "A"}, "contact_id": uuid::Uuid::now_v7()}),
            "contact_id",
        ),
    ];
    for (body, field) in cases {
        let response = app.post("/api/v1/leads", Some(token), &body).await;
        let p = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        names_field(&p, field);
    }
    let tampered = app.get("/api/v1/leads?cursor=bm90LWEtY3Vyc29y", token).await;
    names_field(
        &problem(tampered, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );
    for i in 0..3 {
        add_lead(&app, token, json!({"contact": {"name": format!("L{i}")}})).await;
    }
    let page: Page<Lead> = ok_json(app.get("/api/v1/leads?limit=1&sort=score", token).await, StatusCode::OK).await;
    let other_sort = app
        .get(
            &format!("/api/v1/leads?sort=name&cursor={}", page.next_cursor.unwrap()),
            token,
        )
        .await;
    names_field(
        &problem(other_sort, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );
    let bad_sort = app.get("/api/v1/leads?sort=shoe_size", token).await;
    names_field(
        &problem(bad_sort, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "sort",
    );
}

#[tokio::test]
async fn managers_see_and_change_only_their_own_leads() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    let theirs = add_lead(&app, &owner.access_token, json!({"contact": {"name": "Owner's"}})).await;
    let mine = add_lead(&app, &manager.access_token, json!({"contact": {"name": "Mine"}})).await;
    assert_eq!(mine.owner_id, Some(manager_user.id));
    let page: Page<Lead> = ok_json(app.get("/api/v1/leads", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(page.items.iter().map(|l| l.id).collect::<Vec<_>>(), [mine.id]);
    let hidden = app
        .get(&format!("/api/v1/leads/{}", theirs.id), &manager.access_token)
        .await;
    problem(hidden, StatusCode::NOT_FOUND, "not_found").await;
    let reassign = app
        .patch(
            &format!("/api/v1/leads/{}", mine.id),
            &manager.access_token,
            &json!({"owner_id": owner.user.id}),
        )
        .await;
    names_field(
        &problem(reassign, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "owner_id",
    );
    let delete = app
        .delete(&format!("/api/v1/leads/{}", mine.id), &manager.access_token)
        .await;
    problem(delete, StatusCode::FORBIDDEN, "permission_denied").await;
    let create = app
        .post(
            "/api/v1/leads",
            Some(&guest.access_token),
            &json!({"contact": {"name": "G"}}),
        )
        .await;
    problem(create, StatusCode::FORBIDDEN, "permission_denied").await;
    let board: Board<Lead> = ok_json(
        app.get("/api/v1/leads/board", &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        board.columns.iter().map(|c| c.count).sum::<u64>(),
        1,
        "the board is scoped too"
    );
}

#[tokio::test]
async fn another_companys_lead_is_not_found_anywhere() {
    let app = spawn_app().await;
    let acme = app.register("Acme").await;
    let other = app.register("Other").await;
    let lead = add_lead(&app, &acme.access_token, json!({"contact": {"name": "Secret"}})).await;
    let token = &other.access_token;
    let path = format!("/api/v1/leads/{}", lead.id);
    problem(app.get(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.patch(&path, token, &json!({"name": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(app.delete(&path, token).await, StatusCode::NOT_FOUND, "not_found").await;
    problem(
        app.get(&format!("{path}/stage-history"), token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.post(&format!("{path}/convert"), Some(token), &json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let bulk: BulkResult = ok_json(
        app.post(
            "/api/v1/leads/bulk",
            Some(token),
            &json!({"ids": [lead.id], "action": "delete"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(bulk.affected, 0);
    let foreign_contact = app
        .post("/api/v1/leads", Some(token), &json!({"contact_id": lead.contact.id}))
        .await;
    names_field(
        &problem(foreign_contact, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "contact_id",
    );
}

#[tokio::test]
async fn converting_a_lead_makes_a_deal_and_wins_the_lead_once() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let lead = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Иван"}, "amount": "99000", "tags": ["Панели"]}),
    )
    .await;
    let converted: ConvertedLead = ok_json(
        app.post(
            &format!("/api/v1/leads/{}/convert", lead.id),
            Some(token),
            &json!({"expected_close_date": "2026-12-31"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    assert_eq!(converted.lead.stage_id, stage(&pipeline, "won").id);
    assert_eq!(converted.lead.deal_id, Some(converted.deal.id));
    let deal = &converted.deal;
    assert_eq!(
        (
            deal.title.as_str(),
            deal.amount.amount.as_str(),
            deal.amount.currency.as_str()
        ),
        ("Иван", "99000.00", "RUB")
    );
    assert_eq!(deal.contact_id, Some(lead.contact.id));
    assert_eq!(deal.lead_id, Some(lead.id));
    assert_eq!(deal.status, StageKind::Open);
    assert_eq!(deal.tags, ["Панели"]);
    let again = app
        .post(&format!("/api/v1/leads/{}/convert", lead.id), Some(token), &json!({}))
        .await;
    problem(again, StatusCode::CONFLICT, "already_converted").await;
    let (_, guest) = app.user_with_role(token, Role::Guest).await;
    let other = add_lead(&app, token, json!({"contact": {"name": "Пётр"}})).await;
    let denied = app
        .post(
            &format!("/api/v1/leads/{}/convert", other.id),
            Some(&guest.access_token),
            &json!({}),
        )
        .await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn bulk_operations_assign_move_tag_and_delete_a_selection_in_one_audited_step() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let (manager_user, manager) = app.user_with_role(token, Role::Manager).await;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let source = if i < 3 { "website" } else { "telegram" };
        ids.push(
            add_lead(
                &app,
                token,
                json!({"contact": {"name": format!("L{i}")}, "source": source, "tags": ["old"]}),
            )
            .await
            .id,
        );
    }
    let bulk = |body: serde_json::Value| {
        let app = &app;
        async move { app.post("/api/v1/leads/bulk", Some(token), &body).await }
    };
    let assigned: BulkResult = ok_json(
        bulk(json!({"ids": [ids[0], ids[1]], "action": "assign", "owner_id": manager_user.id})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(assigned.affected, 2);
    let mine: Page<Lead> = ok_json(app.get("/api/v1/leads", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(mine.total, 2);

    let call = stage(&pipeline, "wants_call");
    let moved: BulkResult = ok_json(
        bulk(json!({"filter": {"source": "website"}, "action": "move", "stage_id": call.id})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.affected, 3);
    let in_call: Page<Lead> = ok_json(
        app.get(&format!("/api/v1/leads?stage_id={}", call.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(in_call.total, 3);
    let history: Vec<StageChange> = ok_json(
        app.get(&format!("/api/v1/leads/{}/stage-history", ids[0]), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history.last().map(|h| h.to_stage_id), Some(call.id));

    let tagged: BulkResult = ok_json(
        bulk(json!({"ids": ids, "action": "tag", "add": ["Hot deal"], "remove": ["OLD"]})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tagged.affected, 4);
    let hot: Page<Lead> = ok_json(app.get("/api/v1/leads?tag=hot%20deal", token).await, StatusCode::OK).await;
    assert_eq!(hot.total, 4);
    assert!(hot.items.iter().all(|l| l.tags == ["Hot deal"]));

    let both = bulk(json!({"ids": ids, "filter": {}, "action": "delete"})).await;
    names_field(
        &problem(both, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "ids",
    );
    let by_manager = app
        .post(
            "/api/v1/leads/bulk",
            Some(&manager.access_token),
            &json!({"ids": [ids[0]], "action": "assign", "owner_id": null}),
        )
        .await;
    names_field(
        &problem(by_manager, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "owner_id",
    );
    let manager_delete = app
        .post(
            "/api/v1/leads/bulk",
            Some(&manager.access_token),
            &json!({"ids": [ids[0]], "action": "delete"}),
        )
        .await;
    problem(manager_delete, StatusCode::FORBIDDEN, "permission_denied").await;

    let deleted: BulkResult = ok_json(
        bulk(json!({"filter": {"source": "telegram"}, "action": "delete"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deleted.affected, 1);
    let left: Page<Lead> = ok_json(app.get("/api/v1/leads", token).await, StatusCode::OK).await;
    assert_eq!(left.total, 3);

    let audit: Page<AuditEntry> = ok_json(
        app.get("/api/v1/audit-log?entity_type=lead", token).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = audit.items.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "lead.bulk_assigned",
        "lead.bulk_moved",
        "lead.bulk_tagged",
        "lead.bulk_deleted",
    ] {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
}

#[tokio::test]
async fn leads_and_deals_carry_custom_fields_that_are_checked_filtered_and_merged() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    crate::custom_fields::define(
        &app,
        token,
        json!({"entity": "lead", "label": "Area", "kind": "select", "options": ["Roof", "Wall"]}),
    )
    .await;
    crate::custom_fields::define(
        &app,
        token,
        json!({"entity": "lead", "label": "Square metres", "kind": "number"}),
    )
    .await;
    crate::custom_fields::define(
        &app,
        token,
        json!({"entity": "deal", "label": "Install date", "kind": "date"}),
    )
    .await;
    let roof = add_lead(
        &app,
        token,
        json!({"contact": {"name": "A"}, "custom_fields": {"area": "Roof", "square_metres": "40.5"}}),
    )
    .await;
    add_lead(
        &app,
        token,
        json!({"contact": {"name": "B"}, "custom_fields": {"area": "Wall", "square_metres": 12}}),
    )
    .await;
    assert_eq!(roof.custom_fields["area"], "Roof");
    assert_eq!(roof.custom_fields["square_metres"], "40.5");

    let wrong = app
        .post(
            "/api/v1/leads",
            Some(token),
            &json!({"contact": {"name": "C"}, "custom_fields": {"area": "Floor"}}),
        )
        .await;
    names_field(
        &problem(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "custom_fields.area",
    );
    let deal_field_on_lead = app
        .post(
            "/api/v1/leads",
            Some(token),
            &json!({"contact": {"name": "C"}, "custom_fields": {"install_date": "2026-12-01"}}),
        )
        .await;
    names_field(
        &problem(
            deal_field_on_lead,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await,
        "custom_fields.install_date",
    );

    let roofs: Page<Lead> = ok_json(app.get("/api/v1/leads?cf%5Barea%5D=roof", token).await, StatusCode::OK).await;
    assert_eq!(roofs.items.iter().map(|l| l.id).collect::<Vec<_>>(), [roof.id]);
    let big: Page<Lead> = ok_json(
        app.get("/api/v1/leads?cf_from%5Bsquare_metres%5D=20", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(big.total, 1);
    let board: Board<Lead> = ok_json(
        app.get("/api/v1/leads/board?cf%5Barea%5D=Wall", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(board.columns[0].count, 1);
    let unknown = app.get("/api/v1/leads?cf%5Bcolour%5D=red", token).await;
    names_field(
        &problem(unknown, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cf[colour]",
    );

    let changed: Lead = ok_json(
        app.patch(
            &format!("/api/v1/leads/{}", roof.id),
            token,
            &json!({"custom_fields": {"square_metres": null}}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        changed.custom_fields.get("area").and_then(|v| v.as_str()),
        Some("Roof"),
        "absent keys stay"
    );
    assert!(!changed.custom_fields.contains_key("square_metres"), "null clears");

    let deal = add_deal(
        &app,
        token,
        json!({"title": "Roof job", "custom_fields": {"install_date": "2026-12-01"}}),
    )
    .await;
    assert_eq!(deal.custom_fields["install_date"], "2026-12-01");
    let bad = app
        .post(
            "/api/v1/deals",
            Some(token),
            &json!({"title": "X", "custom_fields": {"install_date": "tomorrow"}}),
        )
        .await;
    names_field(
        &problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "custom_fields.install_date",
    );
    let december: Page<voronka_types::deals::Deal> = ok_json(
        app.get("/api/v1/deals?cf_to%5Binstall_date%5D=2026-12-31", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(december.total, 1);
}

#[tokio::test]
async fn a_repeat_request_notifies_the_contacts_responsible_manager() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let first = add_lead(
        &app,
        &manager.access_token,
        json!({"contact": {"name": "Anna", "phones": ["+44 20 7946 0958"]}}),
    )
    .await;
    assert_eq!(first.owner_id, Some(manager_user.id));
    let again = add_lead(
        &app,
        &owner.access_token,
        json!({"contact": {"phones": ["+442079460958"]}, "message": "Still interested"}),
    )
    .await;
    assert!(again.repeat);
    let inbox: Page<voronka_types::notifications::Notification> = ok_json(
        app.get("/api/v1/notifications", &manager.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(inbox.total, 1);
    let note = &inbox.items[0];
    assert_eq!(
        (note.kind.as_str(), note.entity_type.as_str()),
        ("lead.repeat_request", "lead")
    );
    assert_eq!(note.entity_id, Some(again.id.0));
    assert_eq!(note.body, "Still interested");
    let own: Page<voronka_types::notifications::Notification> = ok_json(
        app.get("/api/v1/notifications", &owner.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(own.total, 0, "whoever entered it is not told about it");
}

#[tokio::test]
async fn tasks_link_to_leads_and_deals_the_caller_can_see() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let lead = add_lead(&app, token, json!({"contact": {"name": "Anna"}})).await;
    let deal = add_deal(&app, token, json!({"title": "Roof"})).await;
    let task: voronka_types::tasks::Task = ok_json(
        app.post(
            "/api/v1/tasks",
            Some(token),
            &json!({"title": "Call back", "lead_id": lead.id, "deal_id": deal.id}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!((task.lead_id, task.deal_id), (Some(lead.id), Some(deal.id)));
    let for_lead: Page<voronka_types::tasks::Task> = ok_json(
        app.get(&format!("/api/v1/tasks?lead_id={}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(for_lead.total, 1);

    let other = app.register("Other").await;
    let foreign = app
        .post(
            "/api/v1/tasks",
            Some(&other.access_token),
            &json!({"title": "Spy", "lead_id": lead.id}),
        )
        .await;
    names_field(
        &problem(foreign, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "lead_id",
    );
    let foreign_deal = app
        .patch(
            &format!("/api/v1/tasks/{}", task.id),
            token,
            &json!({"deal_id": uuid::Uuid::now_v7()}),
        )
        .await;
    names_field(
        &problem(foreign_deal, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "deal_id",
    );

    assert_eq!(
        app.delete(&format!("/api/v1/leads/{}", lead.id), token).await.status(),
        StatusCode::NO_CONTENT
    );
    let kept: voronka_types::tasks::Task = ok_json(
        app.get(&format!("/api/v1/tasks/{}", task.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (kept.lead_id, kept.deal_id),
        (None, Some(deal.id)),
        "the task stays, the link to the deleted lead goes"
    );
}

#[tokio::test]
async fn leads_created_at_the_same_moment_all_land() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let requests = (0..8).map(|i| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/leads",
                Some(token),
                &json!({"contact": {"name": format!("Rush {i}"), "phones": [format!("+1 212 555 01{i:02}")]}}),
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    let page: Page<Lead> = ok_json(app.get("/api/v1/leads", token).await, StatusCode::OK).await;
    assert_eq!(page.total, 8);
}
