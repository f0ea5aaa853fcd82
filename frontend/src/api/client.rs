//! The one place that talks HTTP: builds requests, attaches the bearer token, turns error
//! answers into [`Problem`]s and retries once after a transparent token refresh.

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use voronka_types::Problem;

use super::tokens;

/// Where the API lives, relative to the PWA's own origin.
const API_BASE: &str = "/api/v1";

/// Code of the problem returned when the session cannot be renewed and the user must sign in.
pub const SESSION_EXPIRED: &str = "session_expired";

/// One API call, described before it is sent so it can be sent again after a refresh.
pub(crate) struct Call {
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<String>,
    authenticated: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            authenticated: true,
        }
    }

    /// A `GET` of `path` (relative to `/api/v1`), sent with the bearer token.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A `POST` of `path` (relative to `/api/v1`), sent with the bearer token.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// A `PUT` of `path` (relative to `/api/v1`), sent with the bearer token.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// A `PATCH` of `path` (relative to `/api/v1`), sent with the bearer token.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// A `DELETE` of `path` (relative to `/api/v1`), sent with the bearer token.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Sends no bearer token and never refreshes (sign-in, sign-up, password reset).
    pub fn public(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Adds `name=value` to the query string when `value` is present and not empty.
    pub fn query(mut self, name: &'static str, value: Option<impl ToString>) -> Self {
        if let Some(value) = value.map(|v| v.to_string()).filter(|v| !v.is_empty()) {
            self.query.push((name, value));
        }
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize>(mut self, body: &B) -> Result<Self, Problem> {
        let text = serde_json::to_string(body).map_err(|e| Problem::client_side(e.to_string()))?;
        self.body = Some(text);
        Ok(self)
    }

    /// Sends the call and reads a JSON answer.
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T, Problem> {
        let response = self.send().await?;
        response
            .json::<T>()
            .await
            .map_err(|e| Problem::client_side(format!("unreadable answer: {e}")))
    }

    /// Sends the call and reads a JSON answer with its status (e.g. 200 "already known" versus
    /// 201 "created").
    pub async fn fetch_with_status<T: DeserializeOwned>(self) -> Result<(u16, T), Problem> {
        let response = self.send().await?;
        let status = response.status();
        let body = response
            .json::<T>()
            .await
            .map_err(|e| Problem::client_side(format!("unreadable answer: {e}")))?;
        Ok((status, body))
    }

    /// Sends the call and answers the body's bytes (a file download).
    pub async fn fetch_bytes(self) -> Result<Vec<u8>, Problem> {
        let response = self.send().await?;
        response
            .binary()
            .await
            .map_err(|e| Problem::client_side(format!("unreadable answer: {e}")))
    }

    /// Sends the call and expects no body (204 or 202).
    pub async fn fetch_empty(self) -> Result<(), Problem> {
        self.send().await.map(|_| ())
    }

    async fn send(&self) -> Result<Response, Problem> {
        if !self.authenticated {
            return check(self.send_once(None).await?).await;
        }
        let token = tokens::fresh_access_token().await?;
        let response = self.send_once(Some(&token)).await?;
        if response.status() != 401 {
            return check(response).await;
        }
        // The access token was refused: renew it once and repeat the call.
        let problem = read_problem(response).await;
        if !matches!(
            problem.code.as_str(),
            "token_expired" | "unauthorized" | "invalid_token"
        ) {
            return Err(problem);
        }
        let token = tokens::refresh_after_rejection(&token).await?;
        let response = self.send_once(Some(&token)).await?;
        if response.status() == 401 {
            tokens::expire_session();
            return Err(session_expired());
        }
        check(response).await
    }

    async fn send_once(&self, token: Option<&str>) -> Result<Response, Problem> {
        let url = format!("{API_BASE}{}", self.path);
        let mut builder = RequestBuilder::new(&url)
            .method(self.method.clone())
            .header("Accept", "application/json, application/problem+json");
        if !self.query.is_empty() {
            builder = builder.query(self.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let result = match &self.body {
            Some(body) => {
                builder
                    .header("Content-Type", "application/json")
                    .body(body.clone())
                    .map_err(|e| Problem::client_side(e.to_string()))?
                    .send()
                    .await
            }
            None => builder.send().await,
        };
        result.map_err(|e| Problem::client_side(e.to_string()))
    }
}

/// Passes 2xx answers through; turns anything else into its problem.
async fn check(response: Response) -> Result<Response, Problem> {
    if response.ok() {
        Ok(response)
    } else {
        Err(read_problem(response).await)
    }
}

/// Reads a problem+json body; a proxy's HTML error page still becomes a readable problem.
pub(crate) async fn read_problem(response: Response) -> Problem {
    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let text = response.text().await.unwrap_or_default();
    let mut problem = serde_json::from_str::<Problem>(&text).unwrap_or_else(|_| Problem {
        problem_type: "about:blank".to_owned(),
        title: response.status_text(),
        status,
        code: format!("http_{status}"),
        detail: None,
        errors: Vec::new(),
        instance: None,
    });
    // Keep the server's wait time readable even when it did not put it into `detail`.
    if let (Some(secs), None) = (retry_after, &problem.detail) {
        problem.detail = Some(format!("retry after {secs} s"));
    }
    problem
}

/// The problem handed back when the session is over and the user has to sign in again.
pub(crate) fn session_expired() -> Problem {
    Problem {
        problem_type: "about:blank".to_owned(),
        title: "Session expired".to_owned(),
        status: 401,
        code: SESSION_EXPIRED.to_owned(),
        detail: None,
        errors: Vec::new(),
        instance: None,
    }
}
