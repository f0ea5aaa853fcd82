//! CRM load benchmark over HTTP against a running Voronka (see `run-crm-bench.sh`, which
//! seeds a million leads on a throwaway PostgreSQL and runs this).
//!
//! Two suites: `crm` (issue 3: lead list, board, phone search) and `team` (issue 6: the team's
//! KPI over 12 months, the report builder grouping every lead by source and month).
//! One keep-alive client sends requests one after another (latency, not throughput): after a
//! warm-up, N measured requests per scenario with a varied stage, owner or phone each time.
//! Prints median, p90, p99 and max per scenario against its target, plus the server's memory
//! when its pid is given. Without a base URL it explains itself and exits successfully, so
//! `cargo bench` on a developer machine does not fail.
//!
//! ```text
//! cargo bench -p voronka-server --bench crm_load -- --base-url http://127.0.0.1:8080 \
//!     --email owner@demo.voronka.test --password Demo-Voronka-2026 --requests 500
//! ```

use std::time::{Duration, Instant};

use clap::Parser;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use voronka_types::auth::AuthSession;
use voronka_types::kpi::KpiReport;
use voronka_types::leads::Lead;
use voronka_types::pipelines::{Board, Pipeline, PipelineKind};
use voronka_types::reports::ReportTable;
use voronka_types::users::User;
use voronka_types::{Page, Role};

#[derive(Debug, Parser)]
#[command(about = "Voronka CRM load benchmark (latency over HTTP)")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080. Without it the benchmark is skipped.
    #[arg(long, env = "CRM_BENCH_URL")]
    base_url: Option<String>,
    #[arg(long, env = "CRM_BENCH_EMAIL", default_value = "owner@demo.voronka.test")]
    email: String,
    #[arg(long, env = "CRM_BENCH_PASSWORD", default_value = "Demo-Voronka-2026")]
    password: String,
    /// Measured requests per scenario.
    #[arg(long, env = "CRM_BENCH_REQUESTS", default_value_t = 500)]
    requests: usize,
    /// Unmeasured requests per scenario first.
    #[arg(long, env = "CRM_BENCH_WARMUP", default_value_t = 200)]
    warmup: usize,
    /// The server's process id, to report its memory (Linux).
    #[arg(long, env = "CRM_BENCH_SERVER_PID")]
    server_pid: Option<u32>,
    /// Which scenarios: `crm` (list, board, search) or `team` (KPI, report builder).
    #[arg(long, env = "CRM_BENCH_SUITE", default_value = "crm")]
    suite: Suite,
    /// Seed for picking stages, owners and phones.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Suite {
    Crm,
    Team,
}

struct Client {
    http: reqwest::Client,
    base: String,
    email: String,
    password: String,
    token: String,
}

impl Client {
    async fn login(&mut self) -> anyhow::Result<()> {
        let body = serde_json::json!({"email": self.email, "password": self.password});
        let response = self
            .http
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&body)
            .send()
            .await?;
        anyhow::ensure!(
            response.status() == StatusCode::OK,
            "login failed: {}",
            response.text().await?
        );
        self.token = response.json::<AuthSession>().await?.access_token;
        Ok(())
    }

    /// GET (or POST with a JSON body) with the bearer token, signing in again once if it
    /// expired. Answers the status, the body and how long the whole exchange took.
    async fn send(&mut self, request: &Request) -> anyhow::Result<(StatusCode, Vec<u8>, Duration)> {
        let url = format!("{}{}", self.base, request.path);
        for attempt in 0..2 {
            let started = Instant::now();
            let builder = match &request.body {
                Some(body) => self.http.post(&url).json(body),
                None => self.http.get(&url),
            };
            let response = builder.bearer_auth(&self.token).send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            let took = started.elapsed();
            if status == StatusCode::UNAUTHORIZED && attempt == 0 {
                self.login().await?;
                continue;
            }
            return Ok((status, body.to_vec(), took));
        }
        anyhow::bail!("still unauthorized after signing in again")
    }

    async fn json<T: DeserializeOwned>(&mut self, path: &str) -> anyhow::Result<T> {
        let (status, body, _) = self.send(&Request::get(path.to_owned())).await?;
        anyhow::ensure!(status == StatusCode::OK, "GET {path}: {status}: {}", preview(&body));
        Ok(serde_json::from_slice(&body)?)
    }
}

/// The start of a body, for error messages.
fn preview(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(300).collect()
}

/// A path to GET, or to POST a JSON body to.
struct Request {
    path: String,
    body: Option<serde_json::Value>,
}

impl Request {
    fn get(path: String) -> Self {
        Self { path, body: None }
    }
}

/// One kind of request, its target p99 and the requests to send.
struct Scenario {
    name: &'static str,
    target_p99_ms: f64,
    requests: Vec<Request>,
    /// Checks an answer (e.g. that a phone search found someone); false counts as a miss.
    check: fn(&[u8]) -> bool,
}

