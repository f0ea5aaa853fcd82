//! The rows of an export, read in pages of [`PAGE`] in keyset order (newest first) from the
//! same selection the list uses, with the caller's row scope: the main fields as text, then one
//! column per custom field (its display string).

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;
use voronka_types::contacts::Contact;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldValues};
use voronka_types::deals::{Deal, DealFilter};
use voronka_types::leads::LeadFilter;
use voronka_types::{Money, TenantId};

use crate::auth::principal::Principal;
use crate::companies::entity::{Column as CompanyColumn, Entity as Companies};
use crate::contacts::entity::contact::{self, Entity as Contacts};
use crate::contacts::service::ContactFilter;
use crate::custom_fields::{CustomFieldParams, values};
use crate::deals::entity::{self as deal, Entity as Deals};
use crate::error::ApiResult;
use crate::leads::entity::{self as lead, Entity as Leads};
use crate::pipelines::entity::{pipeline, stage};
use crate::users::entity::{Column as UserColumn, Entity as Users};

/// Rows read from the database at a time.
pub const PAGE: u64 = 500;

/// What the rows are, with the query that finds them.
enum Query {
    Contacts(Select<Contacts>),
    Leads(Select<Leads>),
    Deals(Select<Deals>),
}

/// An export being read: its header and the rows still to come.
pub struct Records {
    pub headers: Vec<String>,
    query: Query,
    fields: Vec<CustomField>,
    /// Names of the company's users, pipelines and stages by id.
    names: HashMap<Uuid, String>,
    /// The last id read; the next page starts below it.
    after: Option<Uuid>,
    done: bool,
}

fn text<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn money(amount: Option<&Money>) -> (String, String) {
    amount.map_or_else(Default::default, |m| (m.amount.clone(), m.currency.clone()))
}

/// Names of the tenant's users, pipelines and stages by id (a company has few of each).
async fn names(db: &impl ConnectionTrait, tenant: TenantId) -> ApiResult<HashMap<Uuid, String>> {
    let mut names: HashMap<Uuid, String> = Users::find()
        .filter(UserColumn::TenantId.eq(tenant.0))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    for p in pipeline::Entity::find()
        .filter(pipeline::Column::TenantId.eq(tenant.0))
        .all(db)
        .await?
    {
        names.insert(p.id, p.name);
    }
    for s in stage::Entity::find()
        .filter(stage::Column::TenantId.eq(tenant.0))
        .all(db)
        .await?
    {
        names.insert(s.id, s.name);
    }
    Ok(names)
}

impl Records {
    async fn new(
        db: &impl ConnectionTrait,
        by: &Principal,
        entity: CustomFieldEntity,
        query: Query,
    ) -> ApiResult<Self> {
        let tenant = by.tenant()?;
        let fields = values::columns(db, tenant, entity).await?;
        let main: &[&str] = match query {
            Query::Contacts(_) => &[
                "ID", "Name", "Phones", "E-mails", "Company", "City", "Source", "Tags", "Owner", "Created", "Updated",
            ],
            Query::Leads(_) => &[
                "ID",
                "Name",
                "Contact",
                "Phone",
                "E-mail",
                "Pipeline",
                "Stage",
                "Source",
                "Owner",
                "Score",
                "Temperature",
                "Amount",
                "Currency",
                "City",
                "Tags",
                "Repeat",
                "Last message",
                "Created",
                "Updated",
            ],
            Query::Deals(_) => &[
                "ID",
                "Title",
                "Pipeline",
                "Stage",
                "Status",
                "Owner",
                "Amount",
                "Currency",
                "Expected close",
                "Probability",
                "Close reason",
                "Closed",
                "Tags",
                "Created",
                "Updated",
            ],
        };
        let mut headers: Vec<String> = main.iter().map(|h| (*h).to_owned()).collect();
        headers.extend(fields.iter().map(|f| f.label.clone()));
        Ok(Records {
            headers,
            query,
            fields,
            names: names(db, tenant).await?,
            after: None,
            done: false,
        })
    }

    /// The contacts `filter` selects for `by`.
    pub async fn contacts(db: &impl ConnectionTrait, by: &Principal, filter: &ContactFilter) -> ApiResult<Self> {
        let query = crate::contacts::service::selection(db, by, filter).await?;
        Self::new(db, by, CustomFieldEntity::Contact, Query::Contacts(query)).await
    }

    /// The leads `filter` and `custom` select for `by`.
    pub async fn leads(
        db: &impl ConnectionTrait,
        by: &Principal,
        filter: &LeadFilter,
        custom: &CustomFieldParams,
    ) -> ApiResult<Self> {
        let query = crate::leads::list::selection(db, by, filter, custom).await?;
        Self::new(db, by, CustomFieldEntity::Lead, Query::Leads(query)).await
    }

    /// The deals `filter` and `custom` select for `by`.
    pub async fn deals(
        db: &impl ConnectionTrait,
        by: &Principal,
        filter: &DealFilter,
        custom: &CustomFieldParams,
    ) -> ApiResult<Self> {
        let query = crate::deals::list::selection(db, by, filter, custom).await?;
        Self::new(db, by, CustomFieldEntity::Deal, Query::Deals(query)).await
    }

