//! Checking what a form is made of: its fields (and where each lands on the lead), the
//! owner rule, allowed origins, the honeypot name and the thank-you settings.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use voronka_types::custom_fields::CustomField;
use voronka_types::forms::{FormField, FormFieldKind, OwnerRule};
use voronka_types::{FieldError, TenantId, UserId};

use crate::error::ApiResult;
use crate::users::entity::{self as user, Entity as Users};
use crate::validation::{self, Checks};

pub const MAX_FIELDS: usize = 50;
pub const MAX_OPTIONS: usize = 100;
pub const MAX_ORIGINS: usize = 20;
pub const MAX_ROUND_ROBIN_USERS: usize = 50;
pub const DEFAULT_HONEYPOT: &str = "_gotcha";
pub const DEFAULT_SUCCESS_MESSAGE: &str = "Thank you! We will get back to you soon.";

/// Where a field's answer lands on the new lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Name,
    Phone,
    Email,
    City,
    /// The lead's first inbound message.
    Message,
    /// A custom field of leads, by its key.
    Custom(String),
}

impl Target {
    /// The target a field key names, if it names one (custom keys are not checked here).
    pub fn of(key: &str) -> Option<Target> {
        match key {
            "name" => Some(Target::Name),
            "phone" => Some(Target::Phone),
            "email" => Some(Target::Email),
            "city" => Some(Target::City),
            "message" | "comment" => Some(Target::Message),
            other => other
                .strip_prefix("cf.")
                .filter(|k| !k.is_empty())
                .map(|k| Target::Custom(k.to_owned())),
        }
    }

    fn is_contact(&self) -> bool {
        matches!(self, Target::Name | Target::Phone | Target::Email)
    }
}

/// Clean fields: known keys (custom ones among `lead_fields`), no target twice, labels and
/// options tidy; contact details present; every required custom field of leads asked for.
pub fn fields(checks: &mut Checks, raw: &[FormField], lead_fields: &[CustomField]) -> Vec<FormField> {
    if raw.is_empty() || raw.len() > MAX_FIELDS {
        checks.push(FieldError::new(
            "fields",
            "invalid_length",
            format!("a form has 1–{MAX_FIELDS} fields"),
        ));
        return Vec::new();
    }
    let mut out: Vec<FormField> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    for (i, field) in raw.iter().enumerate() {
        let at = |name: &str| format!("fields[{i}].{name}");
        let key = field.key.trim();
        let Some(target) = Target::of(key) else {
            checks.push(FieldError::new(
                at("key"),
                "unknown_key",
                "use name, phone, email, city, message, comment or cf.<custom field key>",
            ));
            continue;
        };
        if let Target::Custom(custom) = &target
            && !lead_fields.iter().any(|f| &f.key == custom)
        {
            checks.push(FieldError::new(
                at("key"),
                "unknown_custom_field",
                "no custom field of leads has this key",
            ));
            continue;
        }
        if targets.contains(&target) {
            checks.push(FieldError::new(
                at("key"),
                "duplicate",
                "another field fills this already",
            ));
            continue;
        }
        let kind_fits = match (&target, field.kind) {
            (Target::Phone, kind) => matches!(kind, FormFieldKind::Phone | FormFieldKind::Text),
            (Target::Email, kind) => matches!(kind, FormFieldKind::Email | FormFieldKind::Text),
            _ => true,
        };
        if !kind_fits {
            checks.push(FieldError::new(
                at("kind"),
                "wrong_kind",
                format!("`{key}` cannot be a {} field", field.kind.as_str()),
            ));
        }
        let label = checks.take(validation::text(&at("label"), &field.label, 100));
        let options = options(checks, i, field);
        targets.push(target);
        // Kept even with a bad label (the answer is 422 then) so later checks see the key.
        out.push(FormField {
            key: key.to_owned(),
            label: label.unwrap_or_else(|| field.label.clone()),
            kind: field.kind,
            required: field.required,
            options,
        });
    }
    if !targets.iter().any(Target::is_contact) {
        checks.push(FieldError::new(
            "fields",
            "contact_field_required",
            "a form needs a name, phone or email field to know who asked",
        ));
    }
    for required in lead_fields.iter().filter(|f| f.required) {
        let asked = out
            .iter()
            .any(|f| f.required && Target::of(&f.key) == Some(Target::Custom(required.key.clone())));
        if !asked {
            checks.push(FieldError::new(
                "fields",
                "missing_required_custom_field",
                format!(
                    "leads need `{}`: add a required field with key `cf.{}`",
                    required.label, required.key
                ),
            ));
        }
    }
    out
}

