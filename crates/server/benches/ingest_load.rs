//! Ingest load benchmark over HTTP against a running Voronka (see `run-ingest-bench.sh`, which
//! starts a throwaway PostgreSQL and the server and runs `pgbench` beside this).
//!
//! Registers a new company, creates an API key with the `ingest` scope, pushes the customers,
//! then measures throughput with several keep-alive connections in parallel:
//! (a) single purchases (`POST /api/v1/ingest/purchases`) for a while at concurrency C:
//!     requests/s and latency percentiles;
//! (b) batches of 1,000 (`POST /api/v1/ingest/purchases/batch`): purchases/s.
//!
//! Every answer is checked (201 for a single purchase, 1,000 created for a batch); anything
//! else is counted as an error. Without a base URL it explains itself and exits successfully,
//! so `cargo bench` does not fail. Prints a Markdown table and one `RESULT …` line for scripts.
//!
//! ```text
//! cargo bench -p voronka-server --bench ingest_load -- --base-url http://127.0.0.1:8080 \
//!     --concurrency 32 --seconds 20
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[derive(Debug, Parser)]
#[command(about = "Voronka ingest load benchmark (throughput over HTTP)")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080. Without it the benchmark is skipped.
    #[arg(long, env = "INGEST_BENCH_URL")]
    base_url: Option<String>,
    /// Customers pushed before the purchases (purchases name them at random).
    #[arg(long, default_value_t = 10_000)]
    customers: usize,
    /// Connections sending single purchases at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Connections sending batches at once.
    #[arg(long, default_value_t = 4)]
    batch_concurrency: usize,
    /// Measured seconds per scenario.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Unmeasured seconds per scenario first.
    #[arg(long, default_value_t = 3)]
    warmup_seconds: u64,
    /// Items per batch (the API takes at most 1,000).
    #[arg(long, default_value_t = 1_000)]
    batch_size: usize,
    /// Send an `Idempotency-Key` with every request (the server then stores each answer).
    #[arg(long)]
    idempotency_keys: bool,
    /// Which scenarios: `single`, `batch` or `both`.
    #[arg(long, default_value = "both")]
    scenarios: String,
    /// The server's process id, to report its memory (Linux).
    #[arg(long)]
    server_pid: Option<u32>,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    async fn post(
        &self,
        path: &str,
        body: &Value,
        token: Option<&str>,
        idem: Option<String>,
    ) -> anyhow::Result<(StatusCode, Vec<u8>)> {
        let mut request = self.http.post(format!("{}{path}", self.base)).json(body);
        request = request.bearer_auth(token.unwrap_or(&self.key));
        if let Some(key) = idem {
            request = request.header("Idempotency-Key", key);
        }
        let response = request.send().await?;
        let status = response.status();
        Ok((status, response.bytes().await?.to_vec()))
    }
}

fn preview(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(300).collect()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// A new company and an API key with the `ingest` scope; answers the key's secret.
async fn setup(api: &mut Api) -> anyhow::Result<()> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    let register = json!({
        "company_name": format!("Ingest bench {stamp}"), "name": "Bench Owner",
        "email": format!("ingest-{stamp}@bench.voronka.test"), "password": "Bench-Voronka-2026",
    });
    let (status, body) = api.post("/api/v1/auth/register", &register, Some(""), None).await?;
    anyhow::ensure!(status == StatusCode::CREATED, "register: {status}: {}", preview(&body));
    let session: Value = serde_json::from_slice(&body)?;
    let token = session["access_token"].as_str().unwrap_or_default().to_owned();
    let new_key = json!({"name": "ingest bench", "scopes": ["ingest"]});
    let (status, body) = api.post("/api/v1/api-keys", &new_key, Some(&token), None).await?;
    anyhow::ensure!(status == StatusCode::CREATED, "api key: {status}: {}", preview(&body));
    let created: Value = serde_json::from_slice(&body)?;
    api.key = created["secret"].as_str().unwrap_or_default().to_owned();
    anyhow::ensure!(!api.key.is_empty(), "the new API key has no secret");
    Ok(())
}

