use reqwest::StatusCode;
use serde_json::json;
use voronka_types::leads::Lead;
use voronka_types::pipelines::PipelineKind;
use voronka_types::timeline::{Message, Note, NoteKind, TimelineEvent, TimelineItem};
use voronka_types::{Page, Role};

use crate::crm::*;
use crate::helpers::*;

fn kinds(page: &Page<TimelineItem>) -> Vec<&'static str> {
    page.items
        .iter()
        .map(|i| match &i.event {
            TimelineEvent::Note { note } if note.kind == NoteKind::Call => "call",
            TimelineEvent::Note { .. } => "note",
            TimelineEvent::Message { .. } => "message",
            TimelineEvent::StageChange { .. } => "stage_change",
            TimelineEvent::FieldChange { .. } => "field_change",
            TimelineEvent::Task { .. } => "task",
        })
        .collect()
}

#[tokio::test]
async fn a_leads_timeline_tells_its_story_newest_first() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let pipeline = default_pipeline(&app, token, PipelineKind::Lead).await;
    let lead = add_lead(
        &app,
        token,
        json!({"contact": {"name": "Anna"}, "source": "whatsapp", "message": "Hi, price?"}),
    )
    .await;
    let note: Note = ok_json(
        app.post(
            "/api/v1/notes",
            Some(token),
            &json!({"lead_id": lead.id, "body": "Wants a discount"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!((note.kind, note.author_id), (NoteKind::Note, Some(owner.user.id)));
    let _: Note = ok_json(
        app.post(
            "/api/v1/notes",
            Some(token),
            &json!({"lead_id": lead.id, "call": {"direction": "outbound", "duration_secs": 95, "outcome": "answered"}}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let _: Lead = ok_json(
        app.patch(
            &format!("/api/v1/leads/{}", lead.id),
            token,
            &json!({"stage_id": stage(&pipeline, "wants_call").id, "city": "Omsk"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let _: serde_json::Value = ok_json(
        app.post(
            "/api/v1/tasks",
            Some(token),
            &json!({"title": "Send offer", "lead_id": lead.id}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let reply: Message = ok_json(
        app.post(
            &format!("/api/v1/leads/{}/messages", lead.id),
            Some(token),
            &json!({"direction": "outbound", "channel": "whatsapp", "body": "Sent you the prices"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(reply.author_id, Some(owner.user.id));

    let page: Page<TimelineItem> = ok_json(
        app.get(&format!("/api/v1/leads/{}/timeline", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    let found = kinds(&page);
    for kind in ["message", "note", "call", "stage_change", "field_change", "task"] {
        assert!(found.contains(&kind), "{kind} missing from {found:?}");
    }
    assert_eq!(found[0], "message", "newest first: {found:?}");
    assert!(page.items.windows(2).all(|w| w[0].at >= w[1].at));
    assert_eq!(
        found.iter().filter(|k| **k == "message").count(),
        2,
        "the first message is in the story too"
    );

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/leads/{}/timeline?limit=2&cursor={c}", lead.id),
            None => format!("/api/v1/leads/{}/timeline?limit=2", lead.id),
        };
        let part: Page<TimelineItem> = ok_json(app.get(&path, token).await, StatusCode::OK).await;
        seen.extend(part.items);
        match part.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, page.items, "paging walks the same story");

    let read: Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read.awaiting_reply_since, None, "an answer stops the reply timer");
    let inbound: Message = ok_json(
        app.post(
            &format!("/api/v1/leads/{}/messages", lead.id),
            Some(token),
            &json!({"direction": "inbound", "channel": "whatsapp", "body": "Too expensive"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let read: Lead = ok_json(
        app.get(&format!("/api/v1/leads/{}", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read.last_inbound_message.as_deref(), Some("Too expensive"));
    assert_eq!(read.awaiting_reply_since, Some(inbound.sent_at));
    let conversation: Vec<Message> = ok_json(
        app.get(&format!("/api/v1/leads/{}/messages", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        conversation.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        ["Hi, price?", "Sent you the prices", "Too expensive"]
    );
}

#[tokio::test]
async fn a_contacts_timeline_includes_its_leads_and_deals() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = &owner.access_token;
    let lead = add_lead(&app, token, json!({"contact": {"name": "Boris"}})).await;
    let deal = add_deal(&app, token, json!({"title": "Roof", "contact_id": lead.contact.id})).await;
    for body in [
        json!({"deal_id": deal.id, "body": "On the deal"}),
        json!({"contact_id": lead.contact.id, "body": "On the contact"}),
    ] {
        let _: Note = ok_json(app.post("/api/v1/notes", Some(token), &body).await, StatusCode::CREATED).await;
    }
    let page: Page<TimelineItem> = ok_json(
        app.get(&format!("/api/v1/contacts/{}/timeline", lead.contact.id), token)
            .await,
        StatusCode::OK,
    )
    .await;
    let on: Vec<&str> = page.items.iter().map(|i| i.record_type.as_str()).collect();
    for record in ["lead", "deal", "contact"] {
        assert!(on.contains(&record), "{record} missing from {on:?}");
    }
    let deal_page: Page<TimelineItem> = ok_json(
        app.get(&format!("/api/v1/deals/{}/timeline", deal.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert!(deal_page.items.iter().all(|i| i.record_id == deal.id.0));
    assert!(kinds(&deal_page).contains(&"note"));
}

#[tokio::test]
async fn notes_are_checked_and_only_their_author_changes_them() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let (_, head) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let (_, guest) = app.user_with_role(&owner.access_token, Role::Guest).await;
    let token = &owner.access_token;
    let lead = add_lead(&app, token, json!({"contact": {"name": "Vera"}})).await;
    let deal = add_deal(&app, token, json!({"title": "Fence"})).await;
    for (body, field) in [
        (json!({"body": "nowhere"}), "lead_id"),
        (
            json!({"lead_id": lead.id, "deal_id": deal.id, "body": "two places"}),
            "lead_id",
        ),
        (json!({"lead_id": lead.id, "body": "  "}), "body"),
        (json!({"lead_id": lead.id, "body": "x".repeat(10_001)}), "body"),
        (json!({"lead_id": uuid::Uuid::now_v7(), "body": "ghost"}), "lead_id"),
        (
            json!({"lead_id": lead.id, "call": {"direction": "sideways", "outcome": "answered"}}),
            "call.direction",
        ),
    ] {
        let p = problem(
            app.post("/api/v1/notes", Some(token), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        names_field(&p, field);
    }
    let guest_note = app
        .post(
            "/api/v1/notes",
            Some(&guest.access_token),
            &json!({"lead_id": lead.id, "body": "hi"}),
        )
        .await;
    problem(guest_note, StatusCode::FORBIDDEN, "permission_denied").await;
    let bad_message = app
        .post(
            &format!("/api/v1/leads/{}/messages", lead.id),
            Some(token),
            &json!({"direction": "inbound", "body": "hi", "sent_at": "2999-01-01T00:00:00Z"}),
        )
        .await;
    names_field(
        &problem(bad_message, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "sent_at",
    );

    let note: Note = ok_json(
        app.post(
            "/api/v1/notes",
            Some(token),
            &json!({"lead_id": lead.id, "body": "First"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/notes/{}", note.id);
    let not_author = app.patch(&path, &head.access_token, &json!({"body": "Mine now"})).await;
    problem(not_author, StatusCode::FORBIDDEN, "not_author").await;
    let edited: Note = ok_json(
        app.patch(&path, token, &json!({"body": "Second"})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited.body, "Second");

    let other = app.register("Other").await;
    problem(
        app.patch(&path, &other.access_token, &json!({"body": "x"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.delete(&path, &other.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.get(&format!("/api/v1/leads/{}/timeline", lead.id), &other.access_token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    problem(
        app.post(
            &format!("/api/v1/leads/{}/messages", lead.id),
            Some(&other.access_token),
            &json!({"direction": "inbound", "body": "x"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let foreign = app
        .post(
            "/api/v1/notes",
            Some(&other.access_token),
            &json!({"lead_id": lead.id, "body": "x"}),
        )
        .await;
    names_field(
        &problem(foreign, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "lead_id",
    );
    let tampered = app
        .get(&format!("/api/v1/leads/{}/timeline?cursor=abc", lead.id), token)
        .await;
    names_field(
        &problem(tampered, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await,
        "cursor",
    );

    assert_eq!(app.delete(&path, token).await.status(), StatusCode::NO_CONTENT);
    let page: Page<TimelineItem> = ok_json(
        app.get(&format!("/api/v1/leads/{}/timeline", lead.id), token).await,
        StatusCode::OK,
    )
    .await;
    assert!(!kinds(&page).contains(&"note"));
}
