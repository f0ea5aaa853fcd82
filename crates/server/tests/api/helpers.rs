//! `spawn_app()` and typed calls shared by the API tests.

use std::sync::{Arc, Mutex};

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use voronka_server::config::{Config, Secret};
use voronka_server::mail::{Mailer, OutgoingMail};
use voronka_server::{AppState, Application};
use voronka_types::auth::{AuthSession, RegisterRequest};
use voronka_types::users::{CreateUser, User};
use voronka_types::{Problem, Role};

pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-!!";
pub const PASSWORD: &str = "Correct-Horse-42";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub outbox: Arc<Mutex<Vec<OutgoingMail>>>,
    /// For tests that act as an operator on the database directly (CLI commands).
    pub database_url: String,
    /// The server's state, for driving background jobs (`run_jobs`) and reading the database.
    pub state: AppState,
    _database: TestDatabase,
}

/// A database that exists for one test and is removed after it.
enum TestDatabase {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            TestDatabase::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async code: use a short-lived runtime on its own thread.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async {
                        let db = Database::connect(&admin_url).await.ok()?;
                        db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}

async fn test_database() -> (String, TestDatabase) {
    let engine = std::env::var("VORONKA_TEST_DATABASE").unwrap_or_default();
    if engine == "postgres" {
        let admin_url = std::env::var("VORONKA_TEST_POSTGRES_URL").expect(
            "VORONKA_TEST_DATABASE=postgres needs VORONKA_TEST_POSTGRES_URL (postgres://user@host:port/postgres)",
        );
        let name = format!("voronka_test_{}", Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("cannot reach the test PostgreSQL server");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("cannot create test database");
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
        (format!("{base}/{name}"), TestDatabase::Postgres { admin_url, name })
    } else {
        let path = std::env::temp_dir().join(format!("voronka-test-{}.db", Uuid::new_v4().simple()));
        (
            format!("sqlite://{}?mode=rwc", path.display()),
            TestDatabase::Sqlite(path),
        )
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the server with test settings adjusted by `tweak`.
pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        voronka_server::telemetry::init(&Config {
            log_level: "debug".into(),
            ..Config::default()
        });
    }
    let (database_url, database) = test_database().await;
    let mut config = Config {
        port: 0,
        database_url: Secret(database_url.clone()),
        jwt_secret: Some(Secret(JWT_SECRET.into())),
        static_dir: "/nonexistent-voronka-pwa".into(),
        workers: Some(1),
        public_url: "http://voronka.test".into(),
        // Tests run due jobs themselves (`run_jobs`), so nothing runs behind their back.
        jobs_enabled: false,
        // Webhook tests deliver to receivers on 127.0.0.1.
        allow_private_webhook_targets: true,
        ..Config::default()
    };
    tweak(&mut config);
    let outbox = Arc::new(Mutex::new(Vec::new()));
    let app = Application::build_with_mailer(config, Mailer::Memory(outbox.clone()))
        .await
        .expect("the app should start");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        outbox,
        database_url,
        state,
        _database: database,
    }
}

/// A unique e-mail for this test run.
pub fn unique_email(who: &str) -> String {
    format!("{who}.{}@example.com", &Uuid::new_v4().simple().to_string()[..10])
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token)).send().await.unwrap()
    }

    pub async fn post<B: Serialize>(&self, path: &str, token: Option<&str>, body: &B) -> Response {
        self.request(Method::POST, path, token).json(body).send().await.unwrap()
    }

    pub async fn patch<B: Serialize>(&self, path: &str, token: &str, body: &B) -> Response {
        self.request(Method::PATCH, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put<B: Serialize>(&self, path: &str, token: &str, body: &B) -> Response {
        self.request(Method::PUT, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.request(Method::DELETE, path, Some(token)).send().await.unwrap()
    }

    /// Registers a company; answers the owner's session.
    pub async fn register(&self, company: &str) -> AuthSession {
        let body = RegisterRequest {
            company_name: company.into(),
            name: format!("{company} Owner"),
            email: unique_email("owner"),
            password: PASSWORD.into(),
        };
        let response = self.post("/api/v1/auth/register", None, &body).await;
        ok_json(response, StatusCode::CREATED).await
    }

    /// Registers a company from a browser that prefers Russian (locale `ru`, roubles).
    pub async fn register_russian(&self) -> AuthSession {
        let body = serde_json::json!({"company_name": "Строй Плюс", "name": "Ольга", "email": unique_email("olga"), "password": PASSWORD});
        let response = self
            .request(Method::POST, "/api/v1/auth/register", None)
            .header("accept-language", "ru-RU,ru;q=0.9")
            .json(&body)
            .send()
            .await
            .unwrap();
        ok_json(response, StatusCode::CREATED).await
    }

    /// Creates a user with a password in the owner's company and signs them in.
    pub async fn user_with_role(&self, owner_token: &str, role: Role) -> (User, AuthSession) {
        let email = unique_email(role.as_str());
        let body = CreateUser {
            name: format!("Test {role}"),
            email: email.clone(),
            role,
            start_date: None,
            status: None,
            password: Some(PASSWORD.into()),
        };
        let user: User = ok_json(
            self.post("/api/v1/users", Some(owner_token), &body).await,
            StatusCode::CREATED,
        )
        .await;
        let session = self.login(&email, PASSWORD).await;
        (user, session)
    }

    pub async fn login(&self, email: &str, password: &str) -> AuthSession {
        let body = serde_json::json!({ "email": email, "password": password });
        ok_json(self.post("/api/v1/auth/login", None, &body).await, StatusCode::OK).await
    }

    pub fn sent_mail(&self) -> Vec<OutgoingMail> {
        self.outbox.lock().unwrap().clone()
    }

    /// Runs due background jobs until none is left (jobs may queue more, such as a
    /// reminder's e-mail); answers how many ran.
    pub async fn run_jobs(&self) -> usize {
        let mut total = 0;
        for _ in 0..10 {
            match voronka_server::jobs::run_due(&self.state).await {
                0 => break,
                ran => total += ran,
            }
        }
        total
    }
}

/// Asserts the status and parses the body.
pub async fn ok_json<T: DeserializeOwned>(response: Response, expected: StatusCode) -> T {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, expected, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {text}: {e}"))
}

/// Asserts a problem+json answer with `status` and `code`; answers the problem.
pub async fn problem(response: Response, status: StatusCode, code: &str) -> Problem {
    let actual = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.unwrap();
    assert_eq!(actual, status, "unexpected status; body: {text}");
    assert_eq!(content_type, "application/problem+json", "body: {text}");
    let problem: Problem = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not a problem: {text}: {e}"));
    assert_eq!(problem.code, code, "body: {text}");
    assert_eq!(problem.status, status.as_u16());
    problem
}

/// Asserts that a problem names `field` among its errors.
pub fn names_field(problem: &Problem, field: &str) {
    assert!(
        problem.errors.iter().any(|e| e.field == field),
        "expected an error for `{field}`, got {:?}",
        problem.errors
    );
}

/// Percent-encodes a query value (non-ASCII and punctuation included).
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The first sheet of an XLSX file as rows of cell texts (empty cells as "").
pub fn xlsx_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| {
                    if *c == Data::Empty {
                        String::new()
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect()
}