async fn push_customers(api: &Api, count: usize) -> anyhow::Result<()> {
    for start in (1..=count).step_by(1_000) {
        let items: Vec<Value> = (start..=(start + 999).min(count))
            .map(|n| json!({"external_id": format!("c-{n}"), "name": format!("Customer {n}")}))
            .collect();
        let (status, body) = api
            .post("/api/v1/ingest/customers/batch", &json!({"items": items}), None, None)
            .await?;
        let result: Value = serde_json::from_slice(&body).unwrap_or_default();
        anyhow::ensure!(
            status == StatusCode::OK && result["failed"] == 0,
            "customers: {status}: {}",
            preview(&body)
        );
    }
    Ok(())
}

fn purchase(rng: &mut StdRng, customers: usize, external_id: String) -> Value {
    let minor: u32 = rng.random_range(100..1_000_000);
    json!({
        "external_id": external_id,
        "customer_external_id": format!("c-{}", rng.random_range(1..=customers)),
        "amount": format!("{}.{:02}", minor / 100, minor % 100),
        "items": [{"sku": "TEA-01", "name": "Green tea", "quantity": 2, "unit_price": "5.00"}],
        "attributes": {"channel": "web"},
    })
}

/// Makes a request body for (worker, request number).
type MakeBody = Arc<dyn Fn(&mut StdRng, usize, usize) -> Value + Send + Sync>;

/// What one scenario saw inside its measured window.
#[derive(Default)]
struct Tally {
    latencies_ms: Vec<f64>,
    requests: usize,
    purchases: usize,
    errors: usize,
}

/// `connections` loops sending `make(worker, n)` until the window closes; only requests started
/// after the warm-up and finished before the end count.
async fn drive(
    api: &Api,
    args: &Args,
    connections: usize,
    path: &'static str,
    per_request: usize,
    make: MakeBody,
) -> anyhow::Result<(Tally, Duration)> {
    let started = Instant::now();
    let measure_from = started + Duration::from_secs(args.warmup_seconds);
    let until = measure_from + Duration::from_secs(args.seconds);
    let mut tasks = Vec::new();
    for worker in 0..connections {
        let api = api.clone();
        let make = make.clone();
        let idem = args.idempotency_keys;
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(worker as u64);
            let mut tally = Tally::default();
            let mut n = 0;
            while Instant::now() < until {
                n += 1;
                let body = make(&mut rng, worker, n);
                let key = idem.then(|| format!("{path}-{worker}-{n}"));
                let sent = Instant::now();
                let answer = api.post(path, &body, None, key).await;
                let done = Instant::now();
                if sent < measure_from || done > until {
                    continue;
                }
                tally.requests += 1;
                tally.latencies_ms.push((done - sent).as_secs_f64() * 1000.0);
                let created = match &answer {
                    Ok((StatusCode::CREATED, _)) if per_request == 1 => 1,
                    Ok((StatusCode::OK, body)) if per_request > 1 => serde_json::from_slice::<Value>(body)
                        .ok()
                        .and_then(|r| r["created"].as_u64())
                        .unwrap_or(0) as usize,
                    _ => 0,
                };
                if created != per_request {
                    tally.errors += 1;
                    if tally.errors == 1 {
                        match &answer {
                            Ok((status, body)) => eprintln!("  {status} for {path}: {}", preview(body)),
                            Err(error) => eprintln!("  {path}: {error}"),
                        }
                    }
                }
                tally.purchases += created;
            }
            tally
        }));
    }
    let mut total = Tally::default();
    for task in tasks {
        let tally = task.await?;
        total.latencies_ms.extend(tally.latencies_ms);
        total.requests += tally.requests;
        total.purchases += tally.purchases;
        total.errors += tally.errors;
    }
    total.latencies_ms.sort_by(f64::total_cmp);
    Ok((total, Duration::from_secs(args.seconds)))
}

