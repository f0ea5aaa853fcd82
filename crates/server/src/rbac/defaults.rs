//! The role → permission matrix a new tenant starts with.

use voronka_types::{Permission, Role};

use Permission::*;

/// What each role may do until the owner changes it.
pub fn default_permissions(role: Role) -> Vec<Permission> {
    match role {
        Role::Owner => Permission::ALL.to_vec(),
        Role::HeadOfSales => vec![
            LeadsReadOwn,
            LeadsReadAll,
            LeadsWrite,
            LeadsDelete,
            ContactsReadOwn,
            ContactsReadAll,
            ContactsWrite,
            DealsReadOwn,
            DealsReadAll,
            DealsWrite,
            TasksReadOwn,
            TasksReadAll,
            TasksWrite,
            UsersRead,
            UsersManage,
            PipelinesManage,
            FormsManage,
            ReportsRead,
            ImportExport,
            AiUse,
        ],
        Role::Manager => vec![
            LeadsReadOwn,
            LeadsWrite,
            ContactsReadOwn,
            ContactsWrite,
            DealsReadOwn,
            DealsWrite,
            TasksReadOwn,
            TasksWrite,
            UsersRead,
            AiUse,
        ],
        Role::Partner => vec![LeadsReadOwn, LeadsWrite, ContactsReadOwn, DealsReadOwn],
        Role::Franchisee => vec![
            LeadsReadOwn,
            LeadsWrite,
            ContactsReadOwn,
            ContactsWrite,
            DealsReadOwn,
            DealsWrite,
            TasksReadOwn,
            TasksWrite,
            ReportsRead,
        ],
        Role::Guest => vec![LeadsReadAll, ContactsReadAll, DealsReadAll, ReportsRead],
        Role::PlatformAdmin => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_can_do_everything_and_managers_cannot_manage_users() {
        assert_eq!(default_permissions(Role::Owner).len(), Permission::ALL.len());
        let manager = default_permissions(Role::Manager);
        assert!(!manager.contains(&UsersManage));
        assert!(!manager.contains(&RolesManage));
        assert!(manager.contains(&LeadsReadOwn) && !manager.contains(&LeadsReadAll));
        assert!(default_permissions(Role::HeadOfSales).contains(&UsersManage));
    }

    #[test]
    fn guests_only_read() {
        assert!(
            default_permissions(Role::Guest)
                .iter()
                .all(|p| p.as_str().contains(".read") || *p == ReportsRead)
        );
    }
}
