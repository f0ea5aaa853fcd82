//! Layered configuration: built-in defaults < optional TOML file < `VORONKA_*` environment
//! variables. Secrets are wrapped in [`Secret`] so they never reach a log line.

use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// A value that must not be logged.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringLike).map(Secret)
    }
}

/// Environment variables are parsed as numbers or booleans when they look like one
/// (`VORONKA_SMTP_PASSWORD=123456`); string settings take them back as text.
struct StringLike;

impl serde::de::Visitor<'_> for StringLike {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

fn optional_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Option::<Secret>::deserialize(deserializer).map(|v| v.map(|s| s.0))
}

fn string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(StringLike)
}

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Local development: reset links are logged when no SMTP is configured.
    Dev,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a local relay or a test server.
    None,
}

/// Everything the server can be told. Each field is also `VORONKA_<FIELD>` in the environment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    pub environment: Environment,
    pub host: String,
    pub port: u16,
    /// `sqlite://path?mode=rwc` (default, embedded) or `postgres://user:pass@host/db`.
    pub database_url: Secret,
    pub database_max_connections: u32,
    /// Where the PWA is reached; used in e-mailed links.
    pub public_url: String,
    /// The built PWA (`trunk build` output) served at `/`.
    pub static_dir: String,
    /// HS256 key for access tokens. Required in production; random per start in dev.
    pub jwt_secret: Option<Secret>,
    pub access_token_ttl_secs: u64,
    pub refresh_token_ttl_days: i64,
    /// Comma-separated origins allowed by CORS; empty means same-origin only.
    #[serde(deserialize_with = "string")]
    pub cors_allowed_origins: String,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    pub login_max_failures_per_account: u64,
    pub login_max_failures_per_ip: u64,
    pub login_throttle_window_secs: i64,
    /// Trust `X-Forwarded-For` for the client address (only behind your own proxy).
    pub trust_proxy_headers: bool,
    #[serde(deserialize_with = "optional_string")]
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    #[serde(deserialize_with = "optional_string")]
    pub smtp_username: Option<String>,
    pub smtp_password: Option<Secret>,
    pub smtp_from: String,
    pub smtp_tls: SmtpTls,
    pub log_format: LogFormat,
    /// `tracing` filter, e.g. `info,voronka_server=debug`; `RUST_LOG` wins when set.
    #[serde(deserialize_with = "string")]
    pub log_level: String,
    pub workers: Option<usize>,
    pub shutdown_timeout_secs: u64,
    /// Run the background job worker in this process (reminders, notification e-mails).
    /// Turn off on instances that should only answer requests; one instance must run it.
    pub jobs_enabled: bool,
    /// Pause between looks for due jobs when there was nothing to do.
    pub jobs_poll_ms: u64,
    /// Most jobs claimed in one pass.
    pub jobs_batch_size: u64,
    /// How long a claimed job belongs to its worker; a job still running then (its worker
    /// crashed or hung) is claimed again by another.
    pub jobs_lease_secs: u64,
    /// Largest file an import endpoint accepts, in bytes (other routes keep `max_body_bytes`).
    pub import_max_bytes: usize,
    /// Files with more data rows than this import in the background (202); smaller ones
    /// answer at once with the report.
    pub import_sync_max_rows: usize,
    /// Rows per transaction of an import; progress is recorded after each chunk.
    pub import_chunk_rows: usize,
    /// Chunks one background job run processes before it hands over to a fresh job.
    pub import_chunks_per_job: usize,
    /// Most rows an XLSX export holds (it is built in memory); CSV exports stream any number.
    pub export_xlsx_max_rows: u64,
    /// Requests a second each API key may make on average (0 = no limit) …
    pub api_key_rate_per_second: f64,
    /// … and in a burst.
    pub api_key_burst: u32,
    /// Submissions one client address may post to one web form per minute (0: no limit).
    /// Counted in this process's memory: behind several instances each counts on its own.
    /// The address is the peer's, or `X-Forwarded-For`'s with `trust_proxy_headers`.
    pub form_submissions_per_minute: u32,
    /// Let webhooks go to private, loopback and link-local addresses (`VORONKA_WEBHOOKS_ALLOW_PRIVATE`
    /// also works). Off by default: a tenant must not reach the server's own network (SSRF).
    pub allow_private_webhook_targets: bool,
    /// Minutes without any activity signal (heartbeat, sign-in) after which a work session
    /// ends and the pause counts as idle (`VORONKA_WORKTIME_IDLE_GAP_MINUTES`; default 10).
    pub worktime_idle_gap_minutes: i64,
    /// An OpenAI-compatible chat-completions server (`http://127.0.0.1:8081/v1`) the AI assistant
    /// may use for the report narrative and lead classification; unset: rules only.
    #[serde(deserialize_with = "optional_string")]
    pub llm_base_url: Option<String>,
    /// Its bearer key, when it needs one.
    pub llm_api_key: Option<Secret>,
    /// The model asked for.
    #[serde(deserialize_with = "string")]
    pub llm_model: String,
    /// How long one LLM answer may take; the rules' answer is used after it.
    pub llm_timeout_ms: u64,
    /// Tokens (prompt + completion) each company may spend a month, unless its settings say
    /// otherwise.
    pub llm_monthly_tokens: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            environment: Environment::Dev,
            host: "127.0.0.1".into(),
            port: 8080,
            database_url: Secret("sqlite://./data/voronka.db?mode=rwc".into()),
            database_max_connections: 10,
            public_url: "http://127.0.0.1:8080".into(),
            static_dir: "frontend/dist".into(),
            jwt_secret: None,
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_days: 30,
            cors_allowed_origins: String::new(),
            max_body_bytes: 1024 * 1024,
            login_max_failures_per_account: 5,
            login_max_failures_per_ip: 30,
            login_throttle_window_secs: 15 * 60,
            trust_proxy_headers: false,
            smtp_host: None,
            smtp_port: 587,
            smtp_username: None,
            smtp_password: None,
            smtp_from: "Voronka <no-reply@localhost>".into(),
            smtp_tls: SmtpTls::Starttls,
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            workers: None,
            shutdown_timeout_secs: 30,
            jobs_enabled: true,
            jobs_poll_ms: 1000,
            jobs_batch_size: 20,
            jobs_lease_secs: 300,
            import_max_bytes: 50 * 1024 * 1024,
            import_sync_max_rows: 2_000,
            import_chunk_rows: 500,
            import_chunks_per_job: 20,
            export_xlsx_max_rows: 100_000,
            api_key_rate_per_second: 50.0,
            api_key_burst: 100,
            form_submissions_per_minute: 10,
            allow_private_webhook_targets: false,
            worktime_idle_gap_minutes: 10,
            llm_base_url: None,
            llm_api_key: None,
            llm_model: "smollm2".into(),
            llm_timeout_ms: 20_000,
            llm_monthly_tokens: 1_000_000,
        }
    }
}

