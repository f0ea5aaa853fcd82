//! List filters on custom fields: `cf[<key>]=<value>` (equality; for multi-select, "has this
//! option"), `cf_from[<key>]=` and `cf_to[<key>]=` (inclusive ranges on number and date fields).
//! A list handler reads them from the raw query string ([`CustomFieldParams`]), its service
//! checks them against the definitions ([`CustomFieldFilter::resolve`]) and narrows its query
//! ([`CustomFieldFilter::apply`]) with `id IN (SELECT record_id FROM custom_field_values …)`.

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, Select};
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use uuid::Uuid;
use voronka_types::custom_fields::{CustomField, CustomFieldEntity, CustomFieldKind};
use voronka_types::{FieldError, TenantId};

use super::entity::value::{self, Entity as Values};
use super::{parse, values};
use crate::error::{ApiError, ApiResult};
use crate::validation::Checks;

/// The most custom-field conditions one list request may carry.
pub const MAX_CONDITIONS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equals,
    From,
    To,
}

const PREFIXES: [(&str, Op); 3] = [("cf", Op::Equals), ("cf_from", Op::From), ("cf_to", Op::To)];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Param {
    /// As sent, e.g. `cf[budget]`: errors name it.
    name: String,
    op: Op,
    key: String,
    value: String,
}

impl Param {
    /// `None` when `name` is no custom-field condition; a malformed one (`cf[]`, `cf=…`)
    /// answers 422 naming it.
    fn read(name: &str, value: &str) -> Option<ApiResult<Param>> {
        let (prefix, op) = PREFIXES
            .iter()
            .find(|(prefix, _)| name == *prefix || name.starts_with(&format!("{prefix}[")))?;
        let key = name[prefix.len()..]
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
            .filter(|key| !key.is_empty() && !key.contains(['[', ']']));
        Some(match key {
            Some(key) => Ok(Param {
                key: key.to_owned(),
                name: name.to_owned(),
                op: *op,
                value: value.to_owned(),
            }),
            None => Err(ApiError::field(
                name,
                "invalid_query",
                format!("write custom field filters as {prefix}[<key>]=<value>"),
            )),
        })
    }
}

/// The custom-field parameters of a list request, as sent (not yet checked against the
/// company's definitions). Also documents `cf`, `cf_from` and `cf_to` in the OpenAPI of a
/// list: add it to the handler's `params(...)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomFieldParams(Vec<Param>);

impl CustomFieldParams {
    /// Picks `cf[…]`, `cf_from[…]` and `cf_to[…]` out of a raw query string (other parameters
    /// are the list's own business). A malformed name (`cf[]`, `cf=…`) answers 422 naming it.
    pub fn from_query_string(query: &str) -> ApiResult<Self> {
        let mut params = Vec::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if let Some(param) = Param::read(&name, &value) {
                params.push(param?);
            }
        }
        Self::checked(params)
    }

    /// The same conditions sent as a JSON object (`{"cf[budget]": "100"}`, a bulk selection);
    /// a name that is not a custom-field condition answers 422 naming `<field>.<name>`.
    pub fn from_object(field: &str, object: &std::collections::BTreeMap<String, String>) -> ApiResult<Self> {
        let mut params = Vec::new();
        for (name, value) in object {
            let Some(param) = Param::read(name, value) else {
                return Err(ApiError::field(
                    format!("{field}.{name}"),
                    "unknown_condition",
                    "write custom field conditions as cf[<key>], cf_from[<key>] or cf_to[<key>]",
                ));
            };
            params.push(param?);
        }
        Self::checked(params)
    }

    fn checked(params: Vec<Param>) -> ApiResult<Self> {
        if params.len() > MAX_CONDITIONS {
            return Err(ApiError::field(
                "cf",
                "too_many",
                format!("at most {MAX_CONDITIONS} custom field filters"),
            ));
        }
        Ok(Self(params))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoParams for CustomFieldParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let doc = [
            (
                "cf",
                "Custom field filters by key, `cf[<key>]=<value>` (repeat for several): text matches \
                 whole values in any case; select matches that option; multi-select matches records \
                 having that option; bool takes `true`/`false`; number and date (`YYYY-MM-DD`) match exactly.",
            ),
            (
                "cf_from",
                "Inclusive lower bounds on number and date custom fields, `cf_from[<key>]=<value>`.",
            ),
            (
                "cf_to",
                "Inclusive upper bounds on number and date custom fields, `cf_to[<key>]=<value>`.",
            ),
        ];
        doc.into_iter()
            .map(|(name, description)| {
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Query)
                    .description(Some(description))
                    .style(Some(ParameterStyle::DeepObject))
                    .explode(Some(true))
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::Object)
                            .additional_properties(Some(ObjectBuilder::new().schema_type(Type::String))),
                    ))
                    .build()
            })
            .collect()
    }
}

