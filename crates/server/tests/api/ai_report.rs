//! The AI assistant's sales report and customer segments over ingested purchases.

use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::ai::{SalesReport, Segment, Segments};
use voronka_types::auth::AuthSession;
use voronka_types::pipelines::PipelineKind;
use voronka_types::purchases::IngestBatchResult;

use crate::crm::{add_lead, default_pipeline, stage};
use crate::helpers::*;
use crate::ingest::ingest_key;

async fn push(app: &TestApp, key: &str, items: Vec<Value>) {
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(key), &json!({"items": items}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(result.failed, 0, "{result:?}");
}

fn purchase(id: &str, customer: &str, amount: &str, at: &str) -> Value {
    json!({"external_id": id, "customer_external_id": customer, "amount": amount, "purchased_at": at})
}

/// A Moscow company: March 2025 against the 31 days before it.
async fn moscow_shop(app: &TestApp) -> (AuthSession, String) {
    let owner = app.register_russian().await;
    let response = app
        .patch(
            "/api/v1/settings",
            &owner.access_token,
            &json!({"time_zone": "Europe/Moscow"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let key = ingest_key(app, &owner.access_token, &["ingest"]).await;
    let mut bricks = purchase("o-2", "c-a", "2000.00", "2025-03-05T10:00:00Z");
    bricks["items"] = json!([
        {"sku": "SKU-1", "name": "Кирпич", "quantity": 2, "unit_price": "500.00"},
        {"sku": "SKU-2", "name": "Цемент", "quantity": "0.5", "unit_price": 2000}
    ]);
    let mut more_bricks = purchase("o-4", "c-b", "700.00", "2025-03-20T10:00:00Z");
    more_bricks["items"] = json!([{"sku": "SKU-1", "name": "Кирпич", "quantity": 1, "unit_price": "700"}]);
    let mut dollars = purchase("o-7", "c-e", "50.00", "2025-03-10T10:00:00Z");
    dollars["currency"] = json!("USD");
    push(
        app,
        &key,
        vec![
            purchase("o-1", "c-a", "1000.00", "2025-02-10T10:00:00Z"),
            bricks,
            purchase("o-3", "c-b", "500.00", "2025-03-02T10:00:00Z"),
            more_bricks,
            // 01:30 on 1 April in Moscow: April's.
            purchase("o-5", "c-c", "300.00", "2025-03-31T22:30:00Z"),
            // 00:30 on 1 March in Moscow: March's.
            purchase("o-6", "c-d", "400.00", "2025-02-28T21:30:00Z"),
            dollars,
        ],
    )
    .await;
    (owner, key)
}

#[tokio::test]
async fn the_sales_report_compares_a_month_in_the_companys_time_zone_with_the_days_before() {
    let app = spawn_app().await;
    let (owner, _) = moscow_shop(&app).await;
    let report: SalesReport = ok_json(
        app.get("/api/v1/ai/report?from=2025-03-01&to=2025-03-31", &owner.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(report.previous_period.from.to_string(), "2025-01-29");
    assert_eq!(report.previous_period.to.to_string(), "2025-02-28");
    let f = &report.figures;
    assert_eq!(f.revenue.value.as_ref().unwrap().amount, "3600.00");
    assert_eq!(f.revenue.previous.as_ref().unwrap().amount, "1000.00");
    assert_eq!(f.revenue.change, Some(2.6));
    assert_eq!((f.orders.value, f.orders.previous), (4, 1));
    assert_eq!(f.customers.value, 3);
    assert_eq!((f.new_customers.value, f.returning_customers.value), (2, 1));
    assert_eq!(f.average_order_value.value.as_ref().unwrap().amount, "900.00");
    assert_eq!(f.repeat_purchase_rate.value, Some(2.0 / 3.0));
    assert_eq!(f.repeat_purchase_rate.previous, Some(0.0));

    let top: Vec<(&str, &str)> = report
        .top_customers
        .iter()
        .map(|c| (c.name.as_str(), c.revenue.amount.as_str()))
        .collect();
    assert_eq!(top, [("#c-a", "2000.00"), ("#c-b", "1200.00"), ("#c-d", "400.00")]);
    let products: Vec<(&str, &str, &str, u64)> = report
        .top_products
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.quantity.as_str(),
                p.revenue.amount.as_str(),
                p.orders,
            )
        })
        .collect();
    assert_eq!(
        products,
        [("Кирпич", "3", "1700.00", 2), ("Цемент", "0.5", "1000.00", 1)]
    );
    assert_eq!(report.other_currencies.len(), 1);
    assert_eq!(report.other_currencies[0].revenue.currency, "USD");
    assert_eq!(report.other_currencies[0].orders, 1);

    let segmented: u64 = report.segments.iter().map(|s| s.customers).sum();
    assert_eq!(
        segmented, 3,
        "every rouble buyer up to 31 March (not the April one) is in one segment"
    );
    assert!(
        report.narrative.text.contains("3\u{a0}600\u{a0}RUB"),
        "{}",
        report.narrative.text
    );
    assert!(report.narrative.text.contains("Выручка"));
}

/// The report's products as (name, quantity, revenue, orders).
fn products(report: &SalesReport) -> Vec<(String, String, String, u64)> {
    report
        .top_products
        .iter()
        .map(|p| (p.name.clone(), p.quantity.clone(), p.revenue.amount.clone(), p.orders))
        .collect()
}

#[tokio::test]
async fn a_resent_purchase_moves_its_products_and_older_purchases_get_their_lines_computed() {
    let app = spawn_app().await;
    let (owner, key) = moscow_shop(&app).await;
    // o-4 sent again: cement (renamed) instead of bricks.
    let mut resent = purchase("o-4", "c-b", "700.00", "2025-03-20T10:00:00Z");
    resent["items"] = json!([{"sku": "SKU-2", "name": "Цемент М500", "quantity": 1, "unit_price": "700"}]);
    push(&app, &key, vec![resent]).await;
    let url = "/api/v1/ai/report?from=2025-03-01&to=2025-03-31";
    let report: SalesReport = ok_json(app.get(url, &owner.access_token).await, StatusCode::OK).await;
    let expected = vec![
        ("Цемент М500".to_owned(), "1.5".to_owned(), "1700.00".to_owned(), 2),
        ("Кирпич".to_owned(), "2".to_owned(), "1000.00".to_owned(), 1),
    ];
    assert_eq!(products(&report), expected, "named as in the latest purchase");

    // Lines of purchases stored before the lines existed are computed by the migration.
    use voronka_migrations::{Migrator, MigratorTrait};
    Migrator::down(&app.state.db, Some(2)).await.unwrap();
    Migrator::up(&app.state.db, None).await.unwrap();
    let report: SalesReport = ok_json(app.get(url, &owner.access_token).await, StatusCode::OK).await;
    assert_eq!(products(&report), expected);
}

#[tokio::test]
async fn the_report_counts_won_leads_by_source_and_says_so_when_nothing_was_sold() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let funnel = default_pipeline(&app, token, PipelineKind::Lead).await;
    let won = stage(&funnel, "won");
    for (name, source) in [("A", "website"), ("B", "website"), ("C", "website"), ("D", "instagram")] {
        let lead = add_lead(&app, token, json!({"contact": {"name": name}, "source": source})).await;
        if name == "A" {
            let moved = app
                .patch(
                    &format!("/api/v1/leads/{}", lead.id),
                    token,
                    &json!({"stage_id": won.id}),
                )
                .await;
            assert_eq!(moved.status(), StatusCode::OK);
        }
    }
    let report: SalesReport = ok_json(app.get("/api/v1/ai/report", token).await, StatusCode::OK).await;
    assert_eq!(report.period.to - report.period.from, chrono::Duration::days(29));
    let sources: Vec<(&str, u64, u64)> = report
        .leads_by_source
        .iter()
        .map(|s| (s.source.as_str(), s.leads, s.won))
        .collect();
    assert_eq!(sources, [("website", 3, 1), ("instagram", 1, 0)]);
    assert_eq!(report.figures.orders.value, 0);
    assert_eq!(report.figures.average_order_value.value, None);
    assert!(
        report.narrative.text.starts_with("No purchases"),
        "{}",
        report.narrative.text
    );
}

#[tokio::test]
async fn segments_page_the_buyers_of_one_segment_biggest_spenders_first() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let key = ingest_key(&app, &owner.access_token, &["ingest"]).await;
    let mut items = Vec::new();
    // Ten loyal monthly buyers, five who bought once long ago.
    for c in 0..10 {
        for month in 1..=6 {
            items.push(purchase(
                &format!("r-{c}-{month}"),
                &format!("regular-{c}"),
                &format!("{}.00", 100 + c),
                &format!("2025-{month:02}-20T10:00:00Z"),
            ));
        }
    }
    for c in 0..5 {
        items.push(purchase(
            &format!("g-{c}"),
            &format!("gone-{c}"),
            "50.00",
            "2024-01-10T10:00:00Z",
        ));
    }
    push(&app, &key, items).await;
    let token = owner.access_token.as_str();
    let all: Segments = ok_json(
        app.get("/api/v1/ai/segments?as_of=2025-06-30", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all.customers.total, 15);
    assert_eq!(all.segments.len(), 11, "every segment, empty ones too");
    let count = |s: Segment| all.segments.iter().find(|x| x.segment == s).unwrap().customers;
    let regulars = count(Segment::Champions) + count(Segment::Loyal) + count(Segment::PotentialLoyalists);
    assert_eq!(regulars, 10, "{:?}", all.segments);
    assert_eq!(count(Segment::Lost), 5);
    assert_eq!(all.customers.items[0].segment, Segment::Champions);
    assert_eq!(all.customers.items[0].name, "#regular-9", "biggest spender first");
    assert_eq!(all.customers.items[0].orders, 6);

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("as_of=2025-06-30&segment=lost&limit=2&cursor={c}"),
            None => "as_of=2025-06-30&segment=lost&limit=2".into(),
        };
        let page: Segments = ok_json(
            app.get(&format!("/api/v1/ai/segments?{query}"), token).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(page.customers.total, 5);
        for c in &page.customers.items {
            assert_eq!(c.segment, Segment::Lost);
            assert!(c.churn_risk > 0.9, "bought once 17 months ago: {}", c.churn_risk);
        }
        seen.extend(page.customers.items.into_iter().map(|c| c.name));
        cursor = page.customers.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    seen.sort();
    assert_eq!(seen, ["#gone-0", "#gone-1", "#gone-2", "#gone-3", "#gone-4"]);

    // Looking back to before anyone bought: nobody is segmented.
    let before: Segments = ok_json(
        app.get("/api/v1/ai/segments?as_of=2023-12-31", token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(before.customers.total, 0);
}

#[tokio::test]
async fn bad_periods_and_segments_name_the_field() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    for (path, field) in [
        ("/api/v1/ai/report?from=2025-05-02&to=2025-05-01", "from"),
        ("/api/v1/ai/report?from=2019-01-01&to=2025-05-01", "to"),
        ("/api/v1/ai/report?from=2025-13-01", "from"),
        ("/api/v1/ai/segments?segment=vip", "segment"),
        ("/api/v1/ai/segments?cursor=bm90LWEtY3Vyc29y", "cursor"),
        ("/api/v1/ai/segments?limit=0", "limit"),
    ] {
        let response = app.get(path, token).await;
        let status = response.status();
        assert!(status.is_client_error(), "{path}: {status}");
        let p: voronka_types::Problem = response.json().await.unwrap();
        names_field(&p, field);
    }
}

#[tokio::test]
async fn managers_may_not_read_the_companys_sales_and_companies_see_only_their_own() {
    let app = spawn_app().await;
    let (owner, _) = moscow_shop(&app).await;
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    for path in ["/api/v1/ai/report", "/api/v1/ai/segments"] {
        problem(
            app.get(path, &manager.access_token).await,
            StatusCode::FORBIDDEN,
            "permission_denied",
        )
        .await;
    }
    let other = app.register("Other").await;
    let report: SalesReport = ok_json(
        app.get("/api/v1/ai/report?from=2025-03-01&to=2025-03-31", &other.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(report.figures.orders.value, 0);
    assert!(report.top_customers.is_empty() && report.top_products.is_empty());
    let segments: Segments = ok_json(
        app.get("/api/v1/ai/segments", &other.access_token).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(segments.customers.total, 0);
}
