//! The authenticated caller of a request: a user (access token) or an integrator's API key,
//! with its tenant and effective permissions. Handlers take a `Principal` argument and ask
//! `principal.require(Permission::…)`.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use voronka_types::{ApiKeyId, FormId, Permission, Role, TenantId, UserId};

use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;

/// Who is acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    User {
        id: UserId,
        name: String,
        role: Role,
    },
    ApiKey {
        id: ApiKeyId,
        name: String,
    },
    /// A visitor's submission through a public web form (no credentials).
    Form {
        id: FormId,
        name: String,
    },
}

#[derive(Debug, Clone)]
pub struct Principal {
    /// Absent only for platform admins.
    pub tenant_id: Option<TenantId>,
    pub actor: Actor,
    pub permissions: BTreeSet<Permission>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

impl Principal {
    /// 403 unless the principal holds `permission`.
    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        if self.permissions.contains(&permission) {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "permission_denied",
                format!("this needs the `{}` permission", permission.as_str()),
            ))
        }
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The tenant every query is scoped to; platform admins have none.
    pub fn tenant(&self) -> ApiResult<TenantId> {
        self.tenant_id
            .ok_or_else(|| ApiError::forbidden("no_tenant", "this account does not belong to a company"))
    }

    pub fn user_id(&self) -> Option<UserId> {
        match &self.actor {
            Actor::User { id, .. } => Some(*id),
            Actor::ApiKey { .. } | Actor::Form { .. } => None,
        }
    }

    /// The signed-in user, or 403 for API keys (e.g. on profile endpoints).
    pub fn require_user(&self) -> ApiResult<(UserId, Role)> {
        match &self.actor {
            Actor::User { id, role, .. } => Ok((*id, *role)),
            Actor::ApiKey { .. } | Actor::Form { .. } => Err(ApiError::forbidden(
                "user_required",
                "this needs a signed-in user, not an API key",
            )),
        }
    }

    pub fn role(&self) -> Option<Role> {
        match &self.actor {
            Actor::User { role, .. } => Some(*role),
            Actor::ApiKey { .. } | Actor::Form { .. } => None,
        }
    }
}

/// A credential as presented in the request headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    AccessToken(String),
    ApiKey(String),
}

/// Reads `Authorization: Bearer …` (an access token or an API key) or `X-API-Key`.
pub fn credential_of(req: &HttpRequest) -> Option<Credential> {
    if let Some(key) = req.headers().get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(Credential::ApiKey(key.trim().to_owned()));
    }
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = token.trim();
    if token.starts_with(crate::api_keys::KEY_PREFIX) {
        Some(Credential::ApiKey(token.to_owned()))
    } else {
        Some(Credential::AccessToken(token.to_owned()))
    }
}

/// The client address, honouring `X-Forwarded-For` only when configured to.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    let info = req.connection_info();
    let ip = if trust_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    ip.unwrap_or("unknown").chars().take(64).collect()
}

pub fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        // Already authenticated by a middleware (see `idempotency`).
        let known = req.extensions().get::<Principal>().cloned();
        let credential = credential_of(req);
        let request_id = request_id(req);
        let ip = state.as_ref().map(|s| client_ip(req, s.config.trust_proxy_headers));
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState missing")))?;
            let credential = credential.ok_or_else(|| {
                ApiError::unauthorized(
                    "unauthorized",
                    "sign in, or send an API key in the Authorization header",
                )
            })?;
            let mut principal = match known {
                Some(principal) => principal,
                None => super::authenticate::authenticate(&state, credential).await?,
            };
            if let Actor::ApiKey { id, .. } = &principal.actor {
                state.key_limits.take(id.0)?;
            }
            principal.request_id = request_id;
            principal.ip = ip;
            Ok(principal)
        })
    }
}