fn memory_mib(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace()
            .nth(1)?
            .parse::<f64>()
            .ok()
            .map(|kib| kib / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn row(name: &str, connections: usize, tally: &Tally, unit_rate: f64, target: &str, met: bool) {
    let l = &tally.latencies_ms;
    println!(
        "| {name} | {connections} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {target} | {} |",
        tally.requests,
        unit_rate,
        percentile(l, 0.5),
        percentile(l, 0.9),
        percentile(l, 0.99),
        l.last().copied().unwrap_or(f64::NAN),
        tally.errors,
        if met && tally.errors == 0 { "met" } else { "MISSED" },
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // reqwest is built without a TLS provider of its own (the server picks ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some(base) = args.base_url.clone() else {
        eprintln!(
            "ingest_load: no --base-url (or INGEST_BENCH_URL): skipped. Run crates/server/benches/run-ingest-bench.sh"
        );
        return Ok(());
    };
    let connections = args.concurrency.max(args.batch_concurrency);
    let mut api = Api {
        http: reqwest::Client::builder().pool_max_idle_per_host(connections).build()?,
        base: base.trim_end_matches('/').to_owned(),
        key: String::new(),
    };
    setup(&mut api).await?;
    eprintln!("pushing {} customers", args.customers);
    push_customers(&api, args.customers).await?;
    let memory_before = args.server_pid.and_then(memory_mib);
    let customers = args.customers;
    println!(
        "| scenario | connections | requests | rate | p50 ms | p90 ms | p99 ms | max ms | errors | target | result |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
    let mut result = String::from("RESULT");
    if args.scenarios != "batch" {
        eprintln!(
            "single purchases: {} connections, {}s + {}s warm-up",
            args.concurrency, args.seconds, args.warmup_seconds
        );
        let make = Arc::new(move |rng: &mut StdRng, worker: usize, n: usize| {
            purchase(rng, customers, format!("s-{worker}-{n}"))
        });
        let (tally, window) = drive(&api, &args, args.concurrency, "/api/v1/ingest/purchases", 1, make).await?;
        let rps = tally.requests as f64 / window.as_secs_f64();
        let p99 = percentile(&tally.latencies_ms, 0.99);
        row(
            "single purchase (req/s)",
            args.concurrency,
            &tally,
            rps,
            "≥ 3,000 req/s, p99 ≤ 25 ms",
            rps >= 3_000.0 && p99 <= 25.0,
        );
        result += &format!(
            " single_rps={rps:.1} single_p50={:.2} single_p99={p99:.2} single_errors={}",
            percentile(&tally.latencies_ms, 0.5),
            tally.errors
        );
    }
    if args.scenarios != "single" {
        eprintln!(
            "batches of {}: {} connections, {}s + {}s warm-up",
            args.batch_size, args.batch_concurrency, args.seconds, args.warmup_seconds
        );
        let size = args.batch_size;
        let make = Arc::new(move |rng: &mut StdRng, worker: usize, n: usize| {
            let items: Vec<Value> = (0..size)
                .map(|i| purchase(rng, customers, format!("b-{worker}-{n}-{i}")))
                .collect();
            json!({"items": items})
        });
        let (tally, window) = drive(
            &api,
            &args,
            args.batch_concurrency,
            "/api/v1/ingest/purchases/batch",
            size,
            make,
        )
        .await?;
        let pps = tally.purchases as f64 / window.as_secs_f64();
        row(
            "batches of 1,000 (purchases/s)",
            args.batch_concurrency,
            &tally,
            pps,
            "≥ 50,000 purchases/s",
            pps >= 50_000.0,
        );
        result += &format!(
            " batch_pps={pps:.1} batch_p99={:.2} batch_errors={}",
            percentile(&tally.latencies_ms, 0.99),
            tally.errors
        );
    }
    if let Some(pid) = args.server_pid
        && let (Some((before, _)), Some((after, peak))) = (memory_before, memory_mib(pid))
    {
        println!("\nserver memory: RSS {before:.0} MiB before, {after:.0} MiB after, peak {peak:.0} MiB");
    }
    println!("{result}");
    Ok(())
}
