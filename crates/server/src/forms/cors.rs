//! CORS for public form submissions only. The app's own CORS (`http::cors`) allows the
//! configured origins for the whole API; a form's submission address must instead answer
//! the sites that form lists, and nothing else of the API opens up. This middleware sits
//! outside the app's CORS: on a submission address it answers the preflight itself and hides
//! the `Origin` header from the app's CORS (keeping it for the handler), then adds
//! `Access-Control-Allow-Origin` to the answer when the handler found the origin allowed.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, ResponseError, web};

use super::submit;
use crate::error::ApiError;
use crate::startup::AppState;

/// The `Origin` the visitor's browser sent with a submission (hidden from the app's CORS).
#[derive(Debug, Clone)]
pub struct VisitorOrigin(pub Option<String>);

/// Set by the submission handler when the form allows the visitor's origin.
#[derive(Debug, Clone)]
pub struct AllowedOrigin(pub String);

/// The public key in a submission address, `/api/v1/forms/{public_key}/submissions`.
pub fn submission_key(path: &str) -> Option<&str> {
    path.strip_prefix("/api/v1/forms/")?
        .strip_suffix("/submissions")
        .filter(|key| !key.is_empty() && !key.contains('/'))
}

/// Whether `origin` may post to `form` from a browser.
pub fn allows(form: &super::entity::Model, origin: &str) -> bool {
    form.origins().iter().any(|o| o.eq_ignore_ascii_case(origin))
}

fn allow_origin(response: &mut actix_web::http::header::HeaderMap, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        response.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        response.insert(header::VARY, HeaderValue::from_static("Origin"));
        response.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("retry-after"),
        );
    }
}

/// The answer to a preflight `OPTIONS` on a submission address.
async fn preflight(state: Option<web::Data<AppState>>, key: &str, origin: Option<&str>) -> HttpResponse {
    let Some(state) = state else {
        return ApiError::Internal(anyhow::anyhow!("AppState missing")).error_response();
    };
    let form = match submit::find_active(&state.db, key).await {
        Ok(form) => form,
        Err(err) => return err.error_response(),
    };
    match origin.filter(|o| allows(&form, o)) {
        Some(origin) => {
            let mut response = HttpResponse::build(StatusCode::NO_CONTENT)
                .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS"))
                .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "content-type, accept"))
                .insert_header((header::ACCESS_CONTROL_MAX_AGE, "3600"))
                .finish();
            allow_origin(response.headers_mut(), origin);
            response
        }
        None => {
            ApiError::forbidden("origin_not_allowed", "this form does not accept posts from this site").error_response()
        }
    }
}

/// Wrapped just outside the app's CORS middleware (see `startup`).
pub async fn public_form_cors(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(key) = submission_key(req.path()).map(str::to_owned) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if req.method() == Method::OPTIONS {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let response = preflight(state, &key, origin.as_deref()).await;
        return Ok(req.into_response(response));
    }
    req.headers_mut().remove(header::ORIGIN);
    req.extensions_mut().insert(VisitorOrigin(origin));
    let mut response = next.call(req).await?;
    let allowed = response.request().extensions().get::<AllowedOrigin>().cloned();
    if let Some(AllowedOrigin(origin)) = allowed {
        allow_origin(response.headers_mut(), &origin);
    }
    Ok(response.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_submission_addresses_carry_a_key() {
        assert_eq!(submission_key("/api/v1/forms/abc123/submissions"), Some("abc123"));
        assert_eq!(submission_key("/api/v1/forms/abc123"), None);
        assert_eq!(submission_key("/api/v1/forms//submissions"), None);
        assert_eq!(submission_key("/api/v1/forms/a/b/submissions"), None);
        assert_eq!(submission_key("/api/v1/leads"), None);
    }
}
