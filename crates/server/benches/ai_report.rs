//! The AI assistant's speed over HTTP against a running Voronka (issue 7's target: the sales
//! report for a company with 100,000 purchases by 20,000 customers in ≤ 300 ms).
//!
//! Registers a new company, pushes the customers and a year of purchases through the ingest
//! batch API (seeded, so every run has the same data: a weekly rhythm, a slow rise, buyers whose
//! habits differ), then times each question N times after one warm-up call: the report over the
//! year, the segments, a monthly revenue trend and a weekly forecast. Every answer is checked
//! (status 200 and the expected shape). Without a base URL it explains itself and exits
//! successfully, so `cargo bench` does not fail. Prints a Markdown table.
//!
//! ```text
//! cargo bench -p voronka-server --bench ai_report -- --base-url http://127.0.0.1:8080
//! ```

use std::time::Instant;

use anyhow::ensure;
use chrono::{Duration, NaiveDate, Utc};
use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

#[derive(Debug, Parser)]
#[command(about = "Voronka AI report benchmark (latency over HTTP)")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080. Without it the benchmark is skipped.
    #[arg(long, env = "AI_BENCH_URL")]
    base_url: Option<String>,
    #[arg(long, default_value_t = 20_000)]
    customers: usize,
    #[arg(long, default_value_t = 100_000)]
    purchases: usize,
    /// Timed calls per question.
    #[arg(long, default_value_t = 20)]
    runs: usize,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<Value> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        ensure!(
            status.is_success(),
            "{path}: {status}: {}",
            text.chars().take(300).collect::<String>()
        );
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// The owner's token and an ingest key's secret of a new company.
async fn company(api: &Api) -> anyhow::Result<(String, String)> {
    let stamp = Utc::now().timestamp_millis();
    let register = json!({"company_name": format!("AI bench {stamp}"), "name": "Bench Owner",
                          "email": format!("ai-{stamp}@bench.voronka.test"), "password": "Bench-Voronka-2026"});
    let session = api
        .send(reqwest::Method::POST, "/api/v1/auth/register", "", Some(&register))
        .await?;
    let token = session["access_token"].as_str().unwrap_or_default().to_owned();
    let key = api
        .send(
            reqwest::Method::POST,
            "/api/v1/api-keys",
            &token,
            Some(&json!({"name": "ai bench", "scopes": ["ingest"]})),
        )
        .await?;
    Ok((token, key["secret"].as_str().unwrap_or_default().to_owned()))
}

/// Customers, then a year of purchases up to yesterday: weekdays busier, a slow rise, and
/// customers drawn unevenly (a few buy often, most rarely).
async fn push(api: &Api, key: &str, args: &Args, today: NaiveDate) -> anyhow::Result<()> {
    for start in (0..args.customers).step_by(1_000) {
        let items: Vec<Value> = (start..(start + 1_000).min(args.customers))
            .map(|n| json!({"external_id": format!("c-{n}"), "name": format!("Customer {n}")}))
            .collect();
        let done = api
            .send(
                reqwest::Method::POST,
                "/api/v1/ingest/customers/batch",
                key,
                Some(&json!({"items": items})),
            )
            .await?;
        ensure!(done["failed"] == 0, "customers failed: {done}");
    }
    let mut rng = StdRng::seed_from_u64(7);
    let first = today - Duration::days(365);
    let mut items = Vec::with_capacity(1_000);
    for n in 0..args.purchases {
        let day = loop {
            let offset = rng.random_range(0..365i64);
            let date = first + Duration::days(offset);
            let weekend = matches!(chrono::Datelike::weekday(&date).num_days_from_monday(), 5 | 6);
            let keep = (0.4 + 0.6 * offset as f64 / 365.0) * if weekend { 0.5 } else { 1.0 };
            if rng.random_bool(keep.min(1.0)) {
                break date;
            }
        };
        let customer = ((rng.random::<f64>().powi(3)) * args.customers as f64) as usize;
        let amount = rng.random_range(500..50_000) as f64 / 10.0;
        items.push(
            json!({"external_id": format!("p-{n}"), "customer_external_id": format!("c-{customer}"),
                          "amount": format!("{amount:.2}"), "purchased_at": format!("{day}T10:00:00Z"),
                          "items": [{"sku": format!("sku-{}", n % 40), "name": format!("Product {}", n % 40),
                                     "quantity": "1", "unit_price": format!("{amount:.2}")}]}),
        );
        if items.len() == 1_000 || n + 1 == args.purchases {
            let done = api
                .send(
                    reqwest::Method::POST,
                    "/api/v1/ingest/purchases/batch",
                    key,
                    Some(&json!({"items": std::mem::take(&mut items)})),
                )
                .await?;
            ensure!(done["failed"] == 0, "purchases failed: {done}");
        }
    }
    Ok(())
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // reqwest is built without a TLS provider of its own (the server picks ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some(base) = args.base_url.clone() else {
        println!("ai_report: no --base-url (or AI_BENCH_URL): start a server and pass its address; skipped");
        return Ok(());
    };
    let api = Api {
        http: reqwest::Client::new(),
        base: base.trim_end_matches('/').to_owned(),
    };
    let (token, key) = company(&api).await?;
    let today = Utc::now().date_naive();
    let started = Instant::now();
    push(&api, &key, &args, today).await?;
    println!(
        "pushed {} customers and {} purchases in {:.1} s",
        args.customers,
        args.purchases,
        started.elapsed().as_secs_f64()
    );
    let from = today - Duration::days(365);
    let to = today - Duration::days(1);
    let month = to - Duration::days(29);
    let questions: [(&str, String, &str); 5] = [
        (
            "report, one year",
            format!("/api/v1/ai/report?from={from}&to={to}"),
            "forecast",
        ),
        (
            "report, 30 days",
            format!("/api/v1/ai/report?from={month}&to={to}"),
            "forecast",
        ),
        ("segments", "/api/v1/ai/segments".to_owned(), "segments"),
        (
            "trend, revenue by month",
            format!("/api/v1/ai/trends?metric=revenue&granularity=month&from={from}&to={to}"),
            "series",
        ),
        (
            "forecast, revenue by week",
            "/api/v1/ai/forecast?metric=revenue&granularity=week&horizon=12".to_owned(),
            "points",
        ),
    ];
    println!("\n| question | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
    for (name, path, field) in questions {
        let first = api.send(reqwest::Method::GET, &path, &token, None).await?;
        ensure!(first.get(field).is_some(), "{name}: no `{field}` in the answer");
        let mut times = Vec::with_capacity(args.runs);
        for _ in 0..args.runs {
            let t = Instant::now();
            api.send(reqwest::Method::GET, &path, &token, None).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | {} | {:.0} | {:.0} | {:.0} |",
            args.runs,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.last().copied().unwrap_or(f64::NAN)
        );
    }
    Ok(())
}
