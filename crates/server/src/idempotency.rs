//! `Idempotency-Key` on POST requests: the first answer to a key is kept for a day and
//! replayed to a retry with the same body (`Idempotent-Replayed: true`); the same key with a
//! different request is refused (422), and one still being answered is 409. Keys belong to
//! the caller (a user or an API key) within their company. Server errors, 401/403, 409 and 429
//! are not kept, so the request can be retried.

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, ResponseError, web};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use voronka_types::TenantId;

use crate::auth::authenticate::authenticate;
use crate::auth::principal::{Actor, Principal, credential_of};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

pub const HEADER: &str = "idempotency-key";
pub const REPLAYED: &str = "idempotent-replayed";
/// How long an answer is kept.
pub const KEEP_HOURS: i64 = 24;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_keys")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub tenant_id: Uuid,
        /// `user:<id>` or `key:<id>`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub caller: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        /// Hex SHA-256 of the method, path, query and body.
        pub fingerprint: String,
        /// `None` while the first request is being answered.
        pub status: Option<i16>,
        pub content_type: Option<String>,
        pub body: Option<Vec<u8>>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity as Keys};

fn caller_of(principal: &Principal) -> String {
    match &principal.actor {
        Actor::User { id, .. } => format!("user:{}", id.0),
        Actor::ApiKey { id, .. } => format!("key:{}", id.0),
        Actor::Form { id, .. } => format!("form:{}", id.0),
    }
}

fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(req.method().as_str());
    hash.update([0]);
    hash.update(req.path());
    hash.update([0]);
    hash.update(req.query_string());
    hash.update([0]);
    hash.update(body);
    hex::encode(hash.finalize())
}

fn check_key(raw: &HeaderValue) -> ApiResult<String> {
    let key = raw.to_str().map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::field(
            "Idempotency-Key",
            "invalid_idempotency_key",
            "1 to 255 visible ASCII characters, e.g. a UUID",
        ));
    }
    Ok(key.to_owned())
}

fn payload_of(body: web::Bytes) -> actix_web::dev::Payload {
    let (_, mut payload) = actix_http::h1::Payload::create(true);
    payload.unread_data(body);
    actix_web::dev::Payload::from(payload)
}

/// Whether an answer with `status` is kept for replays.
fn keeps(status: StatusCode) -> bool {
    !(status.is_server_error()
        || matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::CONFLICT | StatusCode::TOO_MANY_REQUESTS
        ))
}

fn replay(stored: &entity::Model) -> HttpResponse {
    let status = stored
        .status
        .and_then(|s| StatusCode::from_u16(s as u16).ok())
        .unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    if let Some(content_type) = &stored.content_type {
        response.insert_header((CONTENT_TYPE, content_type.as_str()));
    }
    response.insert_header((HeaderName::from_static(REPLAYED), "true"));
    response.body(stored.body.clone().unwrap_or_default())
}

/// Claims `key` for this request, or answers what an earlier request with it was answered.
async fn claim(db: &impl ConnectionTrait, row: entity::Model) -> ApiResult<Option<HttpResponse>> {
    let stored = Keys::find_by_id((row.tenant_id, row.caller.clone(), row.key.clone()))
        .one(db)
        .await?;
    if let Some(stored) = stored {
        if stored.created_at > row.created_at - Duration::hours(KEEP_HOURS) {
            if stored.fingerprint != row.fingerprint {
                return Err(ApiError::field(
                    "Idempotency-Key",
                    "idempotency_key_reused",
                    "this key was used for a different request; use a new key for a new request",
                ));
            }
            if stored.status.is_none() {
                return Err(in_flight());
            }
            return Ok(Some(replay(&stored)));
        }
        Keys::delete_by_id((stored.tenant_id, stored.caller, stored.key))
            .exec(db)
            .await?;
    }
    match entity::ActiveModel::from(row).insert(db).await {
        Ok(_) => Ok(None),
        Err(error) if matches!(error.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            Err(in_flight())
        }
        Err(error) => Err(error.into()),
    }
}

fn in_flight() -> ApiError {
    ApiError::conflict(
        "idempotency_key_in_flight",
        None,
        "a request with this Idempotency-Key is still being answered; retry in a moment",
    )
}

/// The middleware: only POSTs carrying the header by an authenticated caller are involved.
pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let header = req.headers().get(HEADER).cloned();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let credential = credential_of(req.request());
    let (Some(header), Some(state), Some(credential), true) = (header, state, credential, req.method() == "POST")
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Ok(principal) = authenticate(&state, credential).await else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(tenant) = principal.tenant_id else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let key = match check_key(&header) {
        Ok(key) => key,
        Err(error) => return Ok(req.into_response(error.error_response())),
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(error) => return Ok(req.into_response(error.error_response())),
    };
    let row = entity::Model {
        tenant_id: tenant.0,
        caller: caller_of(&principal),
        key,
        fingerprint: fingerprint(&req, &body),
        status: None,
        content_type: None,
        body: None,
        created_at: clock::now(),
    };
    let id = (row.tenant_id, row.caller.clone(), row.key.clone());
    match claim(&state.db, row).await {
        Ok(None) => {}
        Ok(Some(replayed)) => return Ok(req.into_response(replayed)),
        Err(error) => return Ok(req.into_response(error.error_response())),
    }
    req.set_payload(payload_of(body));
    req.extensions_mut().insert(principal);
    let response = next.call(req).await;
    let keep = |response: &Result<ServiceResponse<_>, Error>| response.as_ref().is_ok_and(|r| keeps(r.status()));
    if !keep(&response) {
        forget(&state.db, TenantId(id.0), &id.1, &id.2).await;
        return Ok(response?.map_into_boxed_body());
    }
    let response = response?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (http_req, res) = response.into_parts();
    let (res, body) = res.into_parts();
    let bytes = match to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(_) => {
            forget(&state.db, TenantId(id.0), &id.1, &id.2).await;
            return Ok(ServiceResponse::new(
                http_req,
                ApiError::Internal(anyhow::anyhow!("unreadable answer")).error_response(),
            ));
        }
    };
    let saved = Keys::update_many()
        .col_expr(Column::Status, sea_orm::sea_query::Expr::value(status.as_u16() as i16))
        .col_expr(Column::ContentType, sea_orm::sea_query::Expr::value(content_type))
        .col_expr(Column::Body, sea_orm::sea_query::Expr::value(bytes.to_vec()))
        .filter(Column::TenantId.eq(id.0))
        .filter(Column::Caller.eq(id.1.as_str()))
        .filter(Column::Key.eq(id.2.as_str()))
        .exec(&state.db)
        .await;
    if let Err(error) = saved {
        tracing::error!(?error, "could not keep the answer to an idempotency key");
    }
    Ok(ServiceResponse::new(
        http_req,
        res.set_body(bytes).map_into_boxed_body(),
    ))
}

/// Frees a key whose request ended in an answer not worth keeping.
async fn forget(db: &impl ConnectionTrait, tenant: TenantId, caller: &str, key: &str) {
    let deleted = Keys::delete_many()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::Caller.eq(caller))
        .filter(Column::Key.eq(key))
        .exec(db)
        .await;
    if let Err(error) = deleted {
        tracing::error!(?error, "could not free an idempotency key");
    }
}

/// Drops answers older than a day.
pub async fn prune(db: &impl ConnectionTrait) -> ApiResult<u64> {
    let before = clock::now() - Duration::hours(KEEP_HOURS);
    Ok(Keys::delete_many()
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
