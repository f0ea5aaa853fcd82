//! Row scopes: which records of a kind a principal may see.

use voronka_types::{Permission, UserId};

use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};

/// Every record of the tenant, or only those the user owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowScope {
    All,
    Own(UserId),
}

impl RowScope {
    /// `all` wins over `own`; API keys need `all` (they own nothing); neither answers 403.
    pub fn of(principal: &Principal, all: Permission, own: Permission) -> ApiResult<RowScope> {
        if principal.has(all) {
            return Ok(RowScope::All);
        }
        match principal.user_id() {
            Some(user) if principal.has(own) => Ok(RowScope::Own(user)),
            _ => Err(ApiError::forbidden(
                "permission_denied",
                format!("this needs the `{}` or `{}` permission", all.as_str(), own.as_str()),
            )),
        }
    }

    /// The owner a record must have to be visible, if any.
    pub fn owner(self) -> Option<UserId> {
        match self {
            RowScope::All => None,
            RowScope::Own(user) => Some(user),
        }
    }
}
