//! Roles inside a tenant and the permissions a role grants.

use serde::{Deserialize, Serialize};

/// A user's role inside their company. `platform_admin` stands above all tenants and is
/// never assignable through the tenant API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    HeadOfSales,
    Manager,
    Partner,
    Franchisee,
    Guest,
    PlatformAdmin,
}

impl Role {
    /// Roles that exist inside a tenant (what the role matrix lists).
    pub const TENANT_ROLES: [Role; 6] = [
        Role::Owner,
        Role::HeadOfSales,
        Role::Manager,
        Role::Partner,
        Role::Franchisee,
        Role::Guest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::HeadOfSales => "head_of_sales",
            Role::Manager => "manager",
            Role::Partner => "partner",
            Role::Franchisee => "franchisee",
            Role::Guest => "guest",
            Role::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::PlatformAdmin]
            .into_iter()
            .chain(Role::TENANT_ROLES)
            .find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! permissions {
    ($($(#[$meta:meta])* $variant:ident => $name:literal),+ $(,)?) => {
        /// One thing a role may do. Serialized as dotted names such as `leads.read.own`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum Permission {
            $($(#[$meta])* #[serde(rename = $name)] $variant,)+
        }

        impl Permission {
            /// Every permission, in a stable order.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self { $(Permission::$variant => $name,)+ }
            }

            pub fn parse(s: &str) -> Option<Permission> {
                match s { $($name => Some(Permission::$variant),)+ _ => None }
            }
        }
    };
}

permissions! {
    /// See leads the user owns.
    LeadsReadOwn => "leads.read.own",
    /// See every lead of the tenant.
    LeadsReadAll => "leads.read.all",
    LeadsWrite => "leads.write",
    LeadsDelete => "leads.delete",
    ContactsReadOwn => "contacts.read.own",
    ContactsReadAll => "contacts.read.all",
    ContactsWrite => "contacts.write",
    DealsReadOwn => "deals.read.own",
    DealsReadAll => "deals.read.all",
    DealsWrite => "deals.write",
    TasksReadOwn => "tasks.read.own",
    TasksReadAll => "tasks.read.all",
    TasksWrite => "tasks.write",
    /// See the team list (needed to assign records).
    UsersRead => "users.read",
    /// Create users, change their role and status.
    UsersManage => "users.manage",
    /// Edit the role → permission matrix.
    RolesManage => "roles.manage",
    SettingsManage => "settings.manage",
    /// Add, rename, reorder and remove pipelines and stages.
    PipelinesManage => "pipelines.manage",
    /// Create, change and remove web forms that capture leads from the company's sites.
    FormsManage => "forms.manage",
    ApiKeysManage => "api_keys.manage",
    WebhooksManage => "webhooks.manage",
    AuditRead => "audit.read",
    ReportsRead => "reports.read",
    ImportExport => "import_export",
    AiUse => "ai.use",
    /// Push customers, purchases and leads through the ingest API.
    Ingest => "ingest",
}

impl std::fmt::Display for Permission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the role matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RolePermissions {
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// False for the owner, whose permissions are fixed.
    pub editable: bool,
}

/// Body of `PUT /api/v1/roles/{role}/permissions`: the full new set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetRolePermissions {
    pub permissions: Vec<Permission>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_round_trips_through_its_name() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(*p));
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
    }

    #[test]
    fn roles_serialize_in_snake_case() {
        assert_eq!(serde_json::to_string(&Role::HeadOfSales).unwrap(), "\"head_of_sales\"");
        assert_eq!(Role::parse("head_of_sales"), Some(Role::HeadOfSales));
        assert_eq!(Role::parse("boss"), None);
    }
}