    /// How many rows the export has.
    pub async fn count(&self, db: &impl ConnectionTrait) -> ApiResult<u64> {
        Ok(match &self.query {
            Query::Contacts(q) => q.clone().count(db).await?,
            Query::Leads(q) => q.clone().count(db).await?,
            Query::Deals(q) => q.clone().count(db).await?,
        })
    }

    fn name(&self, id: Option<Uuid>) -> String {
        id.and_then(|id| self.names.get(&id).cloned()).unwrap_or_default()
    }

    fn custom(&self, values: &CustomFieldValues) -> impl Iterator<Item = String> {
        self.fields.iter().map(move |f| values::display(f, values))
    }

    /// The next page of rows, or `None` after the last.
    pub async fn next_page(&mut self, db: &impl ConnectionTrait) -> ApiResult<Option<Vec<Vec<String>>>> {
        if self.done {
            return Ok(None);
        }
        let (rows, last) = match &self.query {
            Query::Contacts(q) => {
                let models = page(q.clone(), contact::Column::Id, self.after, db).await?;
                let last = models.last().map(|m| m.id);
                (self.contact_rows(db, models).await?, last)
            }
            Query::Leads(q) => {
                let models = page(q.clone(), lead::Column::Id, self.after, db).await?;
                let last = models.last().map(|m| m.id);
                (self.lead_rows(db, models).await?, last)
            }
            Query::Deals(q) => {
                let models = page(q.clone(), deal::Column::Id, self.after, db).await?;
                let last = models.last().map(|m| m.id);
                (models.into_iter().map(|m| self.deal_row(m.into())).collect(), last)
            }
        };
        self.done = (rows.len() as u64) < PAGE;
        self.after = last;
        Ok((!rows.is_empty()).then_some(rows))
    }

    async fn contact_rows(
        &self,
        db: &impl ConnectionTrait,
        models: Vec<contact::Model>,
    ) -> ApiResult<Vec<Vec<String>>> {
        let company_ids: Vec<Uuid> = models.iter().filter_map(|m| m.company_id).collect();
        let companies: HashMap<Uuid, String> = if company_ids.is_empty() {
            HashMap::new()
        } else {
            Companies::find()
                .filter(CompanyColumn::Id.is_in(company_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect()
        };
        Ok(models
            .into_iter()
            .map(|m| {
                let c = Contact::from(m);
                let mut row = vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.phones.iter().map(|p| p.raw.as_str()).collect::<Vec<_>>().join(", "),
                    c.emails.join(", "),
                    c.company_id
                        .and_then(|id| companies.get(&id.0).cloned())
                        .unwrap_or_default(),
                    text(c.city.as_ref()),
                    c.source.as_str().to_owned(),
                    c.tags.join(", "),
                    self.name(c.owner_id.map(|o| o.0)),
                    c.created_at.to_rfc3339(),
                    c.updated_at.to_rfc3339(),
                ];
                row.extend(self.custom(&c.custom_fields));
                row
            })
            .collect())
    }

    async fn lead_rows(&self, db: &impl ConnectionTrait, models: Vec<lead::Model>) -> ApiResult<Vec<Vec<String>>> {
        let leads = crate::leads::card::with_contacts(db, models).await?;
        Ok(leads
            .into_iter()
            .map(|l| {
                let (amount, currency) = money(l.amount.as_ref());
                let mut row = vec![
                    l.id.to_string(),
                    l.name.clone(),
                    l.contact.name.clone(),
                    text(l.contact.phone.as_ref()),
                    text(l.contact.email.as_ref()),
                    self.name(Some(l.pipeline_id.0)),
                    self.name(Some(l.stage_id.0)),
                    l.source.as_str().to_owned(),
                    self.name(l.owner_id.map(|o| o.0)),
                    l.score.to_string(),
                    text(l.temperature.map(|t| t.as_str())),
                    amount,
                    currency,
                    text(l.city.as_ref()),
                    l.tags.join(", "),
                    l.repeat.to_string(),
                    text(l.last_inbound_message.as_ref()),
                    l.created_at.to_rfc3339(),
                    l.updated_at.to_rfc3339(),
                ];
                row.extend(self.custom(&l.custom_fields));
                row
            })
            .collect())
    }

    fn deal_row(&self, d: Deal) -> Vec<String> {
        let (amount, currency) = money(Some(&d.amount));
        let mut row = vec![
            d.id.to_string(),
            d.title.clone(),
            self.name(Some(d.pipeline_id.0)),
            self.name(Some(d.stage_id.0)),
            d.status.as_str().to_owned(),
            self.name(d.owner_id.map(|o| o.0)),
            amount,
            currency,
            text(d.expected_close_date),
            text(d.probability),
            text(d.close_reason.as_ref()),
            text(d.closed_at.map(|t| t.to_rfc3339())),
            d.tags.join(", "),
            d.created_at.to_rfc3339(),
            d.updated_at.to_rfc3339(),
        ];
        row.extend(self.custom(&d.custom_fields));
        row
    }
}

/// One keyset page of `query` below `after`, newest first.
async fn page<E>(
    query: Select<E>,
    id: E::Column,
    after: Option<Uuid>,
    db: &impl ConnectionTrait,
) -> ApiResult<Vec<E::Model>>
where
    E: EntityTrait,
{
    let query = match after {
        Some(after) => query.filter(id.lt(after)),
        None => query,
    };
    Ok(query.order_by_desc(id).limit(PAGE).all(db).await?)
}
