//! Names of roles and permissions, and readable messages for API problems.

use voronka_types::{FieldError, Permission, Problem, Role};

use super::{Key, Lang};

/// A role's name as people say it.
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    let key = match role {
        Role::Owner => Key::RoleOwner,
        Role::HeadOfSales => Key::RoleHeadOfSales,
        Role::Manager => Key::RoleManager,
        Role::Partner => Key::RolePartner,
        Role::Franchisee => Key::RoleFranchisee,
        Role::Guest => Key::RoleGuest,
        Role::PlatformAdmin => Key::RolePlatformAdmin,
    };
    key.text(lang)
}

/// The areas of permissions, in the order screens list them.
const PERMISSION_GROUPS: [Key; 7] = [
    Key::GroupLeads,
    Key::GroupContacts,
    Key::GroupDeals,
    Key::GroupTasks,
    Key::GroupTeam,
    Key::GroupIntegrations,
    Key::GroupInsights,
];

/// `permissions` grouped by area, areas in [`PERMISSION_GROUPS`] order, empty areas left out.
pub fn permissions_by_group(permissions: &[Permission]) -> Vec<(Key, Vec<Permission>)> {
    PERMISSION_GROUPS
        .iter()
        .map(|group| {
            let members = permissions
                .iter()
                .copied()
                .filter(|p| permission_group(*p) == *group)
                .collect();
            (*group, members)
        })
        .filter(|(_, members): &(Key, Vec<Permission>)| !members.is_empty())
        .collect()
}

/// The area a permission belongs to, for grouping the role matrix and scope lists.
fn permission_group(permission: Permission) -> Key {
    use Permission::*;
    match permission {
        LeadsReadOwn | LeadsReadAll | LeadsWrite | LeadsDelete => Key::GroupLeads,
        ContactsReadOwn | ContactsReadAll | ContactsWrite => Key::GroupContacts,
        DealsReadOwn | DealsReadAll | DealsWrite => Key::GroupDeals,
        TasksReadOwn | TasksReadAll | TasksWrite => Key::GroupTasks,
        UsersRead | UsersManage | RolesManage | AuditRead => Key::GroupTeam,
        SettingsManage | PipelinesManage | FormsManage | ApiKeysManage | WebhooksManage | Ingest | ImportExport => {
            Key::GroupIntegrations
        }
        ReportsRead | AiUse => Key::GroupInsights,
    }
}

/// What a permission allows, in a few words.
pub fn permission_label(permission: Permission, lang: Lang) -> &'static str {
    use Permission::*;
    let (en, ru) = match permission {
        LeadsReadOwn => ("See own leads", "Видеть свои лиды"),
        LeadsReadAll => ("See all leads", "Видеть все лиды"),
        LeadsWrite => ("Create and edit leads", "Создавать и менять лиды"),
        LeadsDelete => ("Delete leads", "Удалять лиды"),
        ContactsReadOwn => ("See own contacts", "Видеть свои контакты"),
        ContactsReadAll => ("See all contacts", "Видеть все контакты"),
        ContactsWrite => ("Create and edit contacts", "Создавать и менять контакты"),
        DealsReadOwn => ("See own deals", "Видеть свои сделки"),
        DealsReadAll => ("See all deals", "Видеть все сделки"),
        DealsWrite => ("Create and edit deals", "Создавать и менять сделки"),
        TasksReadOwn => ("See own tasks", "Видеть свои задачи"),
        TasksReadAll => ("See all tasks", "Видеть все задачи"),
        TasksWrite => ("Create and edit tasks", "Создавать и менять задачи"),
        UsersRead => ("See the team", "Видеть команду"),
        UsersManage => ("Manage users", "Управлять пользователями"),
        RolesManage => ("Edit role permissions", "Настраивать права ролей"),
        SettingsManage => ("Company settings", "Настройки компании"),
        PipelinesManage => ("Edit pipelines and stages", "Настраивать воронки и этапы"),
        FormsManage => ("Manage web forms", "Настраивать веб-формы"),
        ApiKeysManage => ("Manage API keys", "Управлять API-ключами"),
        WebhooksManage => ("Manage webhooks", "Управлять вебхуками"),
        AuditRead => ("Read the audit log", "Читать журнал действий"),
        ReportsRead => ("See reports", "Видеть отчёты"),
        ImportExport => ("Import and export", "Импорт и экспорт"),
        AiUse => ("Use the AI assistant", "Пользоваться ИИ-помощником"),
        Ingest => ("Push data via the API", "Передавать данные через API"),
    };
    match lang {
        Lang::En => en,
        Lang::Ru => ru,
    }
}

