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
