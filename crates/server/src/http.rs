//! Cross-cutting HTTP behaviour: security headers, the request id header, CORS.

use actix_cors::Cors;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;

use crate::config::Config;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Headers every answer carries. The CSP allows the PWA (wasm needs `wasm-unsafe-eval`) and
/// Swagger UI (inline styles) to run from this origin only.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ))
        .add((HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ))
}

/// CORS for the origins in `cors_allowed_origins`; none configured means same-origin only.
pub fn cors(config: &Config) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::RETRY_AFTER, HeaderName::from_static(REQUEST_ID_HEADER)])
        .max_age(3600);
    for origin in config.cors_origins() {
        cors = cors.allowed_origin(&origin);
    }
    cors
}

/// The request id that `tracing-actix-web` gave this request, as a header value.
pub fn request_id_value(req: &actix_web::HttpRequest) -> Option<HeaderValue> {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .and_then(|id| HeaderValue::from_str(&id.to_string()).ok())
}