/// A problem as one readable sentence in the interface language. Known codes are translated;
/// anything else falls back to what the server said.
pub fn problem_message(problem: &Problem, lang: Lang) -> String {
    let key = match problem.code.as_str() {
        "network_error" => Some(Key::ErrNetwork),
        "invalid_credentials" => Some(Key::ErrInvalidCredentials),
        "totp_invalid" => Some(Key::ErrTotpInvalid),
        "user_inactive" => Some(Key::ErrUserInactive),
        "email_taken" => Some(Key::ErrEmailTaken),
        "validation_failed" => Some(Key::ErrValidation),
        "session_expired" | "token_expired" | "unauthorized" | "invalid_refresh_token" => Some(Key::ErrSessionExpired),
        "forbidden" | "permission_denied" => Some(Key::ErrForbidden),
        "owner_only" => Some(Key::ErrOwnerOnly),
        "totp_already_enabled" => Some(Key::ErrTotpAlreadyOn),
        "totp_not_enabled" => Some(Key::ErrTotpAlreadyOff),
        "totp_not_enrolled" => Some(Key::ErrTotpNotEnrolled),
        "not_found" => Some(Key::ErrNotFound),
        "internal_error" => Some(Key::ErrInternal),
        "invalid_token" => Some(Key::ErrResetToken),
        "duplicate_contact" => Some(Key::ErrDuplicateContact),
        "contact_has_purchases" => Some(Key::ErrHasPurchases),
        "contact_has_leads" => Some(Key::ErrHasLeads),
        "nothing_to_apply" => Some(Key::ErrNothingToApply),
        _ => None,
    };
    if problem.code == "too_many_attempts" || problem.status == 429 {
        return match retry_after_secs(problem) {
            Some(secs) => Key::ErrTooManyWait.text(lang).replacen("{}", &secs.to_string(), 1),
            None => Key::ErrTooMany.text(lang).to_owned(),
        };
    }
    match key {
        Some(key) => key.text(lang).to_owned(),
        None => match (&problem.detail, lang) {
            (Some(detail), _) => capitalize(detail),
            (None, _) if problem.status >= 500 => Key::ErrInternal.text(lang).to_owned(),
            (None, _) => capitalize(&problem.title),
        },
    }
}

/// The number of seconds in a "try again in N s" detail or the `Retry-After` the client kept.
fn retry_after_secs(problem: &Problem) -> Option<u64> {
    let detail = problem.detail.as_deref()?;
    detail
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|digits| digits.parse().ok())
}

/// One field's error in the interface language.
pub fn field_error_message(error: &FieldError, lang: Lang) -> String {
    let key = match error.code.as_str() {
        "required" => Some(Key::FieldRequired),
        "invalid_email" => Some(Key::FieldInvalidEmail),
        "too_short" if error.field.contains("password") => Some(Key::FieldPasswordShort),
        "too_long" => Some(Key::FieldTooLong),
        "too_common" => Some(Key::FieldTooCommon),
        "same_as_email" => Some(Key::FieldSameAsEmail),
        "email_taken" => Some(Key::ErrEmailTaken),
        "totp_invalid" => Some(Key::ErrTotpInvalid),
        "incorrect" => Some(Key::ErrWrongPassword),
        "invalid_token" => Some(Key::ErrResetToken),
        "nothing_to_apply" => Some(Key::ErrNothingToApply),
        "invalid_characters" => Some(Key::FieldInvalidCharacters),
        "invalid_phone" => Some(Key::FieldInvalidPhone),
        "invalid_amount" | "negative_amount" => Some(Key::FieldInvalidAmount),
        "too_precise" => Some(Key::FieldTooPrecise),
        "out_of_range" => Some(Key::FieldOutOfRange),
        "invalid_currency" => Some(Key::FieldInvalidCurrency),
        "invalid_url" => Some(Key::FieldInvalidUrl),
        "invalid_origin" => Some(Key::FieldInvalidOrigin),
        "private_address" => Some(Key::FieldPrivateTarget),
        "unresolvable_host" => Some(Key::FieldUnresolvable),
        "duplicate" => Some(Key::FieldDuplicate),
        "unknown_key" | "unknown_user" | "unknown_custom_field" | "wrong_kind" => Some(Key::FieldUnknown),
        "too_many" => Some(Key::FieldTooMany),
        "different_external_ids" => Some(Key::ErrDifferentExternalIds),
        "duplicate_contact" => Some(Key::ErrDuplicateContact),
        _ => None,
    };
    match (key, lang) {
        (Some(key), _) => key.text(lang).to_owned(),
        (None, _) => capitalize(&error.message),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
