//! Request extractors that answer in problem+json: a JSON body whose errors name the field,
//! and query/path configs that do the same.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Limit on JSON bodies, stored in app data by `startup`.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A JSON body. Syntax errors answer 400 `malformed_json`; type errors and missing fields
/// answer 422 naming the field path (`items[2].amount`).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map(|l| l.0).unwrap_or(1024 * 1024);
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let mime = v.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let declared_len = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            if declared_len.is_some_and(|len| len > limit) {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::BadRequest {
                    code: "unreadable_body",
                    detail: e.to_string(),
                })?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge { limit });
                }
                body.extend_from_slice(&chunk);
            }
            parse_json(&body).map(ApiJson)
        })
    }
}

/// Deserializes `body`, turning serde's complaint into a field-level problem.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.classify() != serde_json::error::Category::Data {
            return malformed(&inner);
        }
        let message = inner.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        let field = missing_field(&message)
            .map(|f| {
                if path == "." {
                    f.to_owned()
                } else {
                    format!("{path}.{f}")
                }
            })
            .unwrap_or_else(|| if path == "." { "body".to_owned() } else { path });
        let code = if message.starts_with("missing field") {
            "required"
        } else {
            "invalid_type"
        };
        ApiError::field(field, code, message)
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(err: &serde_json::Error) -> ApiError {
    ApiError::BadRequest {
        code: "malformed_json",
        detail: format!("the body is not valid JSON: {err}"),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// A query string. A bad parameter answers 422 naming it (`role`, `limit` …).
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(ApiQuery))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let field = missing_field(&message)
            .map(str::to_owned)
            .unwrap_or_else(|| if path == "." { "query".to_owned() } else { path });
        ApiError::field(field, "invalid_query", message)
    })
}

/// A malformed id in a path is an id that does not exist.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| ApiError::NotFound("resource").into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        amount: u32,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        items: Vec<Item>,
    }

    fn field_of(err: ApiError) -> String {
        match err {
            ApiError::Validation(errors) => errors[0].field.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn missing_fields_are_named() {
        let err = parse_json::<Body>(br#"{"items": []}"#).unwrap_err();
        assert_eq!(field_of(err), "email");
    }

    #[test]
    fn nested_type_errors_carry_their_path() {
        let err = parse_json::<Body>(br#"{"email":"a","items":[{"amount":1},{"amount":"x"}]}"#).unwrap_err();
        assert_eq!(field_of(err), "items[1].amount");
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Query {
        limit: Option<u64>,
        status: Option<voronka_types::users::UserStatus>,
    }

    #[test]
    fn bad_query_parameters_are_named() {
        assert_eq!(field_of(parse_query::<Query>("limit=ten").unwrap_err()), "limit");
        assert_eq!(field_of(parse_query::<Query>("status=asleep").unwrap_err()), "status");
        assert!(parse_query::<Query>("limit=5&status=active").is_ok());
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        let err = parse_json::<Body>(br#"{"email": "#).unwrap_err();
        assert!(matches!(
            err,
            ApiError::BadRequest {
                code: "malformed_json",
                ..
            }
        ));
        let err = parse_json::<Body>(br#"{"email":"a","items":[]} trailing"#).unwrap_err();
        assert!(matches!(
            err,
            ApiError::BadRequest {
                code: "malformed_json",
                ..
            }
        ));
    }
}