fn options(checks: &mut Checks, i: usize, field: &FormField) -> Vec<String> {
    let name = format!("fields[{i}].options");
    if field.kind != FormFieldKind::Select {
        if !field.options.is_empty() {
            checks.push(FieldError::new(name, "not_allowed", "only select fields have options"));
        }
        return Vec::new();
    }
    if field.options.is_empty() || field.options.len() > MAX_OPTIONS {
        checks.push(FieldError::new(
            name,
            "invalid_length",
            format!("a select field has 1–{MAX_OPTIONS} options"),
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (j, raw) in field.options.iter().enumerate() {
        if let Some(option) = checks.take(validation::text(&format!("{name}[{j}]"), raw, 100))
            && !out.contains(&option)
        {
            out.push(option);
        }
    }
    out
}

/// An origin as a browser sends it: `https://host` or `http://host`, an optional port, no
/// path; answered lower-cased.
pub fn origin(field: &str, raw: &str) -> Result<String, FieldError> {
    let invalid = || {
        FieldError::new(
            field,
            "invalid_origin",
            "an origin looks like https://example.com (scheme, host and optional port only)",
        )
    };
    let value = raw.trim().to_ascii_lowercase();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or_else(invalid)?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
    if host_ok && port_ok { Ok(value) } else { Err(invalid()) }
}

/// Distinct, well-formed origins.
pub fn origins(checks: &mut Checks, raw: &[String]) -> Vec<String> {
    if raw.len() > MAX_ORIGINS {
        checks.push(FieldError::new(
            "allowed_origins",
            "too_many",
            format!("at most {MAX_ORIGINS} origins"),
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in raw.iter().enumerate() {
        if let Some(origin) = checks.take(origin(&format!("allowed_origins[{i}]"), raw))
            && !out.contains(&origin)
        {
            out.push(origin);
        }
    }
    out
}

/// The name of the hidden spam-trap input: letters, digits, `_` and `-`, not a field's key.
pub fn honeypot(checks: &mut Checks, raw: &str, fields: &[FormField]) -> Option<String> {
    let value = raw.trim();
    let well_formed =
        (1..=64).contains(&value.len()) && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !well_formed {
        checks.push(FieldError::new(
            "honeypot_field",
            "invalid_name",
            "use 1–64 letters, digits, `_` or `-`",
        ));
        return None;
    }
    if fields.iter().any(|f| f.key == value) {
        checks.push(FieldError::new(
            "honeypot_field",
            "clashes_with_field",
            "a visible field already uses this name",
        ));
        return None;
    }
    Some(value.to_owned())
}

/// An `http(s)` address to send the browser to after a submission.
pub fn redirect_url(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    let lower = value.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or("");
    let host_part = host.split(['/', '?', '#']).next().unwrap_or("");
    if value.len() > 2000
        || host_part.is_empty()
        || value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(FieldError::new(
            field,
            "invalid_url",
            "give a full address starting with https:// (or http://)",
        ));
    }
    Ok(value.to_owned())
}

/// Checks that the users of an owner rule are active members of the company.
pub async fn owner_rule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    rule: &OwnerRule,
    checks: &mut Checks,
) -> ApiResult<()> {
    let listed: Vec<(String, UserId)> = match rule {
        OwnerRule::None => Vec::new(),
        OwnerRule::User { user_id } => vec![("owner_rule.user_id".into(), *user_id)],
        OwnerRule::RoundRobin { user_ids } => {
            if user_ids.is_empty() || user_ids.len() > MAX_ROUND_ROBIN_USERS {
                checks.push(FieldError::new(
                    "owner_rule.user_ids",
                    "invalid_length",
                    format!("list 1–{MAX_ROUND_ROBIN_USERS} users"),
                ));
                return Ok(());
            }
            user_ids
                .iter()
                .enumerate()
                .map(|(i, id)| (format!("owner_rule.user_ids[{i}]"), *id))
                .collect()
        }
    };
    let found = active_users(db, tenant, &listed.iter().map(|(_, id)| *id).collect::<Vec<_>>()).await?;
    for (i, (field, id)) in listed.iter().enumerate() {
        if listed[..i].iter().any(|(_, earlier)| earlier == id) {
            checks.push(FieldError::new(field.clone(), "duplicate", "this user is listed twice"));
        } else if !found.contains(id) {
            checks.push(FieldError::new(
                field.clone(),
                "unknown_user",
                "no active user with this id in your company",
            ));
        }
    }
    Ok(())
}

/// Which of `ids` are active users of the tenant.
pub async fn active_users(db: &impl ConnectionTrait, tenant: TenantId, ids: &[UserId]) -> ApiResult<Vec<UserId>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Users::find()
        .filter(user::Column::TenantId.eq(tenant.0))
        .filter(user::Column::Id.is_in(ids.iter().map(|u| u.0)))
        .all(db)
        .await?
        .into_iter()
        .filter(user::Model::is_active)
        .map(|u| UserId(u.id))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert_eq!(
            origin("o", " https://Shop.Example.com ").unwrap(),
            "https://shop.example.com"
        );
        assert!(origin("o", "http://localhost:3000").is_ok());
        for bad in [
            "shop.example.com",
            "https://",
            "https://shop.example.com/",
            "https://shop.example.com/contact",
            "ftp://shop.example.com",
            "https://*.example.com",
            "https://shop.example.com:99999",
            "https://user@shop.example.com",
        ] {
            assert!(origin("o", bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn field_keys_map_onto_lead_targets() {
        assert_eq!(Target::of("comment"), Some(Target::Message));
        assert_eq!(Target::of("cf.budget"), Some(Target::Custom("budget".into())));
        assert_eq!(Target::of("cf."), None);
        assert_eq!(Target::of("surname"), None);
    }
}