struct Outcome {
    name: &'static str,
    target_p99_ms: f64,
    latencies_ms: Vec<f64>,
    errors: usize,
    misses: usize,
    bytes: usize,
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `8 916 123-45-67` for `+79161234567`: the number as typed, not as stored.
fn typed_differently(e164: &str) -> String {
    let d = e164.trim_start_matches('+');
    if let Some(n) = d.strip_prefix('7').filter(|n| n.len() == 10) {
        format!("8 {} {}-{}-{}", &n[0..3], &n[3..6], &n[6..8], &n[8..10])
    } else if let Some(n) = d.strip_prefix("44").filter(|n| n.len() == 10) {
        format!("+44 ({}) {}", &n[0..4], &n[4..10])
    } else if let Some(n) = d.strip_prefix('1').filter(|n| n.len() == 10) {
        format!("+1 ({}) {}.{}", &n[0..3], &n[3..6], &n[6..10])
    } else {
        e164.to_owned()
    }
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn found_someone(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|page| page.get("total").and_then(serde_json::Value::as_u64))
        .is_some_and(|total| total > 0)
}

fn a_page_of_leads(body: &[u8]) -> bool {
    serde_json::from_slice::<Page<Lead>>(body).is_ok_and(|page| page.items.len() <= 50)
}

fn a_full_board(body: &[u8]) -> bool {
    serde_json::from_slice::<Board<Lead>>(body)
        .is_ok_and(|board| !board.columns.is_empty() && board.columns.iter().all(|c| c.cards.len() <= 50))
}

async fn scenarios(client: &mut Client, args: &Args) -> anyhow::Result<Vec<Scenario>> {
    match args.suite {
        Suite::Crm => crm_scenarios(client, args).await,
        Suite::Team => Ok(team_scenarios(args)),
    }
}

fn a_team_kpi(body: &[u8]) -> bool {
    serde_json::from_slice::<KpiReport>(body)
        .is_ok_and(|kpi| kpi.managers.len() >= 50 && kpi.team.total.leads_received > 0)
}

fn a_grouped_table(body: &[u8]) -> bool {
    serde_json::from_slice::<ReportTable>(body).is_ok_and(|table| table.rows.len() > 1)
}

/// Issue 6's scale: the team's KPI over the last 12 months (by month and by week) and the
/// report builder grouping every lead by source and creation month.
fn team_scenarios(args: &Args) -> Vec<Scenario> {
    let n = args.requests + args.warmup;
    let today = chrono::Utc::now().date_naive();
    let from = today - chrono::Duration::days(365);
    let kpi = |granularity: &str| {
        (0..n)
            .map(|_| Request::get(format!("/api/v1/kpi?from={from}&to={today}&granularity={granularity}")))
            .collect()
    };
    let builder = serde_json::json!({
        "entity": "leads",
        "group_by": [{"field": "source"}, {"field": "created_at", "bucket": "month"}],
        "measures": [{"fn": "count"}],
        "limit": 1000,
    });
    vec![
        Scenario {
            name: "team KPI: 12 months by month",
            target_p99_ms: 200.0,
            requests: kpi("month"),
            check: a_team_kpi,
        },
        Scenario {
            name: "team KPI: 12 months by week",
            target_p99_ms: 200.0,
            requests: kpi("week"),
            check: a_team_kpi,
        },
        Scenario {
            name: "report builder: all leads by source and month",
            target_p99_ms: 500.0,
            requests: (0..n)
                .map(|_| Request {
                    path: "/api/v1/reports/query".to_owned(),
                    body: Some(builder.clone()),
                })
                .collect(),
            check: a_grouped_table,
        },
    ]
}

async fn crm_scenarios(client: &mut Client, args: &Args) -> anyhow::Result<Vec<Scenario>> {
    let mut rng = StdRng::seed_from_u64(args.seed);
    let pipelines: Vec<Pipeline> = client.json("/api/v1/pipelines?kind=lead").await?;
    let pipeline = pipelines
        .into_iter()
        .find(|p| p.is_default && p.kind == PipelineKind::Lead)
        .ok_or_else(|| anyhow::anyhow!("no default lead pipeline"))?;
    let users: Page<User> = client.json("/api/v1/users?limit=200").await?;
    let managers: Vec<User> = users.items.into_iter().filter(|u| u.role == Role::Manager).collect();
    anyhow::ensure!(
        !managers.is_empty(),
        "the company has no managers: seed it with seed-demo"
    );
    // Phones of contacts that have leads, so both searches should find someone every time.
    let mut phones = Vec::new();
    for manager in managers.iter().take(10) {
        let page: Page<Lead> = client
            .json(&format!("/api/v1/leads?owner_id={}&limit=100", manager.id))
            .await?;
        phones.extend(page.items.into_iter().filter_map(|l| l.contact.phone_e164));
    }
    anyhow::ensure!(!phones.is_empty(), "no contact has a phone");
    let n = args.requests + args.warmup;
    let list = (0..n)
        .map(|_| {
            let stage = &pipeline.stages[rng.random_range(0..pipeline.stages.len())];
            let owner = managers.choose(&mut rng).map(|m| m.id.to_string()).unwrap_or_default();
            Request::get(format!(
                "/api/v1/leads?stage_id={}&owner_id={owner}&sort=score&limit=50",
                stage.id
            ))
        })
        .collect();
    let board = (0..n)
        .map(|_| Request::get("/api/v1/leads/board?per_stage=50".to_owned()))
        .collect();
    let typed: Vec<String> = (0..n)
        .map(|_| typed_differently(phones.choose(&mut rng).map(String::as_str).unwrap_or_default()))
        .collect();
    Ok(vec![
        Scenario {
            name: "lead list: stage + owner, by score, 50",
            target_p99_ms: 15.0,
            requests: list,
            check: a_page_of_leads,
        },
        Scenario {
            name: "lead board: 7 stages x 50 + totals",
            target_p99_ms: 50.0,
            requests: board,
            check: a_full_board,
        },
        Scenario {
            name: "lead search by phone (other format)",
            target_p99_ms: 30.0,
            requests: typed
                .iter()
                .map(|q| Request::get(format!("/api/v1/leads?q={}&limit=50", urlencode(q))))
                .collect(),
            check: found_someone,
        },
        Scenario {
            name: "contact search by phone (other format)",
            target_p99_ms: 30.0,
            requests: typed
                .iter()
                .map(|q| Request::get(format!("/api/v1/contacts?q={}&limit=50", urlencode(q))))
                .collect(),
            check: found_someone,
        },
    ])
}

async fn run(client: &mut Client, scenario: &Scenario, warmup: usize) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome {
        name: scenario.name,
        target_p99_ms: scenario.target_p99_ms,
        latencies_ms: Vec::new(),
        errors: 0,
        misses: 0,
        bytes: 0,
    };
    for (i, request) in scenario.requests.iter().enumerate() {
        let (status, body, took) = client.send(request).await?;
        if i < warmup {
            continue;
        }
        outcome.latencies_ms.push(took.as_secs_f64() * 1000.0);
        outcome.bytes += body.len();
        if !status.is_success() {
            outcome.errors += 1;
            if outcome.errors == 1 {
                eprintln!("  {status} for {}: {}", request.path, preview(&body));
            }
        } else if !(scenario.check)(&body) {
            outcome.misses += 1;
        }
    }
    outcome.latencies_ms.sort_by(f64::total_cmp);
    Ok(outcome)
}

