//! Trends and forecasts of sales metrics over ingested purchases and leads.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use voronka_types::Role;
use voronka_types::ai::{Granularity, Metric, SalesForecast, SalesReport, Trend, TrendDirection};
use voronka_types::pipelines::PipelineKind;
use voronka_types::purchases::IngestBatchResult;

use crate::crm::{add_lead, default_pipeline, stage};
use crate::helpers::*;
use crate::ingest::ingest_key;

fn day(d: &str) -> NaiveDate {
    d.parse().unwrap()
}

/// 16 weeks from Monday 6 January 2025: on weekdays 1 + week/2 orders of 100.00, none at
/// weekends, and 30 extra orders on Wednesday 12 March.
async fn growing_weekday_shop(app: &TestApp, token: &str, weeks: i64) {
    let key = ingest_key(app, token, &["ingest"]).await;
    let start = day("2025-01-06");
    let mut items: Vec<Value> = Vec::new();
    for offset in 0..weeks * 7 {
        let date = start + Duration::days(offset);
        let mut orders = if date.weekday().num_days_from_monday() < 5 {
            1 + offset / 14
        } else {
            0
        };
        if date == day("2025-03-12") {
            orders += 30;
        }
        for n in 0..orders {
            items.push(
                json!({"external_id": format!("o-{offset}-{n}"), "customer_external_id": format!("c-{}", n % 7),
                              "amount": "100.00", "purchased_at": format!("{date}T12:00:00Z")}),
            );
        }
    }
    for chunk in items.chunks(1000) {
        let result: IngestBatchResult = ok_json(
            app.post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": chunk}))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(result.failed, 0);
    }
}

#[tokio::test]
async fn the_sales_report_states_the_trends_of_its_period_and_the_revenue_forecast_after_it() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    growing_weekday_shop(&app, token, 16).await;

    let report: SalesReport = ok_json(
        app.get("/api/v1/ai/report?from=2025-03-01&to=2025-04-27", token).await,
        StatusCode::OK,
    )
    .await;
    let metrics: Vec<Metric> = report.trends.iter().map(|t| t.metric).collect();
    assert_eq!(metrics, [Metric::Revenue, Metric::Orders, Metric::NewCustomers]);
    let orders = &report.trends[1];
    assert_eq!(orders.granularity, Granularity::Day, "58 days are read by the day");
    assert_eq!(orders.direction, TrendDirection::Up);
    assert!(orders.significant);
    assert!(orders.seasonality.contains(&"weekday".to_owned()), "{orders:?}");
    assert!(orders.anomalies.contains(&day("2025-03-12")), "{orders:?}");

    let forecast = &report.forecast;
    assert_eq!(
        (forecast.metric, forecast.granularity),
        (Metric::Revenue, Granularity::Day)
    );
    let period = forecast.period.expect("a forecast period");
    assert_eq!(period.from, day("2025-04-28"), "right after the report's period");
    assert_eq!(period.to, day("2025-06-24"), "as many days as the period holds");
    let value: f64 = forecast.value.as_ref().unwrap().amount.parse().unwrap();
    let low: f64 = forecast.low80.as_ref().unwrap().amount.parse().unwrap();
    let high: f64 = forecast.high80.as_ref().unwrap().amount.parse().unwrap();
    assert_eq!(forecast.value.as_ref().unwrap().currency, "USD");
    assert!(low <= value && value <= high, "{forecast:?}");
    assert!(
        value > 58.0 * 5.0 / 7.0 * 100.0,
        "a growing shop that sold ≥ 100.00 a weekday sells more than that: {forecast:?}"
    );
    assert!(forecast.model.is_some() && forecast.mase.is_some());
    assert!(forecast.not_enough_data.is_none());
    assert!(
        report.narrative.text.contains("Revenue forecast: ") && report.narrative.text.contains("from 2025-04-28"),
        "{}",
        report.narrative.text
    );
}

#[tokio::test]
async fn a_report_over_a_short_history_says_the_forecast_lacks_data() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    growing_weekday_shop(&app, token, 1).await;

    let report: SalesReport = ok_json(
        app.get("/api/v1/ai/report?from=2025-01-06&to=2025-01-12", token).await,
        StatusCode::OK,
    )
    .await;
    let forecast = &report.forecast;
    assert!(forecast.value.is_none() && forecast.period.is_none(), "{forecast:?}");
    assert_eq!(
        forecast.not_enough_data.as_deref(),
        Some("not enough data: 7 points, need 8"),
        "{forecast:?}"
    );
    assert!(!report.narrative.text.contains("forecast"), "{}", report.narrative.text);
}

