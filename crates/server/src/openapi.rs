//! The OpenAPI document: paths and schemas are collected from the handlers by
//! utoipa-actix-web; this adds the title, security schemes and tags.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Voronka API",
        description = "Multi-tenant sales CRM. Authenticate with `Authorization: Bearer <access token>` \
                       (from `/api/v1/auth/login`) or an integrator's API key (`Bearer vk_live_…` or \
                       `X-API-Key`). Errors are RFC 9457 `application/problem+json` bodies with a stable \
                       `code` and, for invalid input, `errors[]` naming each field. Lists are keyset-paged: \
                       pass `next_cursor` back as `cursor`.",
        license(name = "Proprietary"),
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Sign-up, sign-in, sessions, password and two-factor"),
        (name = "users", description = "The signed-in user and the company's team"),
        (name = "roles", description = "The role → permission matrix"),
        (name = "api-keys", description = "Keys for integrators"),
        (name = "audit", description = "Who changed what, when"),
        (name = "contacts", description = "People the company sells to"),
        (name = "companies", description = "Organisations contacts work for"),
        (name = "pipelines", description = "Sales funnels of leads and of deals, and their stages"),
        (name = "leads", description = "Incoming requests: board, list, stage moves, bulk changes, conversion to deals"),
        (name = "timeline", description = "Notes, logged calls, messages and the time-ordered story of leads, deals and contacts"),
        (name = "deals", description = "Sales in progress: amounts, expected close dates, won or lost"),
        (name = "custom-fields", description = "Each company's extra fields on contacts, companies, leads and deals"),
        (name = "tasks", description = "To-dos with due times, priorities and reminders"),
        (name = "notifications", description = "The signed-in user's in-app notifications"),
        (name = "ingest", description = "Customers and purchases pushed in by your own systems (API keys with the `ingest` scope), one at a time or in batches"),
        (name = "purchases", description = "Purchases read back, per customer and with figures on the contact"),
        (name = "ai", description = "The AI assistant over the sales history: sales report with a narrative, customer segments"),
        (name = "forms", description = "Web forms on the company's sites that turn submissions into leads; the public submission address"),
        (name = "worktime", description = "Managers' work schedules, activity heartbeats and work time per day (first in, last out, active, idle, late, overtime)"),
        (name = "kpi", description = "Sales KPI per manager and for the team, and funnel analytics (see docs/kpi.md)"),
        (name = "reports", description = "Report builder over whitelisted fields (group, measure, sort, export) and saved reports"),
        (name = "webhooks", description = "Signed outbound event notifications: subscriptions, delivery log, re-sends"),
        (name = "imports", description = "Contacts and leads from CSV or XLSX files: dry runs, background imports with progress; exports of lists as CSV or XLSX"),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An access token, or an API key `vk_live_…`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "An API key `vk_live_…`",
            ))),
        );
    }
}

/// The document as YAML, exactly as checked in at `openapi.yaml`.
pub fn to_yaml() -> anyhow::Result<String> {
    let (_, api) = crate::startup::api_app();
    Ok(api.to_yaml()?)
}

/// OpenAPI requires a description on every response; handlers only write one where the
/// status needs explaining, so the rest get the status's standard reason here.
pub fn fill_response_descriptions(api: &mut utoipa::openapi::OpenApi) {
    for item in api.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for (status, response) in operation.responses.responses.iter_mut() {
                if let utoipa::openapi::RefOr::T(response) = response
                    && response.description.is_empty()
                {
                    response.description = status
                        .parse::<u16>()
                        .ok()
                        .and_then(|s| actix_web::http::StatusCode::from_u16(s).ok())
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Response")
                        .to_owned();
                }
            }
        }
    }
}
