//! The contact's fields, editable in place: what typed or picked values become (one
//! `UpdateContact` per field) and the details card.

use leptos::prelude::*;
use voronka_types::Permission;
use voronka_types::contacts::{Contact, UpdateContact};

use super::card::use_contact;
use super::new_contact::split_list;
use super::use_companies;
use crate::components::form::FormState;
use crate::components::inline::{InlineSelect, InlineText, Save};
use crate::i18n::{Key, format_datetime, source_label, tr, use_i18n};
use crate::pages::leads::context::use_leads;
use crate::session::use_session;

/// Turns what was typed into a change, or names what is wrong with it.
pub type Patch = fn(&str) -> Result<UpdateContact, Key>;

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The change for a new name (required).
pub fn name_patch(v: &str) -> Result<UpdateContact, Key> {
    let name = optional(v).ok_or(Key::FieldRequired)?;
    Ok(UpdateContact {
        name: Some(name),
        ..UpdateContact::default()
    })
}

/// The change for new phones (comma-separated, any format).
pub fn phones_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        phones: Some(split_list(v)),
        ..UpdateContact::default()
    })
}

/// The change for new e-mails (comma-separated).
pub fn emails_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        emails: Some(split_list(v)),
        ..UpdateContact::default()
    })
}

/// The change for a new company, or none.
pub fn company_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        company_id: Some(v.parse().ok()),
        ..UpdateContact::default()
    })
}

/// The change for a new city; blank clears it.
pub fn city_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        city: Some(optional(v)),
        ..UpdateContact::default()
    })
}

/// The change for new tags (comma-separated).
pub fn tags_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        tags: Some(split_list(v)),
        ..UpdateContact::default()
    })
}

/// The change for a new owner, or nobody.
pub fn owner_patch(v: &str) -> Result<UpdateContact, Key> {
    Ok(UpdateContact {
        owner_id: Some(v.parse().ok()),
        ..UpdateContact::default()
    })
}

/// Saves a contact field: what was typed becomes a change through `patch`. Problems naming a
/// list item (`phones[1]`) show under the list's field.
pub fn saver(patch: Patch) -> Save {
    let editor = use_contact();
    Callback::new(move |(text, form): (String, FormState)| {
        let change = patch(&text)?;
        editor.save(change, form);
        Ok(())
    })
}

/// Without `contacts.write` the values show, but do not open for editing.
pub fn locked() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || !session.can(Permission::ContactsWrite))
}

fn contact_value(f: impl Fn(&Contact) -> String + Send + Sync + 'static) -> Signal<String> {
    let editor = use_contact();
    Signal::derive(move || editor.contact.with(|c| f(c)))
}

/// Every field of the contact, in a card.
#[component]
pub fn ContactDetails() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_contact();
    let leads = use_leads();
    let companies = use_companies();
    let contact = editor.contact;
    let company_options = Signal::derive(move || {
        let mut list = vec![(String::new(), i18n.t(Key::NoCompany).to_owned())];
        companies
            .0
            .with(|all| list.extend(all.iter().map(|(id, name)| (id.to_string(), name.clone()))));
        if let Some(id) = contact
            .with(|c| c.company_id)
            .filter(|id| !list.iter().any(|(v, _)| *v == id.to_string()))
        {
            list.push((id.to_string(), "…".to_owned()));
        }
        list
    });
    let owner_options = Signal::derive(move || {
        let mut list = vec![(String::new(), i18n.t(Key::Unassigned).to_owned())];
        leads
            .team
            .with(|team| list.extend(team.iter().map(|(id, name)| (id.to_string(), name.clone()))));
        if let Some(owner) = contact
            .with(|c| c.owner_id)
            .filter(|o| !list.iter().any(|(v, _)| *v == o.to_string()))
        {
            list.push((owner.to_string(), "…".to_owned()));
        }
        list
    });
    view! {
        <section class="card lead-details" aria-labelledby="details-title">
            <h2 class="card-title" id="details-title">{tr(Key::Details)}</h2>
            <InlineText
                label=Key::Phones
                field="phones"
                inputmode="tel"
                value=contact_value(|c| c.phones.iter().map(|p| p.raw.as_str()).collect::<Vec<_>>().join(", "))
                save=saver(phones_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Emails
                field="emails"
                inputmode="email"
                value=contact_value(|c| c.emails.join(", "))
                save=saver(emails_patch)
                read_only=locked()
            />
            <InlineSelect
                label=Key::Company
                field="company_id"
                value=contact_value(|c| c.company_id.map(|id| id.to_string()).unwrap_or_default())
                options=company_options
                save=saver(company_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::City
                field="city"
                value=contact_value(|c| c.city.clone().unwrap_or_default())
                save=saver(city_patch)
                read_only=locked()
            />
            <InlineText
                label=Key::Tags
                field="tags"
                value=contact_value(|c| c.tags.join(", "))
                save=saver(tags_patch)
                read_only=locked()
            />
            <InlineSelect
                label=Key::Owner
                field="owner_id"
                value=contact_value(|c| c.owner_id.map(|o| o.to_string()).unwrap_or_default())
                options=owner_options
                save=saver(owner_patch)
                read_only=locked()
            />
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Source)}</span>
                <p class="inline-static">{move || contact.with(|c| source_label(c.source, i18n.lang()))}</p>
            </div>
            {move || {
                contact
                    .with(|c| c.external_id.clone())
                    .map(|id| {
                        view! {
                            <div class="inline-field">
                                <span class="inline-label">{tr(Key::ExternalId)}</span>
                                <p class="inline-static">{id}</p>
                            </div>
                        }
                    })
            }}
            <div class="inline-field">
                <span class="inline-label">{tr(Key::Created)}</span>
                <p class="inline-static">{move || contact.with(|c| format_datetime(c.created_at, i18n.lang()))}</p>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_split_on_commas_and_a_blank_list_clears_them() {
        let phones = phones_patch(" +7 916 123-45-67, ; 8 (495) 000-00-00 ").map(|p| p.phones);
        assert_eq!(
            phones,
            Ok(Some(vec![
                "+7 916 123-45-67".to_owned(),
                "8 (495) 000-00-00".to_owned()
            ]))
        );
        assert_eq!(emails_patch("  ").map(|p| p.emails), Ok(Some(Vec::new())));
    }

    #[test]
    fn a_contact_needs_a_name_and_a_blank_city_clears_it() {
        assert_eq!(name_patch("  "), Err(Key::FieldRequired));
        assert_eq!(city_patch(" ").map(|p| p.city), Ok(Some(None)));
    }
}
