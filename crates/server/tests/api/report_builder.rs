//! The report builder on a small fixed data set (Moscow time): five leads of two managers and
//! three deals in two currencies, checked against figures computed by hand.

use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;
use voronka_server::{deals, leads};
use voronka_types::Role;
use voronka_types::auth::AuthSession;
use voronka_types::reports::ReportTable;

use crate::crm::add_deal;
use crate::custom_fields::define;
use crate::helpers::*;
use crate::kpi::{a_moscow_shop, lead_at};

pub struct Shop {
    pub owner: AuthSession,
    pub anna: AuthSession,
}

async fn set_lead(app: &TestApp, lead: Uuid, status: &str, custom: &str) {
    set_lead_deal(app, lead, status, custom, None).await;
}

async fn set_lead_deal(app: &TestApp, lead: Uuid, status: &str, custom: &str, deal: Option<Uuid>) {
    leads::entity::Entity::update_many()
        .col_expr(leads::entity::Column::DealId, Expr::value(deal))
        .col_expr(leads::entity::Column::Status, Expr::value(status))
        .col_expr(leads::entity::Column::CustomFields, Expr::value(custom))
        .filter(leads::entity::Column::Id.eq(lead))
        .exec(&app.state.db)
        .await
        .unwrap();
}

/// Leads: Anna's site leads of 5 Oct (won, tier A) and 20 Oct (open, tier B); the owner's
/// website lead of 2 Nov 00:30 Moscow (still 1 Nov in UTC; converted into the first deal), instagram leads of 10 Nov
/// (lost, tier A) and 11 Nov (open). Deals: 1000.00 RUB won, 500.50 RUB open, 200.00 USD won.
pub async fn a_shop_with_sales(app: &TestApp) -> Shop {
    let owner = a_moscow_shop(app).await;
    let t = owner.access_token.as_str();
    let (anna_user, anna) = app.user_with_role(t, Role::Manager).await;
    define(
        app,
        t,
        json!({"entity": "lead", "label": "Tier", "key": "tier", "kind": "select", "options": ["A", "B"]}),
    )
    .await;
    let mut deal_ids = Vec::new();
    for (amount, currency, status) in [
        ("1000.00", "RUB", "won"),
        ("500.50", "RUB", "open"),
        ("200.00", "USD", "won"),
    ] {
        let deal = add_deal(app, t, json!({"title": "Deal", "amount": amount, "currency": currency})).await;
        deals::entity::Entity::update_many()
            .col_expr(deals::entity::Column::Status, Expr::value(status))
            .filter(deals::entity::Column::Id.eq(deal.id.0))
            .exec(&app.state.db)
            .await
            .unwrap();
        deal_ids.push(deal.id.0);
    }
    let me = owner.user.id;
    let l1 = lead_at(app, t, anna_user.id, "2026-10-05 10:00", "website").await;
    set_lead(app, l1, "won", r#"{"tier":"A"}"#).await;
    let l2 = lead_at(app, t, anna_user.id, "2026-10-20 12:00", "website").await;
    set_lead(app, l2, "open", r#"{"tier":"B"}"#).await;
    let l3 = lead_at(app, t, me, "2026-11-02 00:30", "website").await;
    set_lead_deal(app, l3, "open", "{}", Some(deal_ids[0])).await;
    let l4 = lead_at(app, t, me, "2026-11-10 10:00", "instagram").await;
    set_lead(app, l4, "lost", r#"{"tier":"A"}"#).await;
    lead_at(app, t, me, "2026-11-11 10:00", "instagram").await;
    Shop { owner, anna }
}

pub async fn query(app: &TestApp, token: &str, body: Value) -> ReportTable {
    ok_json(
        app.post("/api/v1/reports/query", Some(token), &body).await,
        StatusCode::OK,
    )
    .await
}

async fn rejected(app: &TestApp, token: &str, body: Value, field: &str) {
    let response = app.post("/api/v1/reports/query", Some(token), &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problem: voronka_types::Problem = response.json().await.unwrap();
    names_field(&problem, field);
}

#[tokio::test]
async fn leads_grouped_by_source_count_and_convert_as_computed_by_hand() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let other = a_shop_with_sales(&app).await;
    drop(other);
    let table = query(
        &app,
        &shop.owner.access_token,
        json!({"entity": "leads", "group_by": [{"field": "source"}],
               "measures": [{"fn": "count"}, {"fn": "conversion"}], "sort": [{"by": "count", "dir": "desc"}]}),
    )
    .await;
    let keys: Vec<&str> = table.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["source", "count", "conversion"]);
    assert_eq!(table.columns[2].kind, "ratio");
    assert_eq!(
        table.rows,
        vec![
            vec![json!("website"), json!(3), json!(0.6667)],
            vec![json!("instagram"), json!(2), json!(0.0)]
        ]
    );
    assert_eq!(table.total_rows, 2);
}

#[tokio::test]
async fn leads_by_source_and_month_are_bucketed_in_the_company_time_zone() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let table = query(
        &app,
        &shop.owner.access_token,
        json!({"entity": "leads", "group_by": [{"field": "source"}, {"field": "created_at", "bucket": "month"}]}),
    )
    .await;
    assert_eq!(table.columns[1].kind, "month");
    assert_eq!(
        table.rows,
        vec![
            vec![json!("instagram"), json!("2026-11"), json!(2)],
            vec![json!("website"), json!("2026-10"), json!(2)],
            vec![json!("website"), json!("2026-11"), json!(1)],
        ]
    );
    let weeks = query(
        &app,
        &shop.owner.access_token,
        json!({"entity": "leads", "filters": [{"field": "created_at", "op": "gte", "value": "2026-11-01"}],
               "group_by": [{"field": "created_at", "bucket": "week"}], "limit": 1}),
    )
    .await;
    assert_eq!(weeks.rows, vec![vec![json!("2026-11-02"), json!(1)]]);
    assert_eq!(weeks.total_rows, 2);
}

#[tokio::test]
async fn grouping_in_the_database_gives_the_table_the_fetched_records_give() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let t = shop.owner.access_token.as_str();
    // Plain columns only: grouped and summed in SQL. A tag filter (checked in Rust) that every
    // lead passes sends the same query through the record-by-record path.
    let mut body = json!({"entity": "leads",
        "group_by": [{"field": "source"}, {"field": "created_at", "bucket": "week"}],
        "measures": [{"fn": "count"}, {"fn": "conversion"}, {"fn": "sum", "field": "amount"},
                     {"fn": "avg", "field": "score"}, {"fn": "avg", "field": "amount"}]});
    let in_sql = query(&app, t, body.clone()).await;
    body["filters"] = json!([{"field": "tags", "op": "is_null", "value": true}]);
    let in_rust = query(&app, t, body).await;
    assert_eq!(in_sql, in_rust);
    let count = in_sql.columns.iter().position(|c| c.key == "count").unwrap();
    let counts: u64 = in_sql.rows.iter().map(|row| row[count].as_u64().unwrap()).sum();
    assert_eq!(counts, 5, "{:?}", in_sql.rows);
    assert!(
        in_sql.total_rows >= 4,
        "website: two October weeks and one November week; instagram"
    );

    // In a zone that moves its clocks (New York left summer time on 1 November 2026), by day.
    let response = app
        .patch("/api/v1/settings", t, &json!({"time_zone": "America/New_York"}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let by_day = json!({"entity": "leads", "group_by": [{"field": "created_at", "bucket": "day"}]});
    let in_sql = query(&app, t, by_day.clone()).await;
    let mut in_rust = by_day;
    in_rust["filters"] = json!([{"field": "tags", "op": "is_null", "value": true}]);
    assert_eq!(in_sql, query(&app, t, in_rust).await);
    let days: Vec<&str> = in_sql.rows.iter().map(|row| row[0].as_str().unwrap()).collect();
    // 2 November 00:30 in Moscow is 1 November 16:30 in New York.
    assert_eq!(
        days,
        ["2026-10-05", "2026-10-20", "2026-11-01", "2026-11-10", "2026-11-11"]
    );

    let deals = json!({"entity": "deals", "group_by": [{"field": "status"}],
        "measures": [{"fn": "sum", "field": "amount"}, {"fn": "conversion"}]});
    let table = query(&app, t, deals).await;
    assert_eq!(
        table.rows,
        vec![
            vec![json!("open"), json!("RUB"), json!("500.50"), json!(0.0)],
            vec![json!("won"), json!("RUB"), json!("1000.00"), json!(1.0)],
            vec![json!("won"), json!("USD"), json!("200.00"), json!(1.0)],
        ],
        "money is split by currency"
    );
}

#[tokio::test]
async fn deal_amounts_are_summed_and_averaged_per_currency() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let table = query(
        &app,
        &shop.owner.access_token,
        json!({"entity": "deals", "measures": [{"fn": "sum", "field": "amount"}, {"fn": "avg", "field": "amount"}, {"fn": "conversion"}]}),
    )
    .await;
    let keys: Vec<&str> = table.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["currency", "sum_amount", "avg_amount", "conversion"]);
    assert_eq!(
        table.rows,
        vec![
            vec![json!("RUB"), json!("1500.50"), json!("750.25"), json!(0.5)],
            vec![json!("USD"), json!("200.00"), json!("200.00"), json!(1.0)],
        ]
    );
}

