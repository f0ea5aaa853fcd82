//! One error type for the whole API, answered as RFC 9457 `application/problem+json`.
//! 4xx bodies say what was wrong and where; 5xx bodies are generic and the cause is logged.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use sea_orm::{DbErr, SqlErr};
use voronka_types::{FieldError, Problem};

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: one or more fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400: the request cannot be read at all (malformed JSON, bad query string).
    #[error("bad request: {detail}")]
    BadRequest { code: &'static str, detail: String },
    /// 401: no valid credentials.
    #[error("unauthorized: {detail}")]
    Unauthorized {
        code: &'static str,
        field: Option<&'static str>,
        detail: String,
    },
    /// 403: authenticated but not allowed.
    #[error("forbidden: {detail}")]
    Forbidden { code: &'static str, detail: String },
    /// 404: absent, or belongs to another tenant (indistinguishable on purpose).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// 409: conflicts with existing data; `field` names the clashing field when there is one.
    #[error("conflict: {detail}")]
    Conflict {
        code: &'static str,
        field: Option<&'static str>,
        detail: String,
    },
    /// 413.
    #[error("request body too large")]
    PayloadTooLarge { limit: usize },
    /// 415.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 429 with `Retry-After`.
    #[error("too many requests")]
    TooManyRequests { code: &'static str, retry_after_secs: u64 },
    /// 503: a dependency (the database) is down.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// 500: anything unexpected. Logged with its cause chain, answered generically.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A 422 naming one field.
    pub fn field(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Unauthorized {
            code,
            field: None,
            detail: detail.into(),
        }
    }

    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Forbidden {
            code,
            detail: detail.into(),
        }
    }

    pub fn conflict(code: &'static str, field: Option<&'static str>, detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            field,
            detail: detail.into(),
        }
    }

    /// The problem body this error answers with.
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let mut problem = Problem {
            problem_type: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            code: String::new(),
            detail: None,
            errors: Vec::new(),
            instance: None,
        };
        match self {
            ApiError::Validation(errors) => {
                problem.code = "validation_failed".into();
                problem.detail = Some(match errors.as_slice() {
                    [one] => format!("{}: {}", one.field, one.message),
                    many => format!("{} fields are invalid", many.len()),
                });
                problem.errors = errors.clone();
            }
            ApiError::BadRequest { code, detail } | ApiError::Forbidden { code, detail } => {
                problem.code = (*code).into();
                problem.detail = Some(detail.clone());
            }
            ApiError::NotFound(what) => {
                problem.code = "not_found".into();
                problem.detail = Some(format!("{what} not found"));
            }
            ApiError::Conflict { code, field, detail } | ApiError::Unauthorized { code, field, detail } => {
                problem.code = (*code).into();
                problem.detail = Some(detail.clone());
                if let Some(field) = field {
                    problem.errors = vec![FieldError::new(*field, *code, detail.clone())];
                }
            }
            ApiError::PayloadTooLarge { limit } => {
                problem.code = "payload_too_large".into();
                problem.detail = Some(format!("the request body is larger than {limit} bytes"));
            }
            ApiError::UnsupportedMediaType => {
                problem.code = "unsupported_media_type".into();
                problem.detail = Some("send the body as application/json".into());
            }
            ApiError::TooManyRequests { code, retry_after_secs } => {
                problem.code = (*code).into();
                problem.detail = Some(format!("too many requests; try again in {retry_after_secs} s"));
            }
            ApiError::Unavailable(what) => {
                problem.code = "unavailable".into();
                problem.detail = Some((*what).into());
            }
            ApiError::Internal(_) => {
                problem.code = "internal_error".into();
                problem.detail = Some("something went wrong on our side; it has been logged".into());
            }
        }
        problem
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        if let ApiError::TooManyRequests { retry_after_secs, .. } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::Unauthorized { .. } = self {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response.json(self.problem())
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            return ApiError::conflict(
                "conflict",
                None,
                format!("already exists ({})", short_constraint(&detail)),
            );
        }
        ApiError::Internal(anyhow::Error::new(err).context("database error"))
    }
}

/// Keeps constraint names but drops values from a driver's message.
fn short_constraint(detail: &str) -> String {
    detail
        .split(':')
        .next_back()
        .unwrap_or(detail)
        .trim()
        .chars()
        .take(120)
        .collect()
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(api) => api,
        }
    }
}
