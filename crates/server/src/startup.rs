//! Composes the application: state, routes, middleware, the PWA and the OpenAPI docs.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{Compress, Next, from_fn};
use actix_web::{App, Error, HttpMessage, HttpServer, web};
use anyhow::Context;
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::tokens::{TokenKeys, random_secret};
use crate::config::{Config, Environment};
use crate::extract::{self, BodyLimit};
use crate::http::{self, REQUEST_ID_HEADER};
use crate::idempotency;
use crate::jobs::{self, WorkerHandle};
use crate::mail::Mailer;
use crate::rate_limit::RateLimiter;
use crate::spa::{self, StaticDir};
use crate::{
    ai, api_keys, audit, auth, companies, contacts, custom_fields, db, deals, exports, forms, health, imports, ingest,
    kpi, leads, messages, notes, notifications, openapi, pipelines, purchases, rbac, reports, tasks, tenants, timeline,
    users, webhooks, worktime,
};

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub tokens: TokenKeys,
    pub mailer: Mailer,
    /// Requests per API key.
    pub key_limits: Arc<RateLimiter>,
    /// The configured LLM, if any (`VORONKA_LLM_BASE_URL`).
    pub llm: Option<crate::ai::llm::Llm>,
}

/// Every versioned API route, one `configure` per bounded context.
fn api_v1(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    auth::configure(cfg);
    users::configure(cfg);
    tenants::configure(cfg);
    rbac::configure(cfg);
    api_keys::configure(cfg);
    audit::configure(cfg);
    // Before contacts, leads and deals: `/contacts/export` must not be read as `/contacts/{id}`.
    imports::configure(cfg);
    exports::configure(cfg);
    purchases::configure(cfg);
    ai::configure(cfg);
    contacts::configure(cfg);
    ingest::configure(cfg);
    companies::configure(cfg);
    pipelines::configure(cfg);
    leads::configure(cfg);
    deals::configure(cfg);
    custom_fields::configure(cfg);
    forms::configure(cfg);
    tasks::configure(cfg);
    notifications::configure(cfg);
    notes::configure(cfg);
    messages::configure(cfg);
    timeline::configure(cfg);
    webhooks::configure(cfg);
    worktime::configure(cfg);
    kpi::configure(cfg);
    reports::configure(cfg);
}

/// The routed app before state and middleware, with the OpenAPI document its handlers make.
pub fn api_app() -> (
    App<impl ServiceFactory<ServiceRequest, Config = (), Response = ServiceResponse, Error = Error, InitError = ()>>,
    utoipa::openapi::OpenApi,
) {
    let (app, mut api) = App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .service(health::health)
        .service(health::ready)
        .service(scope::scope("/api/v1").configure(api_v1))
        .split_for_parts();
    openapi::fill_response_descriptions(&mut api);
    (app, api)
}

/// Copies the request id (made by `TracingLogger`) into the answer's headers.
async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    Ok(res)
}

/// `/api/docs` → `/api/docs/`, where Swagger UI lives.
async fn docs_redirect() -> actix_web::HttpResponse {
    actix_web::HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    /// The background job worker, unless `jobs_enabled` is off.
    worker: Option<WorkerHandle>,
}

impl Application {
    /// Connects, migrates and binds (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let mailer = Mailer::from_config(&config)?;
        Self::build_with_mailer(config, mailer).await
    }

    pub async fn build_with_mailer(config: Config, mailer: Mailer) -> anyhow::Result<Application> {
        webhooks::delivery::install_crypto_provider();
        let jwt_secret = match (&config.jwt_secret, config.environment) {
            (Some(secret), _) if secret.expose().len() >= 32 => secret.expose().to_owned(),
            (Some(_), _) => anyhow::bail!("VORONKA_JWT_SECRET must be at least 32 characters"),
            (None, Environment::Production) => anyhow::bail!("VORONKA_JWT_SECRET is required in production"),
            (None, Environment::Dev) => {
                tracing::warn!("VORONKA_JWT_SECRET not set: using a random key; access tokens end with this process");
                random_secret("", 64)
            }
        };
        let db = db::connect_and_migrate(&config).await?;
        let state = AppState {
            db,
            tokens: TokenKeys::new(jwt_secret.as_bytes(), config.access_token_ttl_secs),
            key_limits: Arc::new(RateLimiter::new(config.api_key_rate_per_second, config.api_key_burst)),
            llm: crate::ai::llm::Llm::from_config(&config),
            config: Arc::new(config),
            mailer,
        };
        let listener = TcpListener::bind((state.config.host.as_str(), state.config.port))
            .with_context(|| format!("cannot listen on {}:{}", state.config.host, state.config.port))?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, state.clone())?;
        if state.config.jobs_enabled {
            // Companies from before periodic reports get their job once; a failure only delays it.
            if let Err(error) = crate::reports::periodic::ensure_all(&state.db, crate::clock::now()).await {
                tracing::warn!(?error, "cannot queue the periodic reports of existing companies");
            }
        }
        let worker = state.config.jobs_enabled.then(|| jobs::spawn_worker(state.clone()));
        Ok(Application {
            port,
            server,
            state,
            worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Runs until SIGINT/SIGTERM, then lets in-flight requests and the current job finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        if let Some(worker) = self.worker {
            worker
                .stop(std::time::Duration::from_secs(self.state.config.shutdown_timeout_secs))
                .await;
        }
        result
    }
}

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let config = state.config.clone();
    let data = web::Data::new(state);
    let static_dir = web::Data::new(StaticDir(config.static_dir.clone().into()));
    let server_config = config.clone();
    // One count of form submissions per address for all workers.
    let form_limiter = web::Data::new(forms::SubmissionLimiter::new(config.form_submissions_per_minute));
    let mut server = HttpServer::new(move || {
        let (app, api) = api_app();
        app.app_data(data.clone())
            .app_data(static_dir.clone())
            .app_data(form_limiter.clone())
            .app_data(BodyLimit(server_config.max_body_bytes))
            .app_data(web::PayloadConfig::new(server_config.max_body_bytes))
            .app_data(extract::path_config())
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
            .route("/api/docs", web::get().to(docs_redirect))
            .default_service(web::to(spa::serve))
            .wrap(from_fn(idempotency::middleware))
            .wrap(Compress::default())
            .wrap(http::cors(&server_config))
            // Outside the app's CORS: form submission addresses answer their forms' own origins.
            .wrap(from_fn(forms::cors::public_form_cors))
            .wrap(http::security_headers())
            .wrap(from_fn(request_id_header))
            .wrap(TracingLogger::default())
    })
    .shutdown_timeout(config.shutdown_timeout_secs)
    .listen(listener)?;
    if let Some(workers) = config.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}