#[tokio::test]
async fn leads_group_by_a_custom_field_and_filter_on_system_and_custom_fields() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let t = shop.owner.access_token.as_str();
    let tiers = query(&app, t, json!({"entity": "leads", "group_by": [{"field": "cf.tier"}]})).await;
    assert_eq!(tiers.columns[0].label, "Tier");
    assert_eq!(
        tiers.rows,
        vec![
            vec![json!("A"), json!(2)],
            vec![json!("B"), json!(1)],
            vec![Value::Null, json!(2)]
        ]
    );
    let filtered = query(
        &app,
        t,
        json!({"entity": "leads", "filters": [
            {"field": "source", "op": "eq", "value": "website"},
            {"field": "cf.tier", "op": "in", "value": ["A", "B"]},
            {"field": "status", "op": "ne", "value": "won"}]}),
    )
    .await;
    assert_eq!(filtered.rows, vec![vec![json!(1)]]);
    let none = query(
        &app,
        t,
        json!({"entity": "leads", "filters": [{"field": "source", "op": "contains", "value": "%"}]}),
    )
    .await;
    assert_eq!(none.rows, vec![vec![json!(0)]]);
    let empty = query(
        &app,
        t,
        json!({"entity": "leads", "filters": [{"field": "cf.tier", "op": "is_null"}]}),
    )
    .await;
    assert_eq!(empty.rows, vec![vec![json!(2)]]);
}