/// Checked custom-field conditions, ready to narrow a query.
#[derive(Debug, Clone, Default)]
pub struct CustomFieldFilter(Vec<(Uuid, Expr)>);

impl CustomFieldFilter {
    /// Checks `params` against the company's fields of `entity`: an unknown key answers 422
    /// `unknown_field`, a value that does not fit the field 422 `invalid_value`, each naming the
    /// parameter as sent (`cf[budget]`).
    pub async fn resolve(
        db: &impl ConnectionTrait,
        tenant: TenantId,
        entity: CustomFieldEntity,
        params: &CustomFieldParams,
    ) -> ApiResult<Self> {
        if params.is_empty() {
            return Ok(Self::default());
        }
        let fields = values::columns(db, tenant, entity).await?;
        let mut checks = Checks::new();
        let mut conditions = Vec::new();
        for param in &params.0 {
            let Some(field) = fields.iter().find(|f| f.key == param.key) else {
                checks.push(FieldError::new(
                    &param.name,
                    "unknown_field",
                    "no custom field with this key",
                ));
                continue;
            };
            match condition(field, param) {
                Ok(expr) => conditions.push((field.id.0, expr)),
                Err(message) => checks.push(FieldError::new(&param.name, "invalid_value", message)),
            }
        }
        checks.finish()?;
        Ok(Self(conditions))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `query` narrowed to records (whose id is in `id`) meeting every condition.
    pub fn apply<E: EntityTrait>(&self, mut query: Select<E>, id: E::Column) -> Select<E> {
        for (field, matches) in &self.0 {
            let holders = Query::select()
                .column(value::Column::RecordId)
                .from(Values)
                .and_where(Expr::col(value::Column::FieldId).eq(*field))
                .and_where(matches.clone())
                .to_owned();
            query = query.filter(id.in_subquery(holders));
        }
        query
    }
}

/// The condition on a value row that `param` asks for, or why the value does not fit.
fn condition(field: &CustomField, param: &Param) -> Result<Expr, String> {
    use CustomFieldKind::*;
    let raw = param.value.trim();
    let text = Expr::col(value::Column::ValueText);
    let number = Expr::col(value::Column::ValueNumber);
    let date = Expr::col(value::Column::ValueDate);
    let compare = |column: Expr, bound: sea_orm::Value| match param.op {
        Op::Equals => column.eq(bound),
        Op::From => column.gte(bound),
        Op::To => column.lte(bound),
    };
    match (field.kind, param.op) {
        (Text, Op::Equals) if !raw.is_empty() => Ok(text.eq(raw.to_lowercase())),
        (Text, Op::Equals) => Err("give the text to look for".to_owned()),
        (Select | MultiSelect, Op::Equals) => Ok(text.eq(parse::option(field, raw)?.to_lowercase())),
        (Bool, Op::Equals) => {
            let flag = parse::bool_param(raw).ok_or("expected true or false")?;
            Ok(number.eq(if flag { 1.0 } else { 0.0 }))
        }
        (Number, _) => {
            let value = parse::decimal(raw)
                .and_then(|d| d.parse::<f64>().ok())
                .ok_or("expected a number, like 1250.50")?;
            Ok(compare(number, value.into()))
        }
        (Date, _) => {
            let day = parse::date(raw).ok_or("expected a date as YYYY-MM-DD")?;
            Ok(compare(date, day.into()))
        }
        (_, _) => Err("ranges (cf_from, cf_to) work on number and date fields only".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_field_params_are_picked_from_the_query_string() {
        let params = CustomFieldParams::from_query_string(
            "q=anna&cf%5Bbudget%5D=100&cf_from[due]=2026-01-01&limit=5&cf_to[due]=x",
        )
        .unwrap();
        let seen: Vec<_> = params
            .0
            .iter()
            .map(|p| (p.name.as_str(), p.op, p.key.as_str()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("cf[budget]", Op::Equals, "budget"),
                ("cf_from[due]", Op::From, "due"),
                ("cf_to[due]", Op::To, "due")
            ]
        );
        assert!(
            CustomFieldParams::from_query_string("cfx=1&cursor=abc")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn malformed_custom_field_params_are_named() {
        for (query, name) in [("cf=1", "cf"), ("cf[]=1", "cf[]"), ("cf_to[a=1", "cf_to[a")] {
            match CustomFieldParams::from_query_string(query) {
                Err(ApiError::Validation(errors)) => assert_eq!(errors[0].field, name),
                other => panic!("{query}: expected a field error, got {other:?}"),
            }
        }
        let many: Vec<String> = (0..=MAX_CONDITIONS).map(|i| format!("cf[k{i}]=1")).collect();
        assert!(CustomFieldParams::from_query_string(&many.join("&")).is_err());
    }
}
