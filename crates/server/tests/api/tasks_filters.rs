use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, Utc};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;
use voronka_types::tasks::Task;
use voronka_types::{Page, Role};

use crate::helpers::*;
use crate::tasks::{add_contact, add_task, task_ids};

/// Today in a zone twelve hours ahead of UTC, as UTC instants.
fn kamchatka_today(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = FixedOffset::east_opt(12 * 3600).unwrap();
    let start = now
        .with_timezone(&zone)
        .date_naive()
        .and_time(NaiveTime::MIN)
        .and_local_timezone(zone)
        .unwrap()
        .with_timezone(&Utc);
    (start, start + TimeDelta::days(1))
}

#[tokio::test]
async fn due_filters_follow_the_companys_day_not_utcs() {
    let app = spawn_app().await;
    let owner = app.register("Far East Co").await;
    // The only company here; no API sets the zone yet.
    app.state
        .db
        .execute_unprepared("UPDATE tenants SET time_zone = 'Asia/Kamchatka'")
        .await
        .unwrap();
    let t = owner.access_token.as_str();
    let now = Utc::now();
    let (start, end) = kamchatka_today(now);
    let minute = TimeDelta::minutes(1);
    // Inside today on both sides of now, however close to midnight the test runs.
    let earlier_today = start + ((now - start) / 2).min(minute);
    let later_today = end - ((end - now) / 2).min(minute);
    let last_night = add_task(&app, t, json!({"title": "a", "due_at": start - minute})).await;
    let this_morning = add_task(&app, t, json!({"title": "b", "due_at": earlier_today})).await;
    let tonight = add_task(&app, t, json!({"title": "c", "due_at": later_today})).await;
    let tomorrow = add_task(&app, t, json!({"title": "d", "due_at": end + minute})).await;
    let undated = add_task(&app, t, json!({"title": "e"})).await;
    let done = add_task(&app, t, json!({"title": "f", "due_at": start - TimeDelta::days(2)})).await;
    let response = app
        .post(&format!("/api/v1/tasks/{}/complete", done.id), Some(t), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    assert_eq!(
        task_ids(&app, t, "?due=overdue").await,
        vec![last_night.id, this_morning.id]
    );
    assert_eq!(task_ids(&app, t, "?due=today").await, vec![this_morning.id, tonight.id]);
    assert_eq!(task_ids(&app, t, "?due=upcoming").await, vec![tomorrow.id]);
    assert_eq!(task_ids(&app, t, "?due=no_date").await, vec![undated.id]);
    assert_eq!(task_ids(&app, t, "?status=completed").await, vec![done.id]);
    let all: Page<Task> = ok_json(app.get("/api/v1/tasks", t).await, StatusCode::OK).await;
    let overdue: Vec<_> = all
        .items
        .iter()
        .filter(|task| task.overdue)
        .map(|task| task.id)
        .collect();
    assert_eq!(
        overdue,
        vec![last_night.id, this_morning.id],
        "done tasks are never overdue"
    );
    let p = problem(
        app.get("/api/v1/tasks?due=someday", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "due");
}

#[tokio::test]
async fn tasks_come_soonest_first_with_undated_last_across_cursor_pages() {
    let app = spawn_app().await;
    let owner = app.register("Order Co").await;
    let t = owner.access_token.as_str();
    let now = Utc::now();
    let in_hours = |h: i64| json!(now + TimeDelta::hours(h));
    let third = add_task(&app, t, json!({"title": "3h", "due_at": in_hours(3)})).await;
    let first = add_task(&app, t, json!({"title": "1h", "due_at": in_hours(1)})).await;
    let undated_a = add_task(&app, t, json!({"title": "no date a"})).await;
    let second = add_task(&app, t, json!({"title": "2h", "due_at": in_hours(2)})).await;
    let undated_b = add_task(&app, t, json!({"title": "no date b"})).await;
    let same_time = add_task(&app, t, json!({"title": "2h too", "due_at": second.due_at})).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let path = match &cursor {
            Some(c) => format!("/api/v1/tasks?limit=2&cursor={c}"),
            None => "/api/v1/tasks?limit=2".to_owned(),
        };
        let page: Page<Task> = ok_json(app.get(&path, t).await, StatusCode::OK).await;
        assert_eq!(page.total, 6);
        seen.extend(page.items.into_iter().map(|task| task.id));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(
        seen,
        vec![first.id, second.id, same_time.id, third.id, undated_a.id, undated_b.id]
    );
    let p = problem(
        app.get("/api/v1/tasks?cursor=bogus", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "cursor");
    let p = problem(
        app.get("/api/v1/tasks?limit=0", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "limit");
}

#[tokio::test]
async fn tasks_filter_by_assignee_mine_contact_and_title_in_any_case() {
    let app = spawn_app().await;
    let owner = app.register("Filter Co").await;
    let (manager_user, manager) = app.user_with_role(&owner.access_token, Role::HeadOfSales).await;
    let t = owner.access_token.as_str();
    let contact = add_contact(&app, t, "Анна").await;
    let call = add_task(&app, t, json!({"title": "Позвонить Анне", "contact_id": contact.id})).await;
    let offer = add_task(
        &app,
        t,
        json!({"title": "Send 100%_offer", "assignee_id": manager_user.id}),
    )
    .await;
    assert_eq!(
        task_ids(&app, t, &format!("?q={}", urlencode("ПОЗВОНИТЬ"))).await,
        vec![call.id]
    );
    assert_eq!(
        task_ids(&app, t, &format!("?q={}", urlencode("%_"))).await,
        vec![offer.id]
    );
    assert_eq!(task_ids(&app, t, "?mine=true").await, vec![call.id]);
    assert_eq!(
        task_ids(&app, &manager.access_token, "?mine=true").await,
        vec![offer.id]
    );
    assert_eq!(
        task_ids(&app, t, &format!("?assignee_id={}", manager_user.id)).await,
        vec![offer.id]
    );
    assert_eq!(
        task_ids(&app, t, &format!("?contact_id={}", contact.id)).await,
        vec![call.id]
    );
    assert_eq!(task_ids(&app, t, "?status=open").await.len(), 2);
    let p = problem(
        app.get("/api/v1/tasks?assignee_id=someone", t).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    names_field(&p, "assignee_id");
}