#[tokio::test]
async fn a_manager_only_counts_the_leads_they_own() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let table = query(
        &app,
        &shop.anna.access_token,
        json!({"entity": "leads", "group_by": [{"field": "source"}]}),
    )
    .await;
    assert_eq!(table.rows, vec![vec![json!("website"), json!(2)]]);
}

#[tokio::test]
async fn a_role_without_tasks_may_not_report_on_tasks() {
    let app = spawn_app().await;
    let owner = app.register("Partners").await;
    let (_, partner) = app.user_with_role(&owner.access_token, Role::Partner).await;
    let response = app
        .post(
            "/api/v1/reports/query",
            Some(&partner.access_token),
            &json!({"entity": "tasks"}),
        )
        .await;
    problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn bad_queries_name_the_failing_path() {
    let app = spawn_app().await;
    let owner = app.register("Bad Input").await;
    let t = owner.access_token.as_str();
    let by = |groups: Value| json!({"entity": "leads", "group_by": groups});
    rejected(
        &app,
        t,
        by(json!([{"field": "source"}, {"field": "password"}])),
        "group_by[1].field",
    )
    .await;
    rejected(
        &app,
        t,
        by(json!([{"field": "created_at", "bucket": "year"}])),
        "group_by[0].bucket",
    )
    .await;
    rejected(
        &app,
        t,
        by(json!([{"field": "source", "bucket": "day"}])),
        "group_by[0].bucket",
    )
    .await;
    rejected(
        &app,
        t,
        by(json!([{"field": "source"}, {"field": "city"}, {"field": "status"}])),
        "group_by",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "leads", "measures": [{"fn": "median"}]}),
        "measures[0].fn",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "leads", "measures": [{"fn": "sum", "field": "source"}]}),
        "measures[0].field",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "tasks", "measures": [{"fn": "conversion"}]}),
        "measures[0].fn",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "leads", "filters": [{"field": "cf.nope", "op": "eq", "value": 1}]}),
        "filters[0].field",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "leads", "filters": [{"field": "created_at", "op": "gt", "value": "soon"}]}),
        "filters[0].value",
    )
    .await;
    rejected(
        &app,
        t,
        json!({"entity": "leads", "sort": [{"by": "amount"}]}),
        "sort[0].by",
    )
    .await;
    rejected(&app, t, json!({"entity": "leads", "limit": 5000}), "limit").await;
    rejected(&app, t, json!({"entity": "orders"}), "entity").await;
}

async fn xlsx_of(response: reqwest::Response) -> Vec<Vec<String>> {
    assert_eq!(response.status(), StatusCode::OK);
    xlsx_rows(response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_report_query_exports_as_csv_and_xlsx() {
    let app = spawn_app().await;
    let shop = a_shop_with_sales(&app).await;
    let t = shop.owner.access_token.as_str();
    let body = json!({"entity": "leads", "group_by": [{"field": "source"}], "measures": [{"fn": "count"}]});
    let csv = app
        .post("/api/v1/reports/query/export?format=csv", Some(t), &body)
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    assert_eq!(
        text.trim_start_matches('\u{feff}').lines().collect::<Vec<_>>(),
        ["source,Count", "instagram,2", "website,3"]
    );
    let xlsx = app
        .post("/api/v1/reports/query/export?format=xlsx", Some(t), &body)
        .await;
    assert_eq!(
        xlsx_of(xlsx).await,
        vec![vec!["source", "Count"], vec!["instagram", "2"], vec!["website", "3"]]
    );
}
