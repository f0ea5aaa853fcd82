//! `POST /api/v1/forms/{public_key}/submissions`: public, no authentication. JSON or
//! `application/x-www-form-urlencoded` (the body's `Content-Type` decides); rate-limited per
//! client address; CORS for the form's allowed origins (see [`super::cors`]).

use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use serde_json::Value;
use voronka_types::Problem;
use voronka_types::forms::SubmissionAccepted;

use super::cors::{AllowedOrigin, VisitorOrigin, allows};
use super::entity;
use super::limiter::SubmissionLimiter;
use super::submit::{self, Answers};
use crate::auth::principal::{client_ip, request_id};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

/// The largest submission body, in bytes.
pub const MAX_SUBMISSION_BYTES: usize = 64 * 1024;

/// How the body came, which also decides how to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    UrlEncoded,
}

fn body_kind(req: &HttpRequest) -> ApiResult<BodyKind> {
    let mime = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "application/json" => Ok(BodyKind::Json),
        "application/x-www-form-urlencoded" => Ok(BodyKind::UrlEncoded),
        _ => Err(ApiError::UnsupportedMediaType),
    }
}

async fn read_body(mut payload: web::Payload) -> ApiResult<web::BytesMut> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: "unreadable_body",
            detail: e.to_string(),
        })?;
        if body.len() + chunk.len() > MAX_SUBMISSION_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_SUBMISSION_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The answers in a body: a flat JSON object (strings, numbers, booleans) or form pairs.
/// Blank answers are left out; for a repeated form name the last one counts.
pub fn parse_answers(kind: BodyKind, body: &[u8]) -> ApiResult<Answers> {
    let mut answers = Answers::new();
    let mut keep = |key: String, value: String| {
        let value = value.trim().to_owned();
        if !value.is_empty() {
            answers.insert(key, value);
        }
    };
    match kind {
        BodyKind::UrlEncoded => {
            for (key, value) in form_urlencoded::parse(body) {
                keep(key.into_owned(), value.into_owned());
            }
        }
        BodyKind::Json => {
            let object: serde_json::Map<String, Value> = crate::extract::parse_json(body)?;
            for (key, value) in object {
                let text = match value {
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => continue,
                    Value::Array(_) | Value::Object(_) => {
                        return Err(ApiError::field(key, "invalid_type", "send a single value"));
                    }
                };
                keep(key, text);
            }
        }
    }
    Ok(answers)
}

/// The origin check: a browser posting from a site the form does not list is refused when
/// the form lists any; requests without `Origin` (servers, curl) pass.
fn check_origin(req: &HttpRequest, form: &entity::Model) -> ApiResult<()> {
    let origin = req.extensions().get::<VisitorOrigin>().and_then(|o| o.0.clone());
    match origin {
        Some(origin) if allows(form, &origin) => {
            req.extensions_mut().insert(AllowedOrigin(origin));
            Ok(())
        }
        Some(_) if !form.origins().is_empty() => Err(ApiError::forbidden(
            "origin_not_allowed",
            "this form does not accept posts from this site",
        )),
        _ => Ok(()),
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// What the visitor's browser or script gets after a (real or dropped) submission.
fn accepted(kind: BodyKind, form: &entity::Model) -> HttpResponse {
    match (kind, &form.redirect_url) {
        (BodyKind::Json, _) => HttpResponse::Created().json(SubmissionAccepted {
            ok: true,
            message: form.success_message.clone(),
        }),
        (BodyKind::UrlEncoded, Some(url)) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, url.as_str()))
            .finish(),
        (BodyKind::UrlEncoded, None) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(format!(
                "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
                 content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
                 <body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem\">\
                 <p>{message}</p><p><a href=\"javascript:history.back()\">&larr;</a></p></body></html>",
                title = escape_html(&form.name),
                message = escape_html(&form.success_message),
            )),
    }
}

/// Sends a web form: creates a lead in the form's pipeline stage, with the owner its rule
/// picks and duplicate contacts matched by phone or e-mail. No authentication; the public
/// key names the form. JSON bodies get `201 {ok, message}`; HTML form posts
/// (`application/x-www-form-urlencoded`) get `303` to the form's redirect URL, or a small
/// thank-you page. A filled honeypot answers the same and stores nothing. Unknown or
/// inactive form: 404. Over the per-address limit: 429 with `Retry-After`.
#[utoipa::path(
    tag = "forms",
    params(("public_key" = String, Path, description = "The form's public key")),
    request_body(
        description = "The answers by field key (plus the honeypot, left empty)",
        content(
            (Object = "application/json", example = json!({"name": "Anna", "phone": "+7 916 123-45-67", "message": "Call me back"})),
            (Object = "application/x-www-form-urlencoded"),
        )
    ),
    responses(
        (status = 201, body = SubmissionAccepted),
        (status = 200, description = "Thank-you page (HTML form post without a redirect URL)", content_type = "text/html"),
        (status = 303, description = "To the form's redirect URL (HTML form post)"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forms/{public_key}/submissions")]
#[tracing::instrument(skip_all)]
pub async fn submit_form(
    state: web::Data<AppState>,
    limiter: web::Data<SubmissionLimiter>,
    path: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let form = submit::find_active(&state.db, &path.into_inner()).await?;
    check_origin(&req, &form)?;
    let ip = client_ip(&req, state.config.trust_proxy_headers);
    limiter
        .check(form.id, &ip, clock::now())
        .map_err(|retry_after_secs| ApiError::TooManyRequests {
            code: "too_many_submissions",
            retry_after_secs,
        })?;
    let kind = body_kind(&req)?;
    let answers = parse_answers(kind, &read_body(payload).await?)?;
    let by = submit::principal(&form, request_id(&req), Some(ip));
    submit::submit(&state, &form, &by, &answers).await?;
    Ok(accepted(kind, &form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_come_from_json_or_form_pairs_without_blanks() {
        let json = parse_answers(BodyKind::Json, br#"{"name":" Anna ","age":42,"city":"","x":null}"#).unwrap();
        assert_eq!(json.get("name").map(String::as_str), Some("Anna"));
        assert_eq!(json.get("age").map(String::as_str), Some("42"));
        assert!(!json.contains_key("city") && !json.contains_key("x"));
        let form = parse_answers(
            BodyKind::UrlEncoded,
            b"name=%D0%90%D0%BD%D0%BD%D0%B0&phone=%2B7+916&_gotcha=",
        )
        .unwrap();
        assert_eq!(form.get("name").map(String::as_str), Some("Анна"));
        assert_eq!(form.get("phone").map(String::as_str), Some("+7 916"));
        assert!(!form.contains_key("_gotcha"));
        assert!(parse_answers(BodyKind::Json, br#"{"name":["a"]}"#).is_err());
    }

    #[test]
    fn thank_you_pages_escape_the_message() {
        assert_eq!(
            escape_html("<b>\"Hi\" & 'bye'</b>"),
            "&lt;b&gt;&quot;Hi&quot; &amp; &#39;bye&#39;&lt;/b&gt;"
        );
    }
}
