//! RFC 9457 problem details, the body of every error answer.

use serde::{Deserialize, Serialize};

/// An `application/problem+json` body. `code` is stable and machine-readable;
/// `errors` names each offending field on validation failures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// Stable error code, e.g. `validation_failed`, `not_found`, `email_taken`.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Request id, to quote when asking for help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// What is wrong with one field of the request (`field` is a JSON path such as `email`
/// or `items[3].amount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

impl Problem {
    /// A problem for a failure that happened before any answer came (network down, bad body).
    pub fn client_side(detail: impl Into<String>) -> Self {
        Self {
            problem_type: about_blank(),
            title: "Request failed".to_owned(),
            status: 0,
            code: "network_error".to_owned(),
            detail: Some(detail.into()),
            errors: Vec::new(),
            instance: None,
        }
    }

    /// The message for one field, if the server named it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.detail {
            Some(detail) => write!(f, "{}: {}", self.title, detail),
            None => f.write_str(&self.title),
        }
    }
}