#[tokio::test]
async fn a_growing_weekday_business_trends_up_with_a_weekday_pattern_and_its_spike_is_an_anomaly() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    growing_weekday_shop(&app, token, 16).await;

    let daily: Trend = ok_json(
        app.get(
            "/api/v1/ai/trends?metric=orders&granularity=day&from=2025-01-06&to=2025-04-27",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(daily.series.len(), 112);
    assert_eq!(daily.series[0].date, day("2025-01-06"));
    assert_eq!(daily.series[0].value, 1.0);
    assert_eq!(daily.series[5].value, 0.0, "a Saturday");
    assert_eq!(daily.direction, TrendDirection::Up);
    assert!(daily.significant && daily.slope_per_period > 0.0);
    let weekday = daily
        .seasonality
        .iter()
        .find(|s| s.kind == "weekday")
        .expect("a weekday pattern");
    assert!(weekday.trough >= 5, "quietest on the weekend: {weekday:?}");
    let spikes: Vec<NaiveDate> = daily.anomalies.iter().map(|a| a.date).collect();
    assert!(spikes.contains(&day("2025-03-12")), "{spikes:?}");
    assert_eq!(daily.currency, None);

    let weekly: Trend = ok_json(
        app.get(
            "/api/v1/ai/trends?metric=revenue&granularity=week&from=2025-01-08&to=2025-04-27",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(weekly.series.len(), 16, "the first week is counted whole");
    assert_eq!(weekly.series[0].date, day("2025-01-06"));
    assert_eq!(weekly.series[0].value, 500.0, "five orders of 100.00 in the first week");
    assert_eq!(weekly.currency.as_deref(), Some("USD"));

    let aov: Trend = ok_json(
        app.get(
            "/api/v1/ai/trends?metric=aov&granularity=day&from=2025-01-06&to=2025-01-12",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        aov.series.iter().all(|p| p.value == 100.0),
        "weekends carry Friday's value: {:?}",
        aov.series
    );
}

#[tokio::test]
async fn a_forecast_continues_after_the_last_full_week_names_its_model_and_nests_its_intervals() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    growing_weekday_shop(&app, token, 16).await;

    // Wednesday 30 April: the week of 28 April has not ended, so the history stops on the 27th.
    let weekly: SalesForecast = ok_json(
        app.get(
            "/api/v1/ai/forecast?metric=orders&granularity=week&horizon=4&as_of=2025-04-30",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(weekly.history.len(), 16);
    assert_eq!(
        weekly.history[0].date,
        day("2025-01-06"),
        "history starts with the first sale"
    );
    let dates: Vec<NaiveDate> = weekly.points.iter().map(|p| p.date).collect();
    assert_eq!(
        dates,
        [
            day("2025-04-28"),
            day("2025-05-05"),
            day("2025-05-12"),
            day("2025-05-19")
        ]
    );
    assert!(weekly.model.is_some() && weekly.mase.is_some() && !weekly.candidates.is_empty());
    assert!(weekly.not_enough_data.is_none());
    for p in &weekly.points {
        assert!(
            p.low95 <= p.low80 && p.low80 <= p.value && p.value <= p.high80 && p.high80 <= p.high95,
            "{p:?}"
        );
        assert!(p.low95 >= 0.0);
    }
    assert!(
        weekly.points[0].value > 20.0,
        "the business kept growing: {:?}",
        weekly.points[0]
    );

    let daily: SalesForecast = ok_json(
        app.get(
            "/api/v1/ai/forecast?metric=revenue&granularity=day&as_of=2025-04-27",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(daily.points.len(), 30, "30 days by default");
    assert_eq!(daily.points[0].date, day("2025-04-28"));
    assert_eq!(daily.currency.as_deref(), Some("USD"));
}

#[tokio::test]
async fn short_histories_get_an_honest_answer_instead_of_a_curve() {
    let app = spawn_app().await;
    let owner = app.register("Shop").await;
    let token = owner.access_token.as_str();
    let empty: SalesForecast = ok_json(
        app.get("/api/v1/ai/forecast?metric=revenue", token).await,
        StatusCode::OK,
    )
    .await;
    assert!(empty.points.is_empty());
    assert_eq!(
        empty.not_enough_data.as_deref(),
        Some("not enough data: 0 points, need 8")
    );

    growing_weekday_shop(&app, token, 3).await;
    let short: SalesForecast = ok_json(
        app.get(
            "/api/v1/ai/forecast?metric=orders&granularity=week&as_of=2025-01-26",
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(short.points.is_empty() && short.model.is_none());
    assert_eq!(short.history.len(), 3);
    assert!(
        short
            .not_enough_data
            .as_deref()
            .is_some_and(|m| m.starts_with("not enough data: 3 points")),
        "{:?}",
        short.not_enough_data
    );
}

#[tokio::test]
async fn leads_and_their_conversion_are_series_too() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    let won = stage(&default_pipeline(&app, token, PipelineKind::Lead).await, "won");
    for i in 0..4 {
        let lead = add_lead(&app, token, json!({"contact": {"name": format!("L{i}")}})).await;
        if i == 0 {
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
    let today = Utc::now().date_naive();
    let from = today - Duration::days(6);
    let leads: Trend = ok_json(
        app.get(
            &format!("/api/v1/ai/trends?metric=leads&granularity=day&from={from}"),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(leads.series.iter().map(|p| p.value).sum::<f64>(), 4.0);
    let conversion: Trend = ok_json(
        app.get(
            &format!("/api/v1/ai/trends?metric=conversion&granularity=day&from={from}"),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(conversion.series.last().map(|p| p.value), Some(0.25));
}

#[tokio::test]
async fn bad_trend_and_forecast_questions_name_the_field_and_managers_are_refused() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let token = owner.access_token.as_str();
    for (path, field) in [
        ("/api/v1/ai/trends", "metric"),
        ("/api/v1/ai/trends?metric=profit", "metric"),
        ("/api/v1/ai/trends?metric=orders&granularity=year", "granularity"),
        ("/api/v1/ai/trends?metric=orders&from=2025-02-01&to=2025-01-01", "from"),
        ("/api/v1/ai/forecast?metric=orders&horizon=0", "horizon"),
        ("/api/v1/ai/forecast?metric=orders&horizon=400", "horizon"),
        ("/api/v1/ai/forecast?metric=orders&as_of=soon", "as_of"),
    ] {
        let response = app.get(path, token).await;
        assert!(response.status().is_client_error(), "{path}: {}", response.status());
        names_field(&response.json().await.unwrap(), field);
    }
    let (_, manager) = app.user_with_role(token, Role::Manager).await;
    for path in ["/api/v1/ai/trends?metric=orders", "/api/v1/ai/forecast?metric=orders"] {
        problem(
            app.get(path, &manager.access_token).await,
            StatusCode::FORBIDDEN,
            "permission_denied",
        )
        .await;
    }
}

#[tokio::test]
async fn the_running_day_is_shown_but_left_out_of_the_trend() {
    let app = spawn_app().await;
    let owner = app.register("Steady").await;
    let token = owner.access_token.as_str();
    let key = ingest_key(&app, token, &["ingest"]).await;
    let today = Utc::now().date_naive();
    let from = today - Duration::days(40);
    // Two orders every day up to yesterday; today has only just begun: none yet.
    let items: Vec<Value> = (0..40)
        .flat_map(|offset| {
            let date = from + Duration::days(offset);
            (0..2).map(move |n| {
                json!({"external_id": format!("o-{offset}-{n}"), "customer_external_id": "c-1",
                       "amount": "100.00", "purchased_at": format!("{date}T12:00:00Z")})
            })
        })
        .collect();
    let result: IngestBatchResult = ok_json(
        app.post("/api/v1/ingest/purchases/batch", Some(&key), &json!({"items": items}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(result.failed, 0);

    let daily: Trend = ok_json(
        app.get(
            &format!("/api/v1/ai/trends?metric=orders&granularity=day&from={from}"),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(daily.series.len(), 41, "today is in the series");
    assert_eq!(daily.series.last().map(|p| (p.date, p.value)), Some((today, 0.0)));
    assert_eq!(daily.partial_from, Some(today));
    assert_eq!(daily.direction, TrendDirection::Flat);
    assert!(
        daily.anomalies.is_empty(),
        "today's empty morning is no anomaly: {:?}",
        daily.anomalies
    );

    let closed: Trend = ok_json(
        app.get(
            &format!(
                "/api/v1/ai/trends?metric=orders&granularity=day&from={from}&to={}",
                today - Duration::days(1)
            ),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        closed.partial_from, None,
        "a period that has ended has no running bucket"
    );
}