/// `VmRSS` and `VmHWM` (peak) of a process, in MiB.
fn memory_mib(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // reqwest is built without a TLS provider of its own (the server picks ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some(base) = args.base_url.clone() else {
        eprintln!("crm_load: no --base-url (or CRM_BENCH_URL): skipped. Run crates/server/benches/run-crm-bench.sh");
        return Ok(());
    };
    let mut client = Client {
        http: reqwest::Client::builder().pool_max_idle_per_host(1).build()?,
        base: base.trim_end_matches('/').to_owned(),
        email: args.email.clone(),
        password: args.password.clone(),
        token: String::new(),
    };
    client.login().await?;
    let scenarios = scenarios(&mut client, &args).await?;
    let memory_before = args.server_pid.and_then(memory_mib);
    let started = Instant::now();
    let mut outcomes = Vec::new();
    for scenario in &scenarios {
        eprintln!(
            "running: {} ({} + {} warm-up)",
            scenario.name, args.requests, args.warmup
        );
        outcomes.push(run(&mut client, scenario, args.warmup).await?);
    }
    let total = started.elapsed();
    println!();
    println!("| scenario | requests | median ms | p90 ms | p99 ms | max ms | target p99 | result | avg KiB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|---:|");
    for o in &outcomes {
        let l = &o.latencies_ms;
        let p99 = percentile(l, 0.99);
        let verdict = match (o.errors, o.misses) {
            (0, 0) if p99 <= o.target_p99_ms => "met".to_owned(),
            (0, 0) => "MISSED".to_owned(),
            (e, m) => format!("{e} errors, {m} wrong or not found"),
        };
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | ≤ {:.0} | {verdict} | {:.1} |",
            o.name,
            l.len(),
            percentile(l, 0.5),
            percentile(l, 0.9),
            p99,
            l.last().copied().unwrap_or(f64::NAN),
            o.target_p99_ms,
            o.bytes as f64 / l.len().max(1) as f64 / 1024.0,
        );
    }
    println!();
    println!("total time: {:.1}s", total.as_secs_f64());
    if let Some(pid) = args.server_pid {
        match (memory_before, memory_mib(pid)) {
            (Some((before, _)), Some((after, peak))) => {
                println!("server memory: RSS {before:.0} MiB before, {after:.0} MiB after, peak {peak:.0} MiB")
            }
            _ => println!("server memory: not readable for pid {pid}"),
        }
    }
    Ok(())
}