impl Config {
    /// Defaults, then `file` (or `$VORONKA_CONFIG`) if it exists, then `VORONKA_*` variables.
    pub fn load(file: Option<&Path>) -> Result<Config, Box<figment::Error>> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("VORONKA_CONFIG").map(Into::into));
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment
            .merge(
                Env::prefixed("VORONKA_")
                    .ignore(&["config", "test_postgres_url"])
                    .map(|key| {
                        if key.as_str().eq_ignore_ascii_case("webhooks_allow_private") {
                            "allow_private_webhook_targets".into()
                        } else {
                            key.into()
                        }
                    }),
            )
            .extract()
            .map_err(Box::new)
    }

    pub fn cors_origins(&self) -> Vec<String> {
        self.cors_allowed_origins
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect()
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail API fixes the error type
    fn environment_overrides_file_which_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file("voronka.toml", "port = 9000\nhost = \"0.0.0.0\"\n")?;
            jail.set_env("VORONKA_PORT", "9100");
            jail.set_env("VORONKA_SMTP_PASSWORD", "123456");
            jail.set_env("VORONKA_SMTP_USERNAME", "42");
            jail.set_env("VORONKA_JOBS_POLL_MS", "250");
            jail.set_env("VORONKA_JOBS_ENABLED", "false");
            jail.set_env("VORONKA_WEBHOOKS_ALLOW_PRIVATE", "true");
            jail.set_env("VORONKA_LLM_BASE_URL", "http://127.0.0.1:9/v1");
            jail.set_env("VORONKA_LLM_TIMEOUT_MS", "1500");
            let config = Config::load(Some(Path::new("voronka.toml"))).map_err(|e| *e)?;
            assert_eq!(config.port, 9100);
            assert_eq!(config.host, "0.0.0.0");
            assert_eq!(config.access_token_ttl_secs, 900);
            assert_eq!(config.smtp_password.as_ref().map(Secret::expose), Some("123456"));
            assert_eq!(config.smtp_username.as_deref(), Some("42"));
            assert_eq!((config.jobs_poll_ms, config.jobs_enabled), (250, false));
            assert_eq!(config.jobs_batch_size, 20);
            assert!(config.allow_private_webhook_targets);
            assert_eq!(config.llm_base_url.as_deref(), Some("http://127.0.0.1:9/v1"));
            assert_eq!((config.llm_timeout_ms, config.llm_monthly_tokens), (1500, 1_000_000));
            Ok(())
        });
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let config = Config {
            jwt_secret: Some(Secret("super-secret-key".into())),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("super-secret-key"));
    }

    #[test]
    fn cors_origins_are_split_and_trimmed() {
        let config = Config {
            cors_allowed_origins: "https://a.example, https://b.example,".into(),
            ..Config::default()
        };
        assert_eq!(config.cors_origins(), vec!["https://a.example", "https://b.example"]);
    }
}
